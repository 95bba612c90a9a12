import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createConsultation } from '~/domain/consultations.server'
import { updateSection } from '~/domain/drafting.server'
import { resolveFindings } from '~/domain/evaluations/findings.server'
import { computeIkm } from '~/domain/evaluations/ikm'
import { addIndicator, indicatorsForPeriods, recordIndicatorValue, retireIndicator } from '~/domain/evaluations/indicators.server'
import { closeSurveyNow, getPeriodWithPolicy, listPeriods, openNextPeriod, setPlan, updateSurveySettings } from '~/domain/evaluations/periods.server'
import { createSurveyImport, getSurveyImport, runSurveyImport } from '~/domain/evaluations/import.server'
import { addFollowUp, publishReport, saveAnalysis, startRevision } from '~/domain/evaluations/reports.server'
import { iterateResponses, periodResults, readTallies, resultsOverTime } from '~/domain/evaluations/results.server'
import { SURVEY_LIMITS, type SkmElement } from '~/domain/evaluations/skm'
import { type ResponseInput, addSurveyQuestion, createReceiptCodes, recordPaperResponse, submitSurveyResponse } from '~/domain/evaluations/survey.server'
import { DEFAULT_TOPICS } from '~/domain/input-rules'
import { listPublishedInputs } from '~/domain/inputs.server'
import { loadActor } from '~/domain/permissions.server'
import { addMembership, createOrganisation, createPolicyWithPublishedVersion, getPolicyBySlug } from '~/domain/policies.server'
import { getPolicyTimeline } from '~/domain/redline.server'
import { CitationError, citeChange, listChangeCitations } from '~/domain/revisions.server'
import { setClock } from '~/lib/clock'
import { TEST_NOW, testTime } from '../clock'
import { type TestDb, countRows, createTestDb, dialects } from '../db'

const DAY = 24 * 60 * 60_000
const SLUG = 'perwako-kinerja-asn'

function answers(scores: (number | null)[], extra: Partial<ResponseInput> = {}): ResponseInput {
  return {
    scores: Object.fromEntries(scores.map((s, i) => [i + 1, s])) as Record<SkmElement, number | null>,
    profile: { age: '30_39', sex: 'p', education: 'd4s1', occupation: 'asn' },
    answers: {},
    comment: '',
    shareComment: false,
    ...extra,
  }
}

