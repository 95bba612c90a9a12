import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ModerationMode } from '~db/schema'
import { listAudit } from '~/domain/audit.server'
import { createConsultation } from '~/domain/consultations.server'
import {
  type OfflineInput,
  getInputByTrackingNumber,
  listPublishedInputs,
  recordOfflineInput,
  sectionInputCounts,
  submitInput,
} from '~/domain/inputs.server'
import {
  ModerationError,
  countQueue,
  flagInput,
  flagStateFor,
  listQueue,
  moderateInputs,
  setFlagThreshold,
} from '~/domain/moderation.server'
import { type Actor, loadActor } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'

const NOW = new Date('2026-11-23T05:00:00.000Z')
const HOUR = 60 * 60_000
const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'
const SECTION = 'proses-penyusunan-kebijakan'

describe.each(dialects)('moderation on %s', (dialect) => {
  let t: TestDb
  let policyId: number
  let versionId: number
  let organisationId: number
  const users: Record<string, number> = {}
  const actors: Record<string, Actor> = {}

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, NOW, { consultations: false })
    const policy = (await getPolicyBySlug(t.db, MAMUJU))!
    policyId = policy.id
    versionId = policy.current_version_id!
    organisationId = policy.organisation_id
    for (const u of await t.db.selectFrom('users').select(['id', 'email']).execute()) users[u.email] = u.id
    for (const email of ['warga@rembuk.test', 'asn.mamuju@rembuk.test']) actors[email] = (await loadActor(t.db, users[email]))!
  })
  afterAll(async () => {
    await t.destroy()
  })

  async function consultation(moderation: ModerationMode) {
    const { id } = await createConsultation(t.db, {
      policyId,
      versionId,
      title: `Konsultasi ${moderation}`,
      description: '',
      opensAt: new Date(NOW.getTime() - 24 * HOUR).toISOString(),
      closesAt: new Date(NOW.getTime() + 24 * HOUR).toISOString(),
      audience: 'public',
      moderation,
      topics: ['rekrutmen', 'kinerja'],
      actorId: null,
    })
    return id
  }

  async function letter(consultationId: number, overrides: Partial<OfflineInput> = {}) {
    const result = await recordOfflineInput(
      t.db,
      {
        consultationId,
        channel: 'letter',
        receivedAt: new Date(NOW.getTime() - HOUR).toISOString(),
        submitterName: 'Paguyuban Guru Honorer',
        submitterContact: '',
        showName: true,
        consentRecorded: true,
        sectionKey: SECTION,
        kind: 'change',
        proposedText: 'Pengumuman seleksi memuat nilai setiap peserta.',
        reason: 'Agar seleksi dapat diawasi bersama.',
        topic: 'rekrutmen',
        groupName: '',
        groupType: '',
        clientToken: null,
        ...overrides,
      },
      { staffId: users['moderator.mamuju@rembuk.test'], now: NOW },
    )
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    const row = await t.db.selectFrom('inputs').selectAll().where('tracking_number', '=', result.trackingNumber).executeTakeFirstOrThrow()
    return row
  }

  async function online(consultationId: number, email: string, text: { proposedText?: string; reason?: string; pseudonym?: string } = {}) {
    return submitInput(
      t.db,
      {
        consultationId,
        sectionKey: SECTION,
        kind: 'change',
        proposedText: text.proposedText ?? 'Rekrutmen diumumkan terbuka paling lambat 30 hari sebelum seleksi.',
        reason: text.reason ?? 'Agar semua warga punya waktu yang sama untuk mendaftar.',
        topic: 'rekrutmen',
        groupName: '',
        groupType: '',
        answers: {},
        displayMode: text.pseudonym ? 'pseudonym' : 'name',
        pseudonym: text.pseudonym ?? '',
        consents: [
          { purpose: 'processing', statement: 'Saya setuju…' },
          { purpose: 'publication', statement: 'Saya setuju diterbitkan…' },
        ],
        clientToken: null,
      },
      { actor: actors[email], address: null, verifiedRole: async () => null, now: NOW },
    )
  }

  const statusOf = async (id: number) =>
    t.db.selectFrom('inputs').select(['status', 'hidden_reason', 'held_reason', 'is_complaint']).where('id', '=', id).executeTakeFirstOrThrow()
  const moderator = () => users['moderator.mamuju@rembuk.test']

  test('a moderator publishes many pending inputs at once, with one audit row each', async () => {
    const id = await consultation('pre')
    const inputs = [await letter(id), await letter(id), await letter(id), await letter(id, { sectionKey: '' }), await letter(id)]
    expect(inputs.every((i) => i.status === 'pending')).toBe(true)
    const before = await sectionInputCounts(t.db, versionId)
    const auditBefore = await countRows(t.db, 'audit_log')

    const chosen = inputs.slice(0, 4).map((i) => i.id)
    const result = await moderateInputs(t.db, { consultationId: id, inputIds: chosen, action: 'publish', actorId: moderator(), now: NOW })
    expect(result).toEqual({ changed: 4, unchanged: 0 })
    expect(await countQueue(t.db, id)).toEqual({ pending: 1, published: 4, hidden: 0 })
    const after = await sectionInputCounts(t.db, versionId)
    expect((after[SECTION] ?? 0) - (before[SECTION] ?? 0)).toBe(3)
    expect((after[''] ?? 0) - (before[''] ?? 0)).toBe(1)

    const audit = await t.db.selectFrom('audit_log').selectAll().where('id', '>', 0).orderBy('id').execute()
    const rows = audit.slice(auditBefore)
    expect(rows).toHaveLength(4)
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({
        organisation_id: organisationId,
        actor_id: moderator(),
        action: 'input.publish',
        target_type: 'input',
        created_at: NOW.toISOString(),
      })
      expect(JSON.parse(row.details)).toMatchObject({ trackingNumber: inputs[i].tracking_number, from: 'pending', to: 'published' })
    }
    expect(rows.map((r) => r.target_id).sort()).toEqual([...chosen].sort())

    // Publishing again changes (and audits) only what was not published yet.
    const again = await moderateInputs(t.db, { consultationId: id, inputIds: inputs.map((i) => i.id), action: 'publish', actorId: moderator() })
    expect(again).toEqual({ changed: 1, unchanged: 4 })
    expect(await countRows(t.db, 'audit_log')).toBe(auditBefore + 5)
  })

  test('hiding needs a reason category; the text is replaced publicly and the counts follow', async () => {
    const id = await consultation('post')
    const a = await letter(id, { reason: 'Teks yang akan disembunyikan karena di luar topik.' })
    const b = await letter(id)
    const auditBefore = await countRows(t.db, 'audit_log')
    const countBefore = (await sectionInputCounts(t.db, versionId))[SECTION]

    for (const [reasonCategory, code] of [
      [undefined, 'reason_required'],
      ['', 'reason_required'],
      ['tidak-dikenal', 'unknown_reason'],
    ] as const) {
      await expect(moderateInputs(t.db, { consultationId: id, inputIds: [a.id], action: 'hide', reasonCategory, actorId: moderator() })).rejects.toMatchObject({
        code,
      })
    }
    await expect(
      moderateInputs(t.db, { consultationId: id, inputIds: [a.id], action: 'hide', reasonCategory: 'spam', note: 'x'.repeat(501), actorId: moderator() }),
    ).rejects.toMatchObject({ code: 'note_too_long' })
    expect((await statusOf(a.id)).status).toBe('published')
    expect(await countRows(t.db, 'audit_log')).toBe(auditBefore)

    const result = await moderateInputs(t.db, {
      consultationId: id,
      inputIds: [a.id],
      action: 'hide',
      reasonCategory: 'di_luar_topik',
      note: 'Membahas jalan rusak, bukan rancangan.',
      actorId: moderator(),
      now: NOW,
    })
    expect(result).toEqual({ changed: 1, unchanged: 0 })
    expect(await statusOf(a.id)).toMatchObject({ status: 'hidden', hidden_reason: 'di_luar_topik' })
    expect((await sectionInputCounts(t.db, versionId))[SECTION]).toBe(countBefore - 1)
    const audit = await listAudit(t.db, organisationId, { action: 'input.hide' })
    expect(audit.items[0]).toMatchObject({
      action: 'input.hide',
      actorId: moderator(),
      actorName: expect.any(String),
      targetId: a.id,
      reason: 'Membahas jalan rusak, bukan rancangan.',
      createdAt: NOW.toISOString(),
      details: expect.objectContaining({ category: 'di_luar_topik', from: 'published', to: 'hidden', trackingNumber: a.tracking_number }),
    })

    // The public list shows it in its place without its text; its own page knows why.
    const page = await listPublishedInputs(t.db, { policyId, sectionKey: SECTION, includeHidden: true, limit: 100 })
    const placeholder = page.items.find((i) => i.id === a.id)!
    expect(placeholder).toMatchObject({ status: 'hidden', hidden_reason: 'di_luar_topik', proposed_text: '', reason: '', display_label: '' })
    expect(JSON.stringify(page.items)).not.toContain('disembunyikan karena di luar topik')
    expect(page.items.some((i) => i.id === b.id)).toBe(true)
    expect((await listPublishedInputs(t.db, { policyId, limit: 100 })).items.some((i) => i.id === a.id)).toBe(false)
    expect(await getInputByTrackingNumber(t.db, a.tracking_number)).toMatchObject({ status: 'hidden', hidden_reason: 'di_luar_topik' })

    // Restoring publishes it again.
    expect(await moderateInputs(t.db, { consultationId: id, inputIds: [a.id, b.id], action: 'unhide', actorId: moderator() })).toEqual({
      changed: 1,
      unchanged: 1,
    })
    expect(await statusOf(a.id)).toMatchObject({ status: 'published', hidden_reason: '' })
    expect((await sectionInputCounts(t.db, versionId))[SECTION]).toBe(countBefore)
  })

  test('the public list pages through published and hidden inputs together, newest first', async () => {
    const id = await consultation('post')
    const made = []
    for (let i = 0; i < 7; i++) made.push(await letter(id, { sectionKey: 'kesimpulan' }))
    await moderateInputs(t.db, { consultationId: id, inputIds: [made[1].id, made[4].id, made[5].id], action: 'hide', reasonCategory: 'spam', actorId: moderator() })
    const seen: number[] = []
    let cursor: number | undefined
    do {
      const page = await listPublishedInputs(t.db, { policyId, sectionKey: 'kesimpulan', includeHidden: true, limit: 3, before: cursor })
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(made.map((m) => m.id).reverse())
  })

  test('a bulk action with an input of another consultation changes nothing', async () => {
    const id = await consultation('pre')
    const other = await consultation('pre')
    const mine = await letter(id)
    const theirs = await letter(other)
    const auditBefore = await countRows(t.db, 'audit_log')
    await expect(
      moderateInputs(t.db, { consultationId: id, inputIds: [mine.id, theirs.id], action: 'publish', actorId: moderator() }),
    ).rejects.toMatchObject({ code: 'not_in_consultation' })
    await expect(moderateInputs(t.db, { consultationId: id, inputIds: [], action: 'publish', actorId: moderator() })).rejects.toBeInstanceOf(ModerationError)
    await expect(
      moderateInputs(t.db, { consultationId: id, inputIds: [mine.id], action: 'delete' as never, actorId: moderator() }),
    ).rejects.toMatchObject({ code: 'unknown_action' })
    await expect(
      moderateInputs(t.db, { consultationId: id, inputIds: Array.from({ length: 201 }, (_, i) => i + 1), action: 'publish', actorId: moderator() }),
    ).rejects.toMatchObject({ code: 'too_many' })
    expect((await statusOf(mine.id)).status).toBe('pending')
    expect((await statusOf(theirs.id)).status).toBe('pending')
    expect(await countRows(t.db, 'audit_log')).toBe(auditBefore)
  })

  test('complaints about a public service are marked and unmarked, audited', async () => {
    const id = await consultation('post')
    const input = await letter(id, { reason: 'Antrean di kantor kelurahan terlalu panjang setiap Senin.' })
    expect(await moderateInputs(t.db, { consultationId: id, inputIds: [input.id], action: 'markComplaint', actorId: moderator() })).toEqual({
      changed: 1,
      unchanged: 0,
    })
    expect(await statusOf(input.id)).toMatchObject({ is_complaint: 1, status: 'published' })
    expect((await listQueue(t.db, id, { status: 'published', complaint: true })).items.map((i) => i.id)).toEqual([input.id])
    expect((await listQueue(t.db, id, { status: 'published', complaint: false })).items).toHaveLength(0)
    expect((await getInputByTrackingNumber(t.db, input.tracking_number))?.is_complaint).toBe(1)
    await moderateInputs(t.db, { consultationId: id, inputIds: [input.id], action: 'unmarkComplaint', actorId: moderator() })
    expect((await statusOf(input.id)).is_complaint).toBe(0)
    const actions = (await listAudit(t.db, organisationId)).items.filter((i) => i.targetId === input.id).map((i) => i.action)
    expect(actions).toEqual(['input.unmarkComplaint', 'input.markComplaint'])
  })

  test('readers flag a published input once each, never their own; enough flags hold it for review', async () => {
    const id = await consultation('post')
    const result = await online(id, 'warga@rembuk.test')
    const input = await t.db.selectFrom('inputs').selectAll().where('tracking_number', '=', (result as { trackingNumber: string }).trackingNumber).executeTakeFirstOrThrow()
    expect(input.status).toBe('published')
    const bystander = await letter(id)

    await expect(flagInput(t.db, { inputId: input.id, userId: users['warga@rembuk.test'], reason: 'spam', now: NOW })).rejects.toMatchObject({ code: 'own_input' })
    await expect(flagInput(t.db, { inputId: input.id, userId: users['asn.plaju@rembuk.test'], reason: 'jelek', now: NOW })).rejects.toMatchObject({ code: 'unknown_reason' })
    await expect(flagInput(t.db, { inputId: 999_999, userId: users['asn.plaju@rembuk.test'], reason: 'spam', now: NOW })).rejects.toMatchObject({ code: 'not_found' })

    expect(await setFlagThreshold(t.db, { consultationId: id, threshold: 2, actorId: moderator(), now: NOW })).toEqual({ changed: true, held: 0 })
    expect((await listAudit(t.db, organisationId, { action: 'consultation.flagThreshold' })).items[0]).toMatchObject({
      actorId: moderator(),
      targetId: id,
      details: expect.objectContaining({ from: 3, to: 2 }),
    })

    expect(await flagInput(t.db, { inputId: input.id, userId: users['asn.plaju@rembuk.test'], reason: 'bahasa_kasar', now: NOW })).toMatchObject({ held: false })
    await expect(flagInput(t.db, { inputId: input.id, userId: users['asn.plaju@rembuk.test'], reason: 'spam', now: NOW })).rejects.toMatchObject({
      code: 'already_flagged',
    })
    expect((await flagStateFor(t.db, users['asn.plaju@rembuk.test'], [input.id])).flagged).toEqual([input.id])
    expect((await flagStateFor(t.db, users['warga@rembuk.test'], [input.id])).own).toEqual([input.id])
    expect(await countRows(t.db, 'input_flags')).toBeGreaterThanOrEqual(1)
    expect((await statusOf(input.id)).status).toBe('published')
    expect((await listQueue(t.db, id, { status: 'published', flagged: true })).items).toEqual([expect.objectContaining({ id: input.id, flags: 1 })])
    expect((await listQueue(t.db, id, { status: 'published' })).items.map((i) => [i.id, i.flags])).toEqual([
      [bystander.id, 0],
      [input.id, 1],
    ])

    expect(await flagInput(t.db, { inputId: input.id, userId: users['asn.tanjungbalai@rembuk.test'], reason: 'bahasa_kasar', now: NOW })).toMatchObject({ held: true })
    expect(await statusOf(input.id)).toMatchObject({ status: 'pending', held_reason: 'flags' })
    expect((await listAudit(t.db, organisationId, { action: 'input.hold' })).items[0]).toMatchObject({
      actorId: null,
      targetId: input.id,
      details: expect.objectContaining({ category: 'flags', flags: 2, threshold: 2 }),
    })
    expect((await listQueue(t.db, id, { status: 'pending', held: 'flags' })).items.map((i) => i.id)).toEqual([input.id])
    // A held input cannot be flagged further.
    await expect(flagInput(t.db, { inputId: input.id, userId: users['asn.mulyorejo@rembuk.test'], reason: 'spam', now: NOW })).rejects.toMatchObject({
      code: 'not_published',
    })

    // The moderator finds it fine: published again, and only new flags count towards the next hold.
    await moderateInputs(t.db, { consultationId: id, inputIds: [input.id], action: 'publish', actorId: moderator(), now: new Date(NOW.getTime() + 1000) })
    expect(await statusOf(input.id)).toMatchObject({ status: 'published', held_reason: '' })
    const later = new Date(NOW.getTime() + 2000)
    expect(await flagInput(t.db, { inputId: input.id, userId: users['asn.mulyorejo@rembuk.test'], reason: 'spam', now: later })).toMatchObject({ held: false })
    expect(await flagInput(t.db, { inputId: input.id, userId: users['asn.sawahlunto@rembuk.test'], reason: 'spam', now: later })).toMatchObject({ held: true })
  })

  test('lowering the threshold holds inputs already flagged that often', async () => {
    const id = await consultation('post')
    const input = await letter(id)
    await flagInput(t.db, { inputId: input.id, userId: users['warga@rembuk.test'], reason: 'data_pribadi' })
    expect((await statusOf(input.id)).status).toBe('published')
    for (const threshold of [0, 101, 1.5, Number.NaN]) {
      await expect(setFlagThreshold(t.db, { consultationId: id, threshold, actorId: moderator() })).rejects.toMatchObject({ code: 'bad_threshold' })
    }
    expect(await setFlagThreshold(t.db, { consultationId: id, threshold: 1, actorId: moderator() })).toEqual({ changed: true, held: 1 })
    expect(await statusOf(input.id)).toMatchObject({ status: 'pending', held_reason: 'flags' })
  })

  test('abusive words hold an input before publication even in post-moderation; the receipt still works', async () => {
    const id = await consultation('post')
    for (const reason of ['Panitia seleksi itu b4ngs4t semua.', 'Dasar GOBLOOOK, aturan ini merugikan.', 'Kepala dinasnya anjiiing!!']) {
      const result = await online(id, 'asn.mamuju@rembuk.test', { reason })
      expect(result).toMatchObject({ ok: true, status: 'pending' })
      const number = (result as { trackingNumber: string }).trackingNumber
      expect(await getInputByTrackingNumber(t.db, number)).toMatchObject({ status: 'pending', held_reason: 'abusive', tracking_number: number })
    }
    const pseudonym = await online(id, 'asn.mamuju@rembuk.test', { pseudonym: 'Si Tolol' })
    expect(pseudonym).toMatchObject({ ok: true, status: 'pending' })

    // Clean Indonesian with look-alike pieces of those words is published at once.
    const clean = await online(id, 'asn.mamuju@rembuk.test', {
      proposedText: 'Tolok ukur kinerja perekrutan ditetapkan bersama Babinsa dan perwakilan bangsa; asuransi pegawai dijamin.',
      reason: 'Pola asuh pegawai baru perlu santai tetapi cukup jelas; tahi lalat bukan alasan menolak pelamar.',
    })
    expect(clean).toMatchObject({ ok: true, status: 'published' })

    const held = await letter(id, { reason: 'Pejabatnya bajingan.' })
    expect(held).toMatchObject({ status: 'pending', held_reason: 'abusive' })
    const cleanLetter = await letter(id, { reason: 'Seleksi terbuka untuk bangsa dan negara.' })
    expect(cleanLetter).toMatchObject({ status: 'published', held_reason: '' })
    expect((await listQueue(t.db, id, { status: 'pending', held: 'abusive' })).items).toHaveLength(5)
  })

  test('the queue filters by every criterion, searches text and tracking numbers, and pages with a cursor', async () => {
    const id = await consultation('pre')
    const a = await letter(id, { kind: 'add', topic: 'kinerja', sectionKey: '', proposedText: 'Tambahkan indikator 100% kehadiran.' })
    const b = await letter(id, { channel: 'hearing', reason: 'Disampaikan dalam RDPU tentang SKP.' })
    const c = await letter(id, { submitterName: 'Ikatan Bidan Sawahlunto', showName: true })
    const ids = (filter: Parameters<typeof listQueue>[2]) => listQueue(t.db, id, filter).then((p) => p.items.map((i) => i.id))

    expect(await ids({ status: 'pending' })).toEqual([c.id, b.id, a.id])
    expect(await ids({ status: 'published' })).toEqual([])
    expect(await ids({ status: 'pending', kind: 'add' })).toEqual([a.id])
    expect(await ids({ status: 'pending', topic: 'kinerja' })).toEqual([a.id])
    expect(await ids({ status: 'pending', sectionKey: '' })).toEqual([a.id])
    expect(await ids({ status: 'pending', sectionKey: SECTION })).toEqual([c.id, b.id])
    expect(await ids({ status: 'pending', channel: 'hearing' })).toEqual([b.id])
    expect(await ids({ status: 'pending', q: 'rdpu' })).toEqual([b.id])
    expect(await ids({ status: 'pending', q: 'IKATAN bidan' })).toEqual([c.id])
    expect(await ids({ status: 'pending', q: '100%' })).toEqual([a.id])
    expect(await ids({ status: 'pending', q: '%' })).toEqual([a.id])
    expect(await ids({ status: 'pending', q: '_' })).toEqual([])
    expect(await ids({ status: 'pending', q: b.tracking_number.toLowerCase().replace('-', ' ') })).toEqual([b.id])
    expect(await ids({ status: 'pending', flagged: true })).toEqual([])
    expect(await ids({ status: 'pending', held: 'any' })).toEqual([])

    const first = await listQueue(t.db, id, { status: 'pending', limit: 2 })
    expect(first.items.map((i) => i.id)).toEqual([c.id, b.id])
    expect(first.nextCursor).toBe(b.id)
    const second = await listQueue(t.db, id, { status: 'pending', limit: 2, cursor: first.nextCursor! })
    expect(second).toMatchObject({ items: [expect.objectContaining({ id: a.id })], nextCursor: null })
  })

  test('the audit log reads newest first, a page at a time, filtered by action, per organisation', async () => {
    const id = await consultation('pre')
    const inputs = [await letter(id), await letter(id), await letter(id)]
    await moderateInputs(t.db, { consultationId: id, inputIds: inputs.map((i) => i.id), action: 'publish', actorId: moderator() })
    await moderateInputs(t.db, { consultationId: id, inputIds: [inputs[0].id], action: 'hide', reasonCategory: 'spam', actorId: moderator() })
    const all = await listAudit(t.db, organisationId, { limit: 2 })
    expect(all.items[0]).toMatchObject({ action: 'input.hide', targetId: inputs[0].id })
    expect(all.items[0].id).toBeGreaterThan(all.items[1].id)
    const next = await listAudit(t.db, organisationId, { limit: 2, cursor: all.nextCursor! })
    expect(next.items[0].id).toBeLessThan(all.items[1].id)
    const publishes = await listAudit(t.db, organisationId, { action: 'input.publish', limit: 200 })
    expect(publishes.items.every((i) => i.action === 'input.publish')).toBe(true)
    const plaju = await t.db.selectFrom('organisations').select('id').where('slug', 'like', '%plaju%').executeTakeFirstOrThrow()
    expect((await listAudit(t.db, plaju.id)).items).toEqual([])
  })
})

