import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { closeConsultationNow, createConsultation, addQuestion, getQuestions, ConsultationError } from '~/domain/consultations.server'
import {
  type OnlineInput,
  getInputByTrackingNumber,
  listPublishedInputs,
  normaliseTrackingNumber,
  recordOfflineInput,
  sectionInputCounts,
  setInputStatus,
  submitInput,
} from '~/domain/inputs.server'
import { type Actor, loadActor } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'

const NOW = new Date('2026-11-23T05:00:00.000Z')
const HOUR = 60 * 60_000

async function actorByEmail(t: TestDb, email: string): Promise<Actor> {
  const user = await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  return (await loadActor(t.db, user.id))!
}

describe.each(dialects)('giving input on %s', (dialect) => {
  let t: TestDb
  let consultationId: number
  let questionIds: number[]
  let citizen: Actor
  let policyId: number
  let versionId: number

  const base = (overrides: Partial<OnlineInput> = {}): OnlineInput => ({
    consultationId,
    sectionKey: 'proses-penyusunan-kebijakan',
    kind: 'change',
    proposedText: 'Rekrutmen diumumkan terbuka paling lambat 30 hari sebelum seleksi.',
    reason: 'Agar semua warga punya waktu yang sama untuk mendaftar.',
    topic: 'rekrutmen',
    groupName: '',
    groupType: '',
    answers: { [`q${questionIds[0]}`]: '4' },
    displayMode: 'name',
    pseudonym: '',
    consents: [
      { purpose: 'processing', statement: 'Saya setuju…' },
      { purpose: 'publication', statement: 'Saya setuju diterbitkan…' },
    ],
    clientToken: null,
    ...overrides,
  })
  const ctx = (actor: Actor | null = citizen, extra: { now?: Date; address?: string } = {}) => ({
    actor,
    address: extra.address ?? '203.0.113.9',
    verifiedRole: async () => null,
    now: extra.now ?? NOW,
  })

  beforeEach(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, NOW, { consultations: false })
    const policy = (await getPolicyBySlug(t.db, 'kebijakan-kepegawaian-asn-mamuju'))!
    policyId = policy.id
    versionId = policy.current_version_id!
    const created = await createConsultation(t.db, {
      policyId,
      versionId,
      title: 'Konsultasi uji',
      description: '',
      opensAt: new Date(NOW.getTime() - 24 * HOUR).toISOString(),
      closesAt: new Date(NOW.getTime() + 24 * HOUR).toISOString(),
      audience: 'public',
      moderation: 'post',
      topics: ['rekrutmen', 'kompetensi'],
      questions: [
        { kind: 'scale', prompt: 'Seberapa transparan rekrutmen saat ini?', required: true },
        { kind: 'multiple', prompt: 'Saluran pengumuman', options: ['Situs web', 'Media sosial', 'Papan pengumuman'], required: false },
        { kind: 'yesno', prompt: 'Perlu penilai independen?', required: false },
      ],
      actorId: null,
    })
    consultationId = created.id
    questionIds = (await getQuestions(t.db, consultationId)).map((q) => q.id)
    citizen = await actorByEmail(t, 'warga@rembuk.test')
  })
  afterEach(async () => {
    await t.destroy()
  })

  test('an accepted input gets a readable, unique tracking number and is published at once in post-moderation', async () => {
    const result = await submitInput(t.db, base(), ctx())
    expect(result).toMatchObject({ ok: true, duplicate: false, status: 'published' })
    const number = (result as { trackingNumber: string }).trackingNumber
    expect(number).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
    const stored = await getInputByTrackingNumber(t.db, number)
    expect(stored).toMatchObject({ status: 'published', display_label: 'Siti Rahmawati', section_heading: 'Proses Penyusunan Kebijakan' })
    expect(stored?.answers).toEqual([expect.objectContaining({ value: 4 })])
    expect(await countRows(t.db, 'input_consents')).toBe(2)
    expect(await sectionInputCounts(t.db, versionId)).toEqual({ 'proses-penyusunan-kebijakan': 1 })
  })

  test('tracking numbers are not in sequence', async () => {
    const numbers = new Set<string>()
    for (let i = 0; i < 5; i++) {
      const r = await submitInput(t.db, base(), ctx())
      numbers.add((r as { trackingNumber: string }).trackingNumber)
    }
    expect(numbers.size).toBe(5)
  })

  test('a tracking number is found however it is typed', () => {
    expect(normaliseTrackingNumber(' k7qm 4txd ')).toBe('K7QM-4TXD')
    expect(normaliseTrackingNumber('K7QM4TXD')).toBe('K7QM-4TXD')
    expect(normaliseTrackingNumber('K7QM-4TX0')).toBeNull()
    expect(normaliseTrackingNumber('pendek')).toBeNull()
  })

  test('a double submission of one form stores one input', async () => {
    const first = await submitInput(t.db, base({ clientToken: 'token-abc' }), ctx())
    const again = await submitInput(t.db, base({ clientToken: 'token-abc' }), ctx())
    expect(again).toMatchObject({ ok: true, duplicate: true, trackingNumber: (first as { trackingNumber: string }).trackingNumber })
    const [a, b] = await Promise.all([
      submitInput(t.db, base({ clientToken: 'token-race' }), ctx()),
      submitInput(t.db, base({ clientToken: 'token-race' }), ctx()),
    ])
    expect((a as { trackingNumber: string }).trackingNumber).toBe((b as { trackingNumber: string }).trackingNumber)
    expect(await countRows(t.db, 'inputs')).toBe(2)
  })

  test.each([
    ['before the window opens', new Date(NOW.getTime() - 48 * HOUR), 'upcoming'],
    ['after the window closes', new Date(NOW.getTime() + 48 * HOUR), 'closed'],
  ])('input %s is refused and stores nothing', async (_, now, state) => {
    expect(await submitInput(t.db, base(), ctx(citizen, { now }))).toEqual({ ok: false, errors: [{ code: 'not_open', state }] })
    expect(await countRows(t.db, 'inputs')).toBe(0)
  })

  test('a consultation closed early refuses input from then on', async () => {
    await closeConsultationNow(t.db, consultationId, NOW)
    expect(await submitInput(t.db, base(), ctx())).toMatchObject({ ok: false, errors: [{ code: 'not_open', state: 'closed' }] })
  })

  test('an employees-only consultation refuses people outside the organisation', async () => {
    await t.db.updateTable('consultations').set({ audience: 'employees' }).where('id', '=', consultationId).execute()
    expect(await submitInput(t.db, base(), ctx())).toEqual({ ok: false, errors: [{ code: 'not_in_audience' }] })
    const asn = await actorByEmail(t, 'asn.mamuju@rembuk.test')
    expect(await submitInput(t.db, base(), ctx(asn))).toMatchObject({ ok: true })
    const otherRegion = await actorByEmail(t, 'asn.plaju@rembuk.test')
    expect(await submitInput(t.db, base(), ctx(otherRegion))).toEqual({ ok: false, errors: [{ code: 'not_in_audience' }] })
    expect(await submitInput(t.db, base(), ctx(null))).toEqual({ ok: false, errors: [{ code: 'not_signed_in' }] })
  })

  test('every broken rule is reported at once, next to its field, and nothing is stored', async () => {
    const result = await submitInput(
      t.db,
      base({
        sectionKey: 'pasal-tidak-ada',
        proposedText: '',
        reason: 'x'.repeat(5001),
        topic: 'cuaca',
        answers: { [`q${questionIds[1]}`]: ['Situs web', 'Merpati pos'], [`q${questionIds[2]}`]: 'mungkin' },
        consents: [{ purpose: 'processing', statement: 'ok' }],
        displayMode: 'pseudonym',
        pseudonym: '',
        groupName: 'Forum Guru Honorer',
        groupType: '',
      }),
      ctx(),
    )
    expect(result.ok).toBe(false)
    const fields = (result as { errors: { code: string; field?: string }[] }).errors.map((e) => `${e.code}:${e.field}`)
    expect(fields.sort()).toEqual(
      [
        'unknown_section:sectionKey',
        'unknown_topic:topic',
        'required:proposedText',
        'too_long:reason',
        'required:groupType',
        `answer_required:answers.q${questionIds[0]}`,
        `answer_invalid:answers.q${questionIds[1]}`,
        `answer_invalid:answers.q${questionIds[2]}`,
        'consent_missing:consent.publication',
        'required:pseudonym',
      ].sort(),
    )
    expect(await countRows(t.db, 'inputs')).toBe(0)
    expect(await countRows(t.db, 'input_consents')).toBe(0)
  })

  test('a pseudonym is shown instead of the name; a verified role only when verified', async () => {
    const r = await submitInput(t.db, base({ displayMode: 'pseudonym', pseudonym: 'Warga Mamuju' }), ctx())
    expect((await getInputByTrackingNumber(t.db, (r as { trackingNumber: string }).trackingNumber))?.display_label).toBe('Warga Mamuju')
    expect(await submitInput(t.db, base({ displayMode: 'verified_role' }), ctx())).toEqual({
      ok: false,
      errors: [{ code: 'verified_role_unavailable', field: 'displayMode' }],
    })
  })

  test('submissions are rate-limited per account and per address', async () => {
    for (let i = 0; i < 20; i++) expect((await submitInput(t.db, base(), ctx(citizen, { address: `10.1.1.${i}` }))).ok).toBe(true)
    const limited = await submitInput(t.db, base(), ctx(citizen, { address: '10.1.2.1' }))
    expect(limited).toMatchObject({ ok: false, errors: [{ code: 'rate_limited' }] })
    const later = new Date(NOW.getTime() + HOUR + 1)
    await t.db.updateTable('consultations').set({ closes_at: new Date(NOW.getTime() + 48 * HOUR).toISOString() }).execute()
    expect((await submitInput(t.db, base(), ctx(citizen, { now: later, address: '10.1.2.1' }))).ok).toBe(true)
  })

  test('in pre-moderation input waits, and counts change only when it is published', async () => {
    await t.db.updateTable('consultations').set({ moderation: 'pre' }).where('id', '=', consultationId).execute()
    const r = await submitInput(t.db, base(), ctx())
    expect(r).toMatchObject({ ok: true, status: 'pending' })
    expect(await sectionInputCounts(t.db, versionId)).toEqual({})
    expect((await listPublishedInputs(t.db, { policyId })).items).toHaveLength(0)
    const input = await getInputByTrackingNumber(t.db, (r as { trackingNumber: string }).trackingNumber)
    await setInputStatus(t.db, [input!.id], 'published')
    expect(await sectionInputCounts(t.db, versionId)).toEqual({ 'proses-penyusunan-kebijakan': 1 })
    await setInputStatus(t.db, [input!.id], 'hidden')
    expect(await sectionInputCounts(t.db, versionId)).toEqual({ 'proses-penyusunan-kebijakan': 0 })
  })

  test('published inputs page by cursor, filtered by section, kind and topic', async () => {
    for (let i = 0; i < 25; i++) {
      await submitInput(
        t.db,
        base({ kind: i % 5 === 0 ? 'support' : 'change', topic: i % 2 ? 'kompetensi' : 'rekrutmen', sectionKey: i < 22 ? 'proses-penyusunan-kebijakan' : '' }),
        ctx(citizen, { address: `10.2.0.${i}` }),
      )
      if (i === 18) await t.db.deleteFrom('rate_limits').execute()
    }
    const first = await listPublishedInputs(t.db, { policyId, sectionKey: 'proses-penyusunan-kebijakan' })
    expect(first.items).toHaveLength(20)
    const second = await listPublishedInputs(t.db, { policyId, sectionKey: 'proses-penyusunan-kebijakan', before: first.nextCursor! })
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeNull()
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(22)
    expect((await listPublishedInputs(t.db, { policyId, sectionKey: '' })).items).toHaveLength(3)
    expect((await listPublishedInputs(t.db, { policyId, kind: 'support' })).items).toHaveLength(5)
    expect((await listPublishedInputs(t.db, { policyId, topic: 'kompetensi', kind: 'change' })).items.every((i) => i.topic === 'kompetensi' && i.kind === 'change')).toBe(true)
    expect(await sectionInputCounts(t.db, versionId)).toEqual({ 'proses-penyusunan-kebijakan': 22, '': 3 })
  })

  test('staff key in offline input with its channel and the submitter as given', async () => {
    const moderator = await actorByEmail(t, 'moderator.mamuju@rembuk.test')
    const offline = {
      consultationId,
      channel: 'letter' as const,
      receivedAt: new Date(NOW.getTime() - 2 * HOUR).toISOString(),
      submitterName: 'Paguyuban Guru Honorer Mamuju',
      submitterContact: 'Jl. Ahmad Yani 1, Mamuju',
      showName: true,
      consentRecorded: true,
      sectionKey: '',
      kind: 'objection' as const,
      proposedText: '',
      reason: 'Honorer belum dilibatkan.',
      topic: 'rekrutmen',
      groupName: 'Paguyuban Guru Honorer',
      groupType: 'ormas' as const,
      clientToken: null,
    }
    const r = await recordOfflineInput(t.db, offline, { staffId: moderator.id, now: NOW })
    expect(r).toMatchObject({ ok: true })
    const stored = await getInputByTrackingNumber(t.db, (r as { trackingNumber: string }).trackingNumber)
    expect(stored).toMatchObject({ channel: 'letter', display_label: 'Paguyuban Guru Honorer Mamuju', group_type: 'ormas', user_id: null })

    const late = await recordOfflineInput(t.db, { ...offline, receivedAt: new Date(NOW.getTime() + 48 * HOUR).toISOString() }, { staffId: moderator.id, now: new Date(NOW.getTime() + 49 * HOUR) })
    expect(late).toEqual({ ok: false, errors: [{ code: 'received_outside_window', field: 'receivedAt' }] })
    const noConsent = await recordOfflineInput(t.db, { ...offline, consentRecorded: false, submitterName: '' }, { staffId: moderator.id, now: NOW })
    expect((noConsent as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['consentRecorded', 'submitterName'])
  })

  test('the questionnaire is fixed once input has arrived', async () => {
    await addQuestion(t.db, consultationId, { kind: 'text', prompt: 'Saran lain?', required: false })
    await submitInput(t.db, base(), ctx())
    await expect(addQuestion(t.db, consultationId, { kind: 'text', prompt: 'Terlambat?', required: false })).rejects.toBeInstanceOf(ConsultationError)
  })
})