describe.each(dialects)('evaluation periods, the survey and its results on %s', (dialect) => {
  let t: TestDb
  let policyId: number
  let moderatorId: number
  let citizenId: number
  let orgId: number

  beforeEach(async () => {
    setClock(TEST_NOW)
    t = await createTestDb(dialect)
    const org = await createOrganisation(t.db, { slug: 'sawahlunto', name: 'Pemerintah Kota Sawahlunto', kind: 'kota', timeZone: 'Asia/Jakarta' })
    orgId = org.id
    const user = (email: string) =>
      t.db
        .insertInto('users')
        .values({ email, display_name: email, password_hash: 'x', created_at: testTime(-400 * DAY) })
        .returning('id')
        .executeTakeFirstOrThrow()
    moderatorId = (await user('moderator@example.id')).id
    citizenId = (await user('warga@example.id')).id
    await addMembership(t.db, orgId, moderatorId, 'moderator')
    const policy = await createPolicyWithPublishedVersion(t.db, {
      organisationId: orgId,
      slug: SLUG,
      title: 'Peraturan Wali Kota tentang Pengelolaan Kinerja ASN',
      summary: 'Pengelolaan kinerja ASN.',
      topic: 'kinerja',
      stage: 'evaluasi',
      sections: [
        { key: 'tujuan', heading: 'Tujuan', body: 'Menciptakan sistem kinerja yang transparan dan akuntabel.' },
        { key: 'evaluasi', heading: 'Evaluasi', body: 'Evaluasi dilakukan secara berkala.' },
      ],
      actorId: moderatorId,
      at: testTime(-300 * DAY),
    })
    policyId = policy.id
  })
  afterEach(async () => {
    await t.destroy()
  })

  async function openPeriod() {
    const period = await openNextPeriod(t.db, { policyId, actorId: moderatorId })
    return (await getPeriodWithPolicy(t.db, period.id))!
  }

  test('periods follow the plan, named as the region names them, in the organisation’s zone', async () => {
    const first = await openPeriod()
    // TEST_NOW is 25 November 2026: the second semester, in WIB.
    expect(first).toMatchObject({ name: 'Semester II 2026', slug: 'semester-ii-2026', starts_on: '2026-07-01', ends_on: '2026-12-31' })
    expect(first.survey_opens_at).toBe('2026-06-30T17:00:00.000Z')
    expect(first.survey_closes_at).toBe('2026-12-31T17:00:00.000Z')
    await setPlan(t.db, { policyId, periodMonths: 3, actorId: moderatorId })
    const second = await openPeriod()
    expect(second).toMatchObject({ name: 'Triwulan I 2027', starts_on: '2027-01-01', ends_on: '2027-03-31' })
    await expect(setPlan(t.db, { policyId, periodMonths: 5, actorId: null })).rejects.toMatchObject({ code: 'required' })
    await t.db.updateTable('policies').set({ stage: 'penyusunan' }).where('id', '=', policyId).execute()
    await expect(openNextPeriod(t.db, { policyId, actorId: null })).rejects.toMatchObject({ code: 'wrong_stage' })
    expect((await listPeriods(t.db, policyId)).map((p) => p.name)).toEqual(['Semester II 2026', 'Triwulan I 2027'])
  })

  test('each response updates the tallies in its transaction; the IKM from the tallies equals the one from the raw answers', async () => {
    const period = await openPeriod()
    const rows = [
      [4, 3, 3, 4, 3, 3, 4, 2, 3],
      [3, 3, 2, 4, 3, 3, 3, 1, 3],
      [3, 2, 2, 3, 3, 4, 3, null, 2],
      [4, 3, 3, 4, 2, 3, 4, 2, 3],
    ]
    for (const [i, row] of rows.entries()) {
      const result = await submitSurveyResponse(t.db, { ...answers(row), periodId: period.id, receiptCode: '', clientToken: null }, { actor: null, address: `198.51.100.${i}` })
      expect(result).toMatchObject({ ok: true, trackingNumber: null })
    }
    const results = await periodResults(t.db, period)
    expect(results.ikm).toMatchObject({ respondents: 4, ikm: 73.38, grade: 'C' })
    // Recomputed from the stored responses: the tallies never drift from them.
    const stored = await t.db.selectFrom('survey_responses').selectAll().where('period_id', '=', period.id).execute()
    const counts: Partial<Record<SkmElement, [number, number, number, number]>> = {}
    for (const r of stored) {
      for (let e = 1; e <= 9; e++) {
        const v = r[`u${e}` as 'u1']
        if (v !== null) (counts[e as SkmElement] ??= [0, 0, 0, 0])[v - 1]++
      }
    }
    expect(computeIkm(stored.length, counts)).toEqual(results.ikm)
    expect((await t.db.selectFrom('evaluation_periods').select('respondents').where('id', '=', period.id).executeTakeFirstOrThrow()).respondents).toBe(4)
    expect(results.profile.sex.find((r) => r.value === 'p')?.count).toBe(4)
  })

  test('a bad questionnaire is refused whole and changes nothing', async () => {
    const period = await openPeriod()
    const bad = await submitSurveyResponse(t.db, { ...answers([5, 3, 3, 3, 3, 3, 3, 3, 3], { profile: { age: 'seventy' } }), periodId: period.id, receiptCode: '', clientToken: null }, { actor: null, address: null })
    expect(bad).toEqual({ ok: false, errors: [{ field: 'u1', code: 'answer_invalid' }, { field: 'age', code: 'profile_invalid' }] })
    const empty = await submitSurveyResponse(t.db, { ...answers([null, null, null, null, null, null, null, null, null]), periodId: period.id, receiptCode: '', clientToken: null }, { actor: null, address: null })
    expect(empty).toMatchObject({ ok: false, errors: [{ code: 'nothing_answered' }] })
    expect(await countRows(t.db, 'survey_responses')).toBe(0)
    expect(await countRows(t.db, 'survey_tallies')).toBe(0)
  })

  test('ballot stuffing is held back: one response per account, a limit per address, one response per receipt code', async () => {
    const period = await openPeriod()
    const citizen = (await loadActor(t.db, citizenId))!
    const send = (extra: { receiptCode?: string; address?: string | null; actor?: typeof citizen | null; token?: string }) =>
      submitSurveyResponse(
        t.db,
        { ...answers([3, 3, 3, 3, 3, 3, 3, 3, 3]), periodId: period.id, receiptCode: extra.receiptCode ?? '', clientToken: extra.token ?? null },
        { actor: extra.actor ?? null, address: extra.address ?? null },
      )
    expect(await send({ actor: citizen })).toMatchObject({ ok: true })
    expect(await send({ actor: citizen })).toEqual({ ok: false, errors: [{ field: '', code: 'already_answered' }] })
    // The same form sent twice (a double click) answers with the first receipt, counted once.
    expect(await send({ token: 'form-1' })).toMatchObject({ ok: true, duplicate: false })
    expect(await send({ token: 'form-1' })).toMatchObject({ ok: true, duplicate: true })

    for (let i = 0; i < SURVEY_LIMITS.perAddressPerHour; i++) expect(await send({ address: '203.0.113.9' })).toMatchObject({ ok: true })
    expect(await send({ address: '203.0.113.9' })).toEqual({ ok: false, errors: [{ field: '', code: 'rate_limited' }] })
    setClock(testTime(61 * 60_000))
    expect(await send({ address: '203.0.113.9' })).toMatchObject({ ok: true })

    await updateSurveySettings(t.db, {
      periodId: period.id,
      serviceName: 'Layanan kepegawaian',
      population: 1000,
      audience: 'public',
      requireReceiptCode: true,
      surveyOpensAt: period.survey_opens_at,
      surveyClosesAt: period.survey_closes_at,
    })
    const [code] = await createReceiptCodes(t.db, { periodId: period.id, count: 3 })
    expect(await send({})).toEqual({ ok: false, errors: [{ field: 'receiptCode', code: 'receipt_required' }] })
    expect(await send({ receiptCode: 'ZZZZ-ZZZZ' })).toEqual({ ok: false, errors: [{ field: 'receiptCode', code: 'receipt_unknown' }] })
    // Typed as on the receipt, with a dash and in lower case; two people typing it at once: one gets it.
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase()
    const racing = await Promise.all([send({ receiptCode: typed }), send({ receiptCode: typed })])
    expect(racing.filter((r) => r.ok)).toHaveLength(1)
    expect(racing.find((r) => !r.ok)).toEqual({ ok: false, errors: [{ field: 'receiptCode', code: 'receipt_used' }] })
    expect((await periodResults(t.db, period)).ikm.respondents).toBe(2 + SURVEY_LIMITS.perAddressPerHour + 1 + 1)
  })

  test('the open comment becomes an unpublished input of the open consultation, answerable like any other', async () => {
    const period = await openPeriod()
    const policy = (await getPolicyBySlug(t.db, SLUG))!
    const consultation = await createConsultation(t.db, {
      policyId,
      versionId: policy.current_version_id!,
      title: 'Konsultasi revisi',
      description: '',
      opensAt: testTime(-DAY),
      closesAt: testTime(20 * DAY),
      audience: 'public',
      moderation: 'pre',
      topics: DEFAULT_TOPICS,
      actorId: moderatorId,
    })
    const comment = 'Pengaduan tentang penilaian kinerja lambat ditanggapi; mohon ada kanal pengaduan yang jelas.'
    const shared = await submitSurveyResponse(
      t.db,
      { ...answers([3, 3, 3, 3, 3, 3, 3, 1, 3], { comment, commentKind: 'objection', shareComment: true }), periodId: period.id, receiptCode: '', clientToken: null },
      { actor: null, address: null },
    )
    expect(shared).toMatchObject({ ok: true, inputStatus: 'pending' })
    const input = await t.db.selectFrom('inputs').selectAll().where('tracking_number', '=', (shared as { trackingNumber: string }).trackingNumber).executeTakeFirstOrThrow()
    expect(input).toMatchObject({
      consultation_id: consultation.id,
      channel: 'online',
      kind: 'objection',
      reason: comment,
      status: 'pending',
      user_id: null,
      display_label: '',
      section_key: '',
      topic: 'kinerja',
    })
    // Unpublished: nowhere in public.
    expect((await listPublishedInputs(t.db, { policyId, includeHidden: true })).items).toEqual([])
    // Without consent the comment stays with the response, for the team only.
    const kept = await submitSurveyResponse(
      t.db,
      { ...answers([3, 3, 3, 3, 3, 3, 3, 2, 3], { comment: 'Ruang tunggu sempit.' }), periodId: period.id, receiptCode: '', clientToken: null },
      { actor: null, address: null },
    )
    expect(kept).toMatchObject({ ok: true, trackingNumber: null })
    expect(await countRows(t.db, 'inputs')).toBe(1)
    // The open data never carries a comment.
    const exported = []
    for await (const page of iterateResponses(t.db, period.id)) exported.push(...page)
    expect(exported).toHaveLength(2)
    expect(JSON.stringify(exported)).not.toMatch(/Ruang tunggu|Pengaduan/)
    expect(exported[0]).toMatchObject({ channel: 'online', scores: [3, 3, 3, 3, 3, 3, 3, 1, 3], age: '30_39' })
  })

  test('policy-specific questions are tallied apart from the IKM and locked once answered', async () => {
    const period = await openPeriod()
    const { id } = await addSurveyQuestion(t.db, { periodId: period.id, kind: 'yesno', prompt: 'Apakah Anda ASN di lingkungan Pemkot?', options: [], required: true })
    const missing = await submitSurveyResponse(t.db, { ...answers([3, 3, 3, 3, 3, 3, 3, 3, 3]), periodId: period.id, receiptCode: '', clientToken: null }, { actor: null, address: null })
    expect(missing).toEqual({ ok: false, errors: [{ field: `answers.q${id}`, code: 'answer_required' }] })
    await submitSurveyResponse(t.db, { ...answers([3, 3, 3, 3, 3, 3, 3, 3, 3], { answers: { [`q${id}`]: 'ya' } }), periodId: period.id, receiptCode: '', clientToken: null }, { actor: null, address: null })
    expect((await periodResults(t.db, period)).questions).toEqual([{ id, prompt: 'Apakah Anda ASN di lingkungan Pemkot?', kind: 'yesno', answered: 1, options: [{ value: 'ya', count: 1 }, { value: 'tidak', count: 0 }] }])
    await expect(addSurveyQuestion(t.db, { periodId: period.id, kind: 'text', prompt: 'Lain', options: [], required: false })).rejects.toMatchObject({ code: 'has_responses' })
  })

  test('indicators: value vs target with a status; retiring keeps history; values freeze with the report', async () => {
    const period = await openPeriod()
    const timely = await addIndicator(t.db, { policyId, actorId: moderatorId, name: 'SKP tepat waktu', unit: '%', baseline: '62', target: '85', direction: 'higher', dataSource: 'e-Kinerja', responsibleUnit: 'BKPSDM' })
    const days = await addIndicator(t.db, { policyId, actorId: moderatorId, name: 'Lama penanganan pengaduan', unit: 'hari', baseline: '14', target: '7', direction: 'lower', dataSource: 'SP4N-LAPOR!', responsibleUnit: 'Inspektorat' })
    const spare = await addIndicator(t.db, { policyId, actorId: moderatorId, name: 'Pelatihan', unit: 'orang', baseline: '0', target: '100', direction: 'higher', dataSource: '', responsibleUnit: '' })
    await expect(addIndicator(t.db, { policyId, actorId: null, name: 'X', unit: '%', baseline: '1.2.3', target: '5', direction: 'higher', dataSource: '', responsibleUnit: '' })).rejects.toMatchObject({ code: 'bad_number', field: 'baseline' })
    await recordIndicatorValue(t.db, { periodId: period.id, indicatorId: timely.id, value: '87,5', evidenceNote: 'Rekap e-Kinerja', evidenceUrl: '', actorId: moderatorId })
    await recordIndicatorValue(t.db, { periodId: period.id, indicatorId: days.id, value: '9', evidenceNote: '', evidenceUrl: 'https://example.id/rekap.pdf', actorId: moderatorId })
    await expect(recordIndicatorValue(t.db, { periodId: period.id, indicatorId: days.id, value: '9', evidenceNote: '', evidenceUrl: 'javascript:alert(1)', actorId: null })).rejects.toMatchObject({ code: 'bad_url' })
    await expect(recordIndicatorValue(t.db, { periodId: period.id, indicatorId: days.id, value: '9', evidenceNote: '', evidenceUrl: '', actorId: null })).rejects.toMatchObject({ code: 'required', field: 'evidenceNote' })
    const rows = (await indicatorsForPeriods(t.db, policyId, [period])).get(period.id)!
    expect(rows.map((r) => [r.name, r.value, r.status])).toEqual([
      ['SKP tepat waktu', '87.5', 'met'],
      ['Lama penanganan pengaduan', '9', 'not_met'],
      ['Pelatihan', null, 'no_data'],
    ])
    // Retired between periods: gone from the next period, still in this one where it was measured.
    setClock(testTime(20 * DAY))
    await retireIndicator(t.db, { indicatorId: timely.id, policyId })
    await retireIndicator(t.db, { indicatorId: spare.id, policyId })
    const next = (await getPeriodWithPolicy(t.db, (await openNextPeriod(t.db, { policyId, actorId: null })).id))!
    const both = await indicatorsForPeriods(t.db, policyId, [period, next])
    // Measured before it was retired: still this period's. Never measured: not this period's.
    expect(both.get(period.id)!.map((r) => r.name)).toEqual(['Lama penanganan pengaduan', 'SKP tepat waktu'])
    expect(both.get(next.id)!.map((r) => r.name)).toEqual(['Lama penanganan pengaduan'])
  })

  test('a report is published once the survey closes, with an analysis; it enters the timeline and freezes the period', async () => {
    const period = await openPeriod()
    await submitSurveyResponse(t.db, { ...answers([3, 3, 3, 3, 3, 3, 3, 2, 3]), periodId: period.id, receiptCode: '', clientToken: null }, { actor: null, address: null })
    await expect(publishReport(t.db, { periodId: period.id, actorId: moderatorId })).rejects.toMatchObject({ code: 'survey_closed' })
    await closeSurveyNow(t.db, period.id)
    await expect(publishReport(t.db, { periodId: period.id, actorId: moderatorId })).rejects.toMatchObject({ code: 'needs_analysis', field: 'analysis' })
    await saveAnalysis(t.db, { periodId: period.id, analysis: 'Penanganan pengaduan terendah.' })
    const followUp = await addFollowUp(t.db, { periodId: period.id, finding: 'Pengaduan lambat', action: 'Buka kanal pengaduan kinerja', owner: 'Inspektorat', dueOn: '2027-03-31', element: 8, indicatorId: null })
    await expect(addFollowUp(t.db, { periodId: period.id, finding: 'x', action: 'y', owner: 'z', dueOn: '2027-02-30', element: null, indicatorId: null })).rejects.toMatchObject({ code: 'bad_date' })
    await publishReport(t.db, { periodId: period.id, actorId: moderatorId, at: testTime(60_000) })
    await expect(publishReport(t.db, { periodId: period.id, actorId: moderatorId })).rejects.toMatchObject({ code: 'report_published' })
    expect(await recordPaperResponse(t.db, { ...answers([4, 4, 4, 4, 4, 4, 4, 4, 4]), periodId: period.id, clientToken: null }, { staffId: moderatorId })).toMatchObject({ ok: false })
    await expect(saveAnalysis(t.db, { periodId: period.id, analysis: 'Lain' })).rejects.toMatchObject({ code: 'report_published' })

    const entry = (await getPolicyTimeline(t.db, policyId)).find((e) => e.kind === 'evaluation_published')
    expect(entry).toMatchObject({ kind: 'evaluation_published', periodName: 'Semester II 2026', respondents: 1, ikm: 72.22, grade: 'C', occurredAt: testTime(60_000) })
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'evaluation.publishReport').execute()
    expect(audit).toEqual([{ action: 'evaluation.publishReport', actor_id: moderatorId }])
    const overTime = await resultsOverTime(t.db, policyId, { publishedOnly: true })
    expect(overTime[0].ikm?.ikm).toBe(72.22)
    expect(followUp.id).toBeGreaterThan(0)
  })

  test('from a published evaluation the next revision starts, and its changes cite the findings; the redline shows them', async () => {
    const period = await openPeriod()
    await recordPaperResponse(t.db, { ...answers([3, 3, 3, 3, 3, 3, 3, 1, 3]), periodId: period.id, clientToken: null }, { staffId: moderatorId })
    const indicator = await addIndicator(t.db, { policyId, actorId: null, name: 'Pengaduan selesai', unit: '%', baseline: '40', target: '80', direction: 'higher', dataSource: '', responsibleUnit: '' })
    await recordIndicatorValue(t.db, { periodId: period.id, indicatorId: indicator.id, value: '55', evidenceNote: 'Rekap', evidenceUrl: '', actorId: null })
    const followUp = await addFollowUp(t.db, { periodId: period.id, finding: 'Pengaduan', action: 'Kanal pengaduan', owner: 'Inspektorat', dueOn: '2027-03-31', element: 8, indicatorId: indicator.id })
    await expect(startRevision(t.db, { periodId: period.id, actorId: moderatorId })).rejects.toMatchObject({ code: 'report_not_published' })
    await closeSurveyNow(t.db, period.id)
    await saveAnalysis(t.db, { periodId: period.id, analysis: 'Analisis.' })
    setClock(testTime(60_000))
    await publishReport(t.db, { periodId: period.id, actorId: moderatorId })

    const started = await startRevision(t.db, { periodId: period.id, actorId: moderatorId })
    expect(started).toEqual({ number: 2, started: true })
    expect(await startRevision(t.db, { periodId: period.id, actorId: moderatorId })).toEqual({ number: 2, started: false })
    expect((await getPolicyBySlug(t.db, SLUG))!.stage).toBe('penyusunan')
    const stageEvent = (await getPolicyTimeline(t.db, policyId)).filter((e) => e.kind === 'stage_changed').at(-1)
    expect(stageEvent).toMatchObject({ fromStage: 'evaluasi', toStage: 'penyusunan', note: 'Revisi dimulai dari hasil evaluasi Semester II 2026.' })

    const draft = await t.db.selectFrom('policy_versions').select('id').where('policy_id', '=', policyId).where('number', '=', 2).executeTakeFirstOrThrow()
    const section = await t.db.selectFrom('sections').select(['id', 'heading', 'body']).where('version_id', '=', draft.id).where('key', '=', 'evaluasi').executeTakeFirstOrThrow()
    await updateSection(t.db, { versionId: draft.id, sectionId: section.id, heading: section.heading, body: `${section.body} Pengaduan atas penilaian kinerja dijawab paling lambat 7 hari.` })
    await citeChange(t.db, {
      versionId: draft.id,
      sectionKey: 'evaluasi',
      themeIds: [],
      trackingNumbers: [],
      findings: [`element:${period.id}:8`, `indicator:${period.id}:${indicator.id}`, `followup:${followUp.id}`],
    })
    const cited = (await listChangeCitations(t.db, [draft.id])).evaluasi
    expect(cited.map((c) => [c.kind, c.finding?.periodName, c.finding?.element ?? c.finding?.indicatorName ?? c.finding?.followUpAction])).toEqual([
      ['element', 'Semester II 2026', 8],
      ['indicator', 'Semester II 2026', 'Pengaduan selesai'],
      ['follow_up', 'Semester II 2026', 'Kanal pengaduan'],
    ])
    // A finding that is not one of this policy's published periods is refused, and nothing changes.
    for (const bad of [`element:${period.id}:10`, `element:${period.id + 99}:1`, 'followup:9999', `indicator:${period.id}:9999`, 'theme:1']) {
      await expect(citeChange(t.db, { versionId: draft.id, sectionKey: 'evaluasi', themeIds: [], trackingNumbers: [], findings: [bad] })).rejects.toBeInstanceOf(CitationError)
    }
    expect((await listChangeCitations(t.db, [draft.id])).evaluasi).toHaveLength(3)
    expect(await resolveFindings(t.db, policyId, [])).toEqual([])
    expect((await readTallies(t.db, [period.id])).get(period.id)?.get('channel')?.get('paper')).toBe(1)
  })

  test('a CSV of paper questionnaires: every row checked, errors by row, nothing partly imported; the corrected file imports whole', async () => {
    const period = await openPeriod()
    const { id: questionId } = await addSurveyQuestion(t.db, { periodId: period.id, kind: 'yesno', prompt: 'ASN?', options: [], required: false })
    const header = `U1,U2,U3,U4,U5,U6,U7,U8,U9,usia,jenis_kelamin,pendidikan,pekerjaan,saran,q${questionId}`
    const good = ['4,3,3,4,3,3,4,2,3,30_39,p,d4s1,asn,,ya', '3,3,2,,3,3,3,1,3,40_49,L,sma,swasta,"Antrean, lama",tidak']
    const bad = '3,5,2,4,3,3,3,1,3,usia lanjut,p,sma,asn,,mungkin'
    const first = await createSurveyImport(t.db, { periodId: period.id, fileName: 'kuesioner.csv', source: [header, good[0], bad, good[1]].join('\n'), actorId: moderatorId })
    await runSurveyImport(t.db, first.id)
    const failed = (await getSurveyImport(t.db, period.id, first.id))!
    expect(failed).toMatchObject({ status: 'failed', imported: 0, total_rows: 3, processed_rows: 3 })
    expect(failed.errors).toEqual([
      { row: 3, column: 'U2', code: 'answer_invalid' },
      { row: 3, column: 'usia', code: 'profile_invalid' },
      { row: 3, column: `q${questionId}`, code: 'answer_invalid' },
    ])
    expect(await countRows(t.db, 'survey_responses')).toBe(0)
    expect(await countRows(t.db, 'survey_tallies')).toBe(0)

    const fixed = await createSurveyImport(t.db, { periodId: period.id, fileName: 'kuesioner.csv', source: `\uFEFF${[header, good[0], bad.replace('3,5,', '3,4,').replace('usia lanjut', '60plus').replace('mungkin', 'ya'), good[1]].join('\r\n')}\r\n`, actorId: moderatorId })
    await runSurveyImport(t.db, fixed.id)
    expect(await getSurveyImport(t.db, period.id, fixed.id)).toMatchObject({ status: 'done', imported: 3, errors: [] })
    const results = await periodResults(t.db, period)
    expect(results.channels).toEqual({ online: 0, paper: 3 })
    expect(results.ikm.elements[3]).toMatchObject({ answered: 2, unanswered: 1 })
    expect(results.profile.sex.find((r) => r.value === 'l')?.count).toBe(1)
    expect(results.questions[0].options).toEqual([{ value: 'ya', count: 2 }, { value: 'tidak', count: 1 }])
    // The same tallies as three questionnaires keyed in one at a time would give.
    const stored = await t.db.selectFrom('survey_responses').select(['comment', 'import_id', 'channel']).orderBy('id').execute()
    expect(stored.map((r) => [r.channel, r.import_id, r.comment])).toEqual([
      ['paper', fixed.id, ''],
      ['paper', fixed.id, ''],
      ['paper', fixed.id, 'Antrean, lama'],
    ])
    // Running it again imports nothing twice; a file without the score columns is refused whole.
    await runSurveyImport(t.db, fixed.id)
    expect(await countRows(t.db, 'survey_responses')).toBe(3)
    const wrong = await createSurveyImport(t.db, { periodId: period.id, fileName: 'salah.csv', source: 'nama,nilai\nBudi,4', actorId: null })
    await runSurveyImport(t.db, wrong.id)
    expect((await getSurveyImport(t.db, period.id, wrong.id))!.errors.map((e) => e.code)).toEqual(['unknown_column', 'unknown_column', ...Array(9).fill('missing_column')])
  })
})
