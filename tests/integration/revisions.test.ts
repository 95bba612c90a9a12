import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { publishVersion, startNextVersion, updateSection } from '~/domain/drafting.server'
import { followPolicy } from '~/domain/notifications.server'
import { announceConsultationChanges, announceVersionPublished } from '~/domain/policy-announcements.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getPolicyTimeline } from '~/domain/redline.server'
import { CitationError, citeChange, findLaterChange, getDraftChanges, listChangeCitations } from '~/domain/revisions.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, createTestDb, dialects } from '../db'

const NOW = new Date('2026-11-23T05:00:00.000Z')
const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

describe.each(dialects)('revisions and their traceability on %s', (dialect) => {
  let t: TestDb
  let policyId: number
  let consultationId: number

  beforeEach(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, NOW)
    const policy = (await getPolicyBySlug(t.db, MAMUJU))!
    policyId = policy.id
    consultationId = (await t.db.selectFrom('consultations').select('id').where('policy_id', '=', policyId).executeTakeFirstOrThrow()).id
  })
  afterEach(async () => {
    await t.destroy()
  })

  async function inputOn(sectionKey: string) {
    return t.db
      .selectFrom('inputs')
      .select(['id', 'tracking_number', 'section_key', 'user_id'])
      .where('policy_id', '=', policyId)
      .where('section_key', '=', sectionKey)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow()
  }

  async function themeWith(title: string, inputIds: number[]) {
    const theme = await t.db
      .insertInto('themes')
      .values({ consultation_id: consultationId, title, summary: '', created_by: null, created_at: NOW.toISOString(), updated_at: NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db.updateTable('inputs').set({ theme_id: theme.id }).where('id', 'in', inputIds).execute()
    return theme.id
  }

  test('a change cites a theme and an input; the input then leads to the change in the redline', async () => {
    const recruitment = await inputOn('proses-penyusunan-kebijakan')
    const competency = await inputOn('implementasi-kebijakan')
    const themeId = await themeWith('Keterbukaan nilai seleksi', [recruitment.id])

    const draft = await startNextVersion(t.db, { policyId, actorId: null })
    const section = await t.db
      .selectFrom('sections')
      .select(['id', 'heading', 'body'])
      .where('version_id', '=', draft.versionId)
      .where('key', '=', 'proses-penyusunan-kebijakan')
      .executeTakeFirstOrThrow()
    await updateSection(t.db, {
      versionId: draft.versionId,
      sectionId: section.id,
      heading: section.heading,
      body: `${section.body}\n\nNilai setiap peserta pada setiap tahap seleksi diumumkan di situs resmi pemerintah daerah.`,
    })
    const { redline } = await getDraftChanges(t.db, draft.versionId)
    expect(redline.sections.filter((s) => s.status !== 'unchanged').map((s) => s.key)).toEqual(['proses-penyusunan-kebijakan'])

    await citeChange(t.db, {
      versionId: draft.versionId,
      sectionKey: 'proses-penyusunan-kebijakan',
      themeIds: [themeId],
      trackingNumbers: [competency.tracking_number.toLowerCase()],
    })
    const cited = await listChangeCitations(t.db, [draft.versionId])
    expect(cited['proses-penyusunan-kebijakan'].map((c) => c.kind)).toEqual(['theme', 'input'])

    await publishVersion(t.db, { versionId: draft.versionId, actorId: null })

    // Through its theme.
    const viaTheme = await findLaterChange(t.db, { id: recruitment.id, policyId, policySlug: MAMUJU, versionNumber: 1, sectionKey: recruitment.section_key, themeId })
    expect(viaTheme).toEqual({
      toNumber: 2,
      status: 'changed',
      cited: true,
      href: `/kebijakan/${MAMUJU}/perbandingan?dari=1&ke=2#perubahan-proses-penyusunan-kebijakan`,
    })
    // Cited directly, though its own clause did not change: the link goes to the change that cites it.
    const direct = await findLaterChange(t.db, { id: competency.id, policyId, policySlug: MAMUJU, versionNumber: 1, sectionKey: competency.section_key, themeId: null })
    expect(direct?.cited).toBe(true)
    // Neither cited nor changed.
    const other = await inputOn('evaluasi-dan-perbaikan-berkelanjutan')
    expect(await findLaterChange(t.db, { id: other.id, policyId, policySlug: MAMUJU, versionNumber: 1, sectionKey: other.section_key, themeId: null })).toBeNull()
  })

  test('citations are checked, and a published version takes none', async () => {
    const draft = await startNextVersion(t.db, { policyId, actorId: null })
    await expect(citeChange(t.db, { versionId: draft.versionId, sectionKey: 'pendahuluan', themeIds: [], trackingNumbers: ['ZZZZ-ZZZZ'] })).rejects.toMatchObject({
      code: 'unknown_input',
      detail: 'ZZZZ-ZZZZ',
    })
    await expect(citeChange(t.db, { versionId: draft.versionId, sectionKey: 'pendahuluan', themeIds: [99999], trackingNumbers: [] })).rejects.toBeInstanceOf(CitationError)
    // An input of another policy cannot be cited.
    const foreign = await t.db.selectFrom('inputs').select('tracking_number').where('policy_id', '!=', policyId).where('status', '=', 'published').executeTakeFirstOrThrow()
    await expect(citeChange(t.db, { versionId: draft.versionId, sectionKey: 'pendahuluan', themeIds: [], trackingNumbers: [foreign.tracking_number] })).rejects.toMatchObject({ code: 'unknown_input' })
    const v1 = (await getPolicyBySlug(t.db, MAMUJU))!.current_version_id!
    await expect(citeChange(t.db, { versionId: v1, sectionKey: 'pendahuluan', themeIds: [], trackingNumbers: [] })).rejects.toMatchObject({ code: 'not_draft' })
    expect(await t.db.selectFrom('change_citations').select('id').execute()).toHaveLength(0)
  })

  test('followers and participants hear of a new version, and of consultations opening and closing once', async () => {
    const follower = (await t.db.selectFrom('users').select('id').where('email', '=', 'admin@rembuk.test').executeTakeFirstOrThrow()).id
    await followPolicy(t.db, follower, policyId)
    const participant = (await inputOn('proses-penyusunan-kebijakan')).user_id!

    const result = await announceVersionPublished(t.db, { policyId, versionNumber: 2, actorId: null })
    const told = await t.db.selectFrom('notifications').select('user_id').where('kind', '=', 'version_published').execute()
    expect(told.map((n) => n.user_id).sort()).toEqual(expect.arrayContaining([follower, participant]))
    await result.delivery

    // The demo's consultations were announced when seeded; a new one is announced once it opens.
    await t.db
      .updateTable('consultations')
      .set({ opened_notified_at: null, opens_at: new Date(NOW.getTime() + 60_000).toISOString() })
      .where('id', '=', consultationId)
      .execute()
    expect(await announceConsultationChanges(t.db, NOW)).toEqual({ opened: 0, closed: 0 })
    const later = new Date(NOW.getTime() + 120_000)
    expect(await announceConsultationChanges(t.db, later)).toEqual({ opened: 1, closed: 0 })
    expect(await announceConsultationChanges(t.db, later)).toEqual({ opened: 0, closed: 0 })
    const opened = await t.db.selectFrom('notifications').select('user_id').where('kind', '=', 'consultation_opened').execute()
    expect(opened.filter((n) => n.user_id === follower)).toHaveLength(1)

    const afterClose = new Date(NOW.getTime() + 40 * 24 * 60 * 60_000)
    const swept = await announceConsultationChanges(t.db, afterClose)
    expect(swept.closed).toBeGreaterThanOrEqual(1)
    expect(await t.db.selectFrom('notifications').select('id').where('kind', '=', 'consultation_closed').where('user_id', '=', follower).execute()).toHaveLength(1)
  })

  test('the timeline lists the consultation with its counts', async () => {
    const entries = await getPolicyTimeline(t.db, policyId)
    const opened = entries.find((e) => e.kind === 'consultation_opened')
    expect(opened).toMatchObject({ kind: 'consultation_opened', versionNumber: 1 })
    expect((opened as { counts: { received: number } }).counts.received).toBeGreaterThan(0)
    expect(entries.map((e) => e.kind)).toEqual(['created', 'version_published', 'stage_changed', 'consultation_opened'])
  })
})
