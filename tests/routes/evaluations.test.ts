import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as apiEvaluations from '~/routes/api.evaluations'
import * as apiResponses from '~/routes/api.evaluations-responses'
import * as evaluation from '~/routes/evaluation'
import * as evaluationPeriod from '~/routes/evaluation.period'
import * as report from '~/routes/evaluation.report'
import * as reportPdf from '~/routes/evaluation.report-pdf'
import * as survey from '~/routes/evaluation.survey'
import * as manage from '~/routes/kelola.evaluation'
import * as managePeriod from '~/routes/kelola.evaluation.period'
import * as paper from '~/routes/kelola.evaluation.paper'
import * as importPage from '~/routes/kelola.evaluation.import'
import * as importStatus from '~/routes/kelola.evaluation.import-status'
import { surveyImportJob } from '~/domain/evaluations/import.server'
import { dropBossSchema, startTestRunner, waitFor } from '../jobs'
import * as manageReport from '~/routes/kelola.evaluation.report'
import * as reasons from '~/routes/kelola.reasons'
import * as signIn from '~/routes/sign-in'
import { SURVEY_LIMITS } from '~/domain/evaluations/skm'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { DEMO_EVALUATED_POLICY as SLUG } from '~db/seed/demo-evaluations'
import { TEST_NOW } from '../clock'
import { parseCsv } from '../csv'
import { readPdf, roles } from '../pdf-text'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

const MODERATOR = 'moderator.sawahlunto@rembuk.test'

const allThrees = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((e) => [`u${e}`, '3']))

describe.each(dialects)('evaluation routes on %s', (dialect) => {
  let t: TestDb
  const cookies: Record<string, string> = {}
  const as = async (email: string) => {
    if (!cookies[email]) {
      const r = (await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response
      cookies[email] = cookieFrom(r)
    }
    return cookies[email]
  }
  let periods: { id: number; slug: string; report_status: string }[]

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date(TEST_NOW), { story: true })
    setDb(t.db)
    const policy = await t.db.selectFrom('policies').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow()
    periods = await t.db.selectFrom('evaluation_periods').select(['id', 'slug', 'report_status']).where('policy_id', '=', policy.id).orderBy('starts_on').execute()
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  const current = () => periods[2]

  test('the public evaluation page: published periods with their IKM, the open survey, unknown policies 404', async () => {
    const page = (await call(evaluation.loader, get(`/kebijakan/${SLUG}/evaluasi`), { slug: SLUG })) as any
    expect(page.periods.map((p: any) => [p.name, p.published, p.ikm?.grade ?? null, p.state])).toEqual([
      ['Semester II 2025', true, 'C', 'closed'],
      ['Semester I 2026', true, 'B', 'closed'],
      ['Semester II 2026', false, null, 'open'],
    ])
    expect(((await call(evaluation.loader, get('/kebijakan/x/evaluasi'), { slug: 'x' })) as Response).status).toBe(404)
    // A period whose report is not published shows no results, only how many answered.
    const open = (await call(evaluationPeriod.loader, get('/'), { slug: SLUG, period: current().slug })) as any
    expect(open.results).toBeNull()
    expect(open.period.state).toBe('open')
  })

  test('anyone answers the survey without an account; errors come back by field and nothing is stored', async () => {
    const path = `/kebijakan/${SLUG}/evaluasi/${current().slug}/survei`
    const params = { slug: SLUG, period: current().slug }
    const page = (await call(survey.loader, get(path), params)) as any
    expect(page.period.state).toBe('open')
    expect(page.questions.map((q: any) => q.kind)).toEqual(['yesno'])
    const before = await countRows(t.db, 'survey_responses')
    const bad = (await call(survey.action, form(path, { ...allThrees, u1: '7', age: 'x', comment: 'ok' }), params)) as any
    expect(bad.result.error).toMatchObject({ u1: ['evaluations.error.answer_invalid'], age: ['evaluations.error.profile_invalid'] })
    expect(bad.result.initialValue.comment).toBe('ok')
    const nothing = (await call(survey.action, form(path, { comment: 'tanpa nilai' }), params)) as any
    expect(nothing.result.error.u1).toEqual(['evaluations.error.nothing_answered'])
    expect(await countRows(t.db, 'survey_responses')).toBe(before)

    const sent = (await call(survey.action, form(path, { ...allThrees, u4: '', sex: 'l', clientToken: 'route-1' }), params, '192.0.2.50')) as Response
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe(`${path}?terkirim=1`)
    expect(await countRows(t.db, 'survey_responses')).toBe(before + 1)
    const stored = await t.db.selectFrom('survey_responses').select(['u4', 'sex', 'user_id']).where('client_token', '=', 'route-1').executeTakeFirstOrThrow()
    expect(stored).toEqual({ u4: null, sex: 'l', user_id: null })

    // One address, many answers in an hour: held back with a clear message.
    for (let i = 1; i < SURVEY_LIMITS.perAddressPerHour; i++) await call(survey.action, form(path, allThrees), params, '192.0.2.50')
    const limited = (await call(survey.action, form(path, allThrees), params, '192.0.2.50')) as any
    expect(limited.result.error['']).toEqual(['evaluations.error.rate_limited'])

    // A closed period's survey takes nothing.
    const closed = (await call(survey.action, form('/', allThrees), { slug: SLUG, period: periods[0].slug })) as any
    expect(closed.result.error['']).toEqual(['evaluations.error.survey_not_open'])
  })

  test('a published report is a page, an A4 PDF, an API entry and an anonymised CSV; an unpublished one is the team’s only', async () => {
    const published = periods[1]
    const page = (await call(report.loader, get('/'), { slug: SLUG, period: published.slug })) as any
    expect(page.draft).toBe(false)
    expect(page.report.followUps.length).toBeGreaterThan(0)
    expect(page.report.results.ikm.grade).toBe('B')
    expect(((await call(report.loader, get('/'), { slug: SLUG, period: current().slug })) as Response).status).toBe(404)
    const preview = (await call(report.loader, get('/', await as(MODERATOR)), { slug: SLUG, period: current().slug })) as any
    expect(preview.draft).toBe(true)

    const pdf = (await call(reportPdf.loader, get('/'), { slug: SLUG, period: published.slug })) as Response
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    const bytes = Buffer.from(await pdf.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/)

    // Text beyond Windows-1252 survives (Noto Sans), and the PDF is tagged in the reader's language,
    // the team's Indonesian words marked as such in an English report.
    const analysis = 'Kepuasan naik 5 poin; Ṣiti Ḥasanah dan Āisyah (Bagian Organisasi) mencatat “pengaduan” — ő ă ș ṭ.'
    const before = await t.db.selectFrom('evaluation_periods').select('analysis').where('id', '=', published.id).executeTakeFirstOrThrow()
    await t.db.updateTable('evaluation_periods').set({ analysis }).where('id', '=', published.id).execute()
    try {
      for (const lang of ['id', 'en'] as const) {
        const res = (await call(reportPdf.loader, get('/', `rembuk_lang=${lang}`), { slug: SLUG, period: published.slug })) as Response
        const raw = Buffer.from(await res.arrayBuffer())
        const read = await readPdf(raw)
        expect(read.text.replace(/\s+/g, ' ')).toContain(analysis)
        expect(read.text).toContain('Semester I 2026')
        expect(read.markInfo?.Marked).toBe(true)
        expect(raw.toString('latin1')).toMatch(lang === 'id' ? /\/Lang \(id-ID\)/ : /\/Lang \(en-GB\)/)
        if (lang === 'en') expect(raw.toString('latin1')).toMatch(/\/Lang \(id-ID\)/)
        const tags = read.structTrees.flatMap((tree) => roles(tree))
        for (const role of ['H1', 'H2', 'P', 'Table', 'TH', 'TD']) expect(tags, role).toContain(role)
        expect(raw.toString('latin1')).not.toMatch(/Helvetica/)
      }
    } finally {
      await t.db.updateTable('evaluation_periods').set({ analysis: before.analysis }).where('id', '=', published.id).execute()
    }

    const api = (await call(apiEvaluations.loader, get(`/api/v1/policies/${SLUG}/evaluations`), { slug: SLUG })) as Response
    const body = await api.json()
    expect(body.data.periodMonths).toBe(6)
    expect(body.data.periods[1]).toMatchObject({ name: 'Semester I 2026', grade: 'B', report: { published: true } })
    expect(body.data.periods[1].elements).toHaveLength(9)
    expect(body.data.periods[1].elements[7]).toMatchObject({ code: 'U8', element: 8, priority: true })
    expect(body.data.periods[1].indicators.map((i: any) => i.status)).toContain('met')
    expect(body.data.periods[2]).toMatchObject({ ikm: null, elements: null, indicators: null, report: { published: false } })
    expect(((await call(apiEvaluations.loader, get('/'), { slug: 'x' })) as Response).status).toBe(404)

    const csv = (await call(apiResponses.loader, get('/'), { slug: SLUG, period: published.slug })) as Response
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''))
    expect(rows[0]).toEqual(['no', 'channel', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'age', 'sex', 'education', 'occupation'])
    expect(rows.length - 1).toBe(140)
    expect(JSON.stringify(rows)).not.toMatch(/Pengaduan tentang nilai SKP/)
    const hidden = (await call(apiResponses.loader, get('/'), { slug: SLUG, period: current().slug })) as Response
    expect(hidden.status).toBe(404)
  })

  test("the team's pages need the policy team; errors stay next to their fields", async () => {
    const path = `/kelola/kebijakan/${SLUG}/evaluasi`
    const anonymous = (await call(manage.loader, get(path), { slug: SLUG })) as Response
    expect(anonymous.status).toBe(302)
    const citizen = (await call(manage.loader, get(path, await as('warga@rembuk.test')), { slug: SLUG })) as Response
    expect(citizen.status).toBe(403)
    const other = (await call(managePeriod.loader, get('/', await as('moderator.mamuju@rembuk.test')), { id: String(current().id) })) as Response
    expect(other.status).toBe(403)
    const cookie = await as(MODERATOR)
    const page = (await call(manage.loader, get(path, cookie), { slug: SLUG })) as any
    expect(page.indicators).toHaveLength(4)
    const bad = (await call(manage.action, form(path, { intent: 'indicator', name: 'Baru', unit: '%', baseline: 'banyak', target: '10', direction: 'higher' }, cookie), { slug: SLUG })) as any
    expect(bad.result.error.baseline).toEqual(['evaluations.error.bad_number'])
    expect(bad.result.initialValue.name).toBe('Baru')

    const id = String(current().id)
    const value = (await call(managePeriod.action, form('/', { intent: 'value', indicatorId: String(page.indicators[0].id), value: '91,5', evidenceNote: 'Rekap' }, cookie), { id })) as Response
    expect(value.status).toBe(302)
    const saved = await t.db.selectFrom('evaluation_indicator_values').select('value').where('period_id', '=', current().id).executeTakeFirstOrThrow()
    expect(saved.value).toBe('91.5')

    const paperSaved = (await call(paper.action, form('/', { ...allThrees, u8: '2' }, cookie), { id })) as Response
    expect(paperSaved.headers.get('Location')).toBe(`/kelola/evaluasi/${id}/kuesioner?disimpan=1`)
    // The report cannot be published while its survey is open.
    const early = (await call(manageReport.action, form('/', { intent: 'publish' }, cookie), { id })) as any
    expect(early.messages).toEqual(['evaluations.error.survey_closed'])
  })

  test('a CSV upload becomes a background job; its page shows the progress, then the errors by row or the count imported', async () => {
    const cookie = await as(MODERATOR)
    const id = String(current().id)
    const upload = (rows: string[]) => {
      const body = new FormData()
      body.set('file', new File([['U1,U2,U3,U4,U5,U6,U7,U8,U9,usia', ...rows].join('\n')], 'loket.csv', { type: 'text/csv' }))
      return new Request(`http://localhost:3000/kelola/evaluasi/${id}/impor`, { method: 'POST', body, headers: { Cookie: cookie } })
    }
    const before = await countRows(t.db, 'survey_responses')
    const sent = (await call(importPage.action, upload(['3,3,3,3,3,3,3,2,3,30_39', '3,9,3,3,3,3,3,2,3,']), { id })) as Response
    const location = sent.headers.get('Location')!
    const importId = location.split('/').pop()!
    const queued = await t.db.selectFrom('jobs').select(['name', 'key', 'status']).where('key', '=', importId).executeTakeFirstOrThrow()
    expect(queued).toEqual({ name: 'evaluations.import-survey', key: importId, status: 'queued' })
    const waiting = (await call(importStatus.loader, get(location, cookie), { id, importId })) as any
    expect(waiting.progress).toMatchObject({ active: true })
    expect(importStatus.handle.refreshWhile!(waiting)).toBe(true)

    const runner = await startTestRunner(t.db, [surveyImportJob])
    try {
      const failed = await waitFor('the import to finish', async () => {
        const page = (await call(importStatus.loader, get(location, cookie), { id, importId })) as any
        return page.job.status === 'failed' && page
      })
      expect(failed.job.errors).toEqual([{ row: 3, column: 'U2', code: 'answer_invalid' }])
      expect(importStatus.handle.refreshWhile!(failed)).toBe(false)
      expect(await countRows(t.db, 'survey_responses')).toBe(before)
      const fixed = (await call(importPage.action, upload(['3,3,3,3,3,3,3,2,3,30_39', '3,4,3,3,3,3,3,2,3,']), { id })) as Response
      const fixedId = fixed.headers.get('Location')!.split('/').pop()!
      const done = await waitFor('the corrected import', async () => {
        const page = (await call(importStatus.loader, get(fixed.headers.get('Location')!, cookie), { id, importId: fixedId })) as any
        return page.job.status === 'done' && page
      })
      expect(done.job.imported).toBe(2)
      expect(await countRows(t.db, 'survey_responses')).toBe(before + 2)
    } finally {
      await runner.stop()
      await dropBossSchema(runner.bossSchema)
    }
    const tooBig = (await call(importPage.action, new Request('http://localhost:3000/', { method: 'POST', headers: { Cookie: cookie, 'Content-Length': '9000000' }, body: 'x' }), { id })) as any
    expect(tooBig.init.status).toBe(413)
  })

  test('from a published report the team starts the revision; the draft’s reasons cite a finding', async () => {
    const cookie = await as(MODERATOR)
    const started = (await call(manageReport.action, form('/', { intent: 'revision' }, cookie), { id: String(periods[1].id) })) as Response
    expect(started.headers.get('Location')).toBe(`/kelola/kebijakan/${SLUG}/versi/3/sunting?selesai=revisi`)
    const policy = await t.db.selectFrom('policies').select(['id', 'stage']).where('slug', '=', SLUG).executeTakeFirstOrThrow()
    expect(policy.stage).toBe('penyusunan')
    const draft = await t.db.selectFrom('policy_versions').select('id').where('policy_id', '=', policy.id).where('number', '=', 3).executeTakeFirstOrThrow()
    const section = await t.db.selectFrom('sections').select(['id', 'body']).where('version_id', '=', draft.id).where('key', '=', 'kesimpulan').executeTakeFirstOrThrow()
    await t.db.updateTable('sections').set({ body: `${section.body} Pelatihan petugas pengaduan diwajibkan.` }).where('id', '=', section.id).execute()

    const params = { slug: SLUG, number: '3' }
    const page = (await call(reasons.loader, get('/', cookie), params)) as any
    expect(page.findings.map((f: any) => f.periodName)).toEqual(['Semester I 2026', 'Semester II 2025'])
    const key = page.findings[0].elements[7].key
    const bad = (await call(reasons.action, form('/', { sectionKey: 'kesimpulan', findings: 'element:999:8' }, cookie), params)) as any
    expect(bad.data).toMatchObject({ field: 'findings', message: 'evaluations.citation.unknown' })
    const saved = (await call(reasons.action, form('/', { sectionKey: 'kesimpulan', findings: key }, cookie), params)) as Response
    expect(saved.status).toBe(302)
    const after = (await call(reasons.loader, get('/', cookie), params)) as any
    expect(after.citations.kesimpulan.map((c: any) => [c.kind, c.finding.periodName, c.finding.element])).toEqual([['element', 'Semester I 2026', 8]])
  })
})
