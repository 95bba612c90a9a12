import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  ResponseError,
  answeredCounts,
  clearInputResponse,
  getEffectiveResponse,
  listInputsToAnswer,
  listThemesToAnswer,
  respondToInput,
  respondToTheme,
  withResponseNotifications,
} from '~/domain/responses.server'
import { closeMailer } from '~/lib/mailer.server'
import { seedDemo } from '~db/seed/demo'
import { type Fixture, PRIVATE_EMAIL, addDuplicateGroup, addInputs, addTheme, setUpConsultation } from '../answers-fixture'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { type TestSmtp, startSmtp } from '../smtp'

describe.each(dialects)('responses on %s', (dialect) => {
  let t: TestDb
  let f: Fixture
  let moderator: number

  beforeEach(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T00:00:00Z'), { consultations: false })
    f = await setUpConsultation(t.db)
    moderator = (await t.db.selectFrom('users').select('id').where('email', '=', 'moderator.mamuju@rembuk.test').executeTakeFirstOrThrow()).id
  })
  afterEach(async () => {
    await t.destroy()
  })

  const notificationsFor = async (userId: number) =>
    t.db.selectFrom('notifications').select(['title', 'body', 'link']).where('user_id', '=', userId).orderBy('id').execute()

  test('a theme’s response is inherited; an input’s own response wins; clearing it falls back to the theme', async () => {
    const [a, b, c] = await addInputs(t.db, f, 3)
    const theme = await addTheme(t.db, f, 'Transparansi rekrutmen', [a.id, b.id])

    expect(await getEffectiveResponse(t.db, a.id)).toBeNull()
    await respondToTheme(t.db, { themeId: theme, decision: 'diterima_sebagian', reason: '  Sebagian usul dimasukkan ke Pasal 5.  ', actorId: moderator })
    for (const input of [a, b]) {
      expect(await getEffectiveResponse(t.db, input.id)).toMatchObject({
        decision: 'diterima_sebagian',
        reason: 'Sebagian usul dimasukkan ke Pasal 5.',
        source: 'theme',
        themeTitle: 'Transparansi rekrutmen',
      })
    }
    expect(await getEffectiveResponse(t.db, c.id)).toBeNull()

    await respondToInput(t.db, { inputId: b.id, decision: 'ditolak', reason: 'Bertentangan dengan PP 11/2017.', actorId: moderator })
    expect(await getEffectiveResponse(t.db, b.id)).toMatchObject({ decision: 'ditolak', source: 'input', themeTitle: null })
    expect(await getEffectiveResponse(t.db, a.id)).toMatchObject({ decision: 'diterima_sebagian', source: 'theme' })

    // Changing the theme's decision does not touch the override.
    await respondToTheme(t.db, { themeId: theme, decision: 'diterima', reason: 'Seluruhnya dimasukkan.', actorId: moderator })
    expect(await getEffectiveResponse(t.db, a.id)).toMatchObject({ decision: 'diterima' })
    expect(await getEffectiveResponse(t.db, b.id)).toMatchObject({ decision: 'ditolak' })

    const cleared = await clearInputResponse(t.db, { inputId: b.id, actorId: moderator })
    expect(cleared.changed).toBe(true)
    expect(await getEffectiveResponse(t.db, b.id)).toMatchObject({ decision: 'diterima', source: 'theme', themeTitle: 'Transparansi rekrutmen' })
    expect((await clearInputResponse(t.db, { inputId: b.id, actorId: moderator })).changed).toBe(false)

    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_type', 'actor_id', 'organisation_id']).orderBy('id').execute()
    expect(audit.map((r) => `${r.action} ${r.target_type}`)).toEqual([
      'response.create theme',
      'response.create input',
      'response.update theme',
      'response.clear input',
    ])
    expect(audit.every((r) => r.actor_id === moderator && r.organisation_id === f.organisationId)).toBe(true)
  })

  test('a reason is required and a decision must be one of the five; a refused response changes nothing', async () => {
    const [a] = await addInputs(t.db, f, 1)
    const attempts: [unknown, unknown, string, string][] = [
      ['diterima', '   ', 'reason_required', 'reason'],
      ['diterima', '', 'reason_required', 'reason'],
      ['diterima', 'x'.repeat(5001), 'reason_too_long', 'reason'],
      ['disetujui', 'Alasan.', 'decision_invalid', 'decision'],
      [undefined, 'Alasan.', 'decision_invalid', 'decision'],
    ]
    for (const [decision, reason, code, field] of attempts) {
      const error = await respondToInput(t.db, { inputId: a.id, decision, reason, actorId: moderator }).catch((e) => e)
      expect(error).toBeInstanceOf(ResponseError)
      expect(error).toMatchObject({ code, field })
    }
    await respondToInput(t.db, { inputId: a.id, decision: 'dicatat', reason: 'x'.repeat(5000), actorId: moderator })
    expect(await countRows(t.db, 'responses')).toBe(1)
    expect(await countRows(t.db, 'audit_log')).toBe(1)
  })

  test('hidden, pending and complaint inputs cannot be answered; unknown ones are not found', async () => {
    const [hidden, pending, complaint] = await addInputs(t.db, f, 3, (i) => (i === 0 ? { status: 'hidden' } : i === 1 ? { status: 'pending' } : { isComplaint: true }))
    for (const input of [hidden, pending, complaint]) {
      await expect(respondToInput(t.db, { inputId: input.id, decision: 'dicatat', reason: 'Alasan.', actorId: moderator })).rejects.toMatchObject({
        code: 'not_answerable',
      })
    }
    await expect(respondToInput(t.db, { inputId: 999999, decision: 'dicatat', reason: 'Alasan.', actorId: moderator })).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(respondToTheme(t.db, { themeId: 999999, decision: 'dicatat', reason: 'Alasan.', actorId: moderator })).rejects.toMatchObject({
      code: 'not_found',
    })
    expect(await countRows(t.db, 'responses')).toBe(0)
  })

  test('counts: answered and unanswered published inputs, each duplicate counted, complaints and hidden ones left out', async () => {
    const inputs = await addInputs(t.db, f, 8, (i) => (i === 6 ? { isComplaint: true } : i === 7 ? { status: 'hidden' } : {}))
    // Inputs 0-2 are one duplicate group; 3 and 4 share a theme; 5 stays unanswered.
    await addDuplicateGroup(t.db, f, [inputs[0].id, inputs[1].id, inputs[2].id])
    const theme = await addTheme(t.db, f, 'Kompetensi', [inputs[3].id, inputs[4].id])
    expect(await answeredCounts(t.db, f.consultationId)).toMatchObject({ total: 6, answered: 0, unanswered: 6 })

    // Answering any member answers the whole group.
    await respondToInput(t.db, { inputId: inputs[1].id, decision: 'diterima', reason: 'Usul yang sama dari banyak warga.', actorId: moderator })
    await respondToTheme(t.db, { themeId: theme, decision: 'dicatat', reason: 'Dicatat untuk revisi.', actorId: moderator })
    await respondToInput(t.db, { inputId: inputs[4].id, decision: 'ditolak', reason: 'Di luar kewenangan daerah.', actorId: moderator })
    const counts = await answeredCounts(t.db, f.consultationId)
    expect(counts).toEqual({
      total: 6,
      answered: 5,
      unanswered: 1,
      byDecision: { diterima: 3, diterima_sebagian: 0, ditolak: 1, sudah_diakomodasi: 0, dicatat: 1 },
    })
    const stored = await t.db.selectFrom('responses').select(['input_id', 'theme_id']).orderBy('id').execute()
    expect(stored).toEqual([
      { input_id: inputs[0].id, theme_id: null },
      { input_id: null, theme_id: theme },
      { input_id: inputs[4].id, theme_id: null },
    ])

    const unanswered = await listInputsToAnswer(t.db, f.consultationId, { answered: false })
    expect(unanswered.items.map((r) => r.id)).toEqual([inputs[5].id])
    const all = await listInputsToAnswer(t.db, f.consultationId)
    expect(all.items.map((r) => [r.id, r.count])).toEqual([
      [inputs[0].id, 3],
      [inputs[3].id, 1],
      [inputs[4].id, 1],
      [inputs[5].id, 1],
    ])
    const byTheme = await listInputsToAnswer(t.db, f.consultationId, { theme })
    expect(byTheme.items.map((r) => [r.id, r.response_source, r.own_decision, r.theme_decision])).toEqual([
      [inputs[3].id, 'theme', null, 'dicatat'],
      [inputs[4].id, 'input', 'ditolak', 'dicatat'],
    ])
    expect((await listInputsToAnswer(t.db, f.consultationId, { theme: 'none' })).items).toHaveLength(2)
    const paged = await listInputsToAnswer(t.db, f.consultationId, { limit: 2 })
    expect(paged.nextCursor).toBe(inputs[3].id)
    expect((await listInputsToAnswer(t.db, f.consultationId, { limit: 2, after: paged.nextCursor! })).items.map((r) => r.id)).toEqual([
      inputs[4].id,
      inputs[5].id,
    ])
    expect(await listThemesToAnswer(t.db, f.consultationId)).toMatchObject([{ id: theme, title: 'Kompetensi', decision: 'dicatat', inputs: 2, ownResponses: 1 }])
  })

  test('submitters are notified in the portal and by outbox once per new or changed decision', async () => {
    const other = (await t.db.selectFrom('users').select('id').where('email', '=', 'warga@rembuk.test').executeTakeFirstOrThrow()).id
    const [a, b, offline] = await addInputs(t.db, f, 3, (i) => ({ userId: i === 1 ? other : i === 2 ? null : f.userId }))
    const theme = await addTheme(t.db, f, 'Pengumuman seleksi', [a.id, b.id, offline.id])

    const first = await respondToTheme(t.db, { themeId: theme, decision: 'diterima', reason: 'Dimasukkan ke Pasal 3.', actorId: moderator })
    expect(first.notified).toBe(2)
    let mine = await notificationsFor(f.userId)
    expect(mine).toHaveLength(1)
    expect(mine[0].title).toBe(`Masukan ${a.trackingNumber} sudah ditanggapi`)
    expect(mine[0].body).toContain('diterima')
    expect(mine[0].link).toBe(`/masukan/${a.trackingNumber}`)
    const mail = await t.db.selectFrom('outbox').selectAll().where('user_id', '=', f.userId).execute()
    expect(mail).toHaveLength(1)
    expect(mail[0].to_address).toBe(PRIVATE_EMAIL)
    expect(mail[0].body).toContain(`/masukan/${a.trackingNumber}`)

    // Same decision and reason again: nothing happens. A new reason alone: audited, nobody told.
    expect((await respondToTheme(t.db, { themeId: theme, decision: 'diterima', reason: 'Dimasukkan ke Pasal 3.', actorId: moderator })).changed).toBe(false)
    const reworded = await respondToTheme(t.db, { themeId: theme, decision: 'diterima', reason: 'Dimasukkan ke Pasal 3 ayat (2).', actorId: moderator })
    expect(reworded).toMatchObject({ changed: true, notified: 0 })
    expect(await countRows(t.db, 'notifications')).toBe(2)

    // An override with a different decision tells only that input's submitter.
    const override = await respondToInput(t.db, { inputId: b.id, decision: 'ditolak', reason: 'Tidak sesuai.', actorId: moderator })
    expect(override.notified).toBe(1)
    expect(await notificationsFor(other)).toHaveLength(2)
    // An override with the same decision as the theme is no change for the submitter.
    expect((await respondToInput(t.db, { inputId: a.id, decision: 'diterima', reason: 'Khusus untuk masukan ini.', actorId: moderator })).notified).toBe(0)
    // Clearing the override gives the theme's decision back: a change, told once.
    expect((await clearInputResponse(t.db, { inputId: b.id, actorId: moderator })).notified).toBe(1)
    expect(await notificationsFor(other)).toHaveLength(3)
    mine = await notificationsFor(f.userId)
    expect(mine).toHaveLength(1)
    expect(await countRows(t.db, 'outbox')).toBe(await countRows(t.db, 'notifications'))
  })

  test('an input put into an answered theme elsewhere is told through withResponseNotifications', async () => {
    const [a, b] = await addInputs(t.db, f, 2)
    const theme = await addTheme(t.db, f, 'Sudah dijawab', [a.id])
    await respondToTheme(t.db, { themeId: theme, decision: 'dicatat', reason: 'Dicatat.', actorId: moderator })
    expect(await notificationsFor(f.userId)).toHaveLength(1)
    const moved = await withResponseNotifications(t.db, [b.id], (trx) => trx.updateTable('inputs').set({ theme_id: theme }).where('id', '=', b.id).execute())
    expect(moved.notified).toBe(1)
    expect((await notificationsFor(f.userId)).map((n) => n.link)).toEqual([`/masukan/${a.trackingNumber}`, `/masukan/${b.trackingNumber}`])
    // Nothing changes for the submitter the second time.
    expect((await withResponseNotifications(t.db, [b.id], async () => undefined)).notified).toBe(0)
  })

  test('every member of an answered duplicate group is told, once', async () => {
    const other = (await t.db.selectFrom('users').select('id').where('email', '=', 'warga@rembuk.test').executeTakeFirstOrThrow()).id
    const inputs = await addInputs(t.db, f, 3, (i) => ({ userId: i === 2 ? other : f.userId }))
    await addDuplicateGroup(t.db, f, inputs.map((i) => i.id))
    const result = await respondToInput(t.db, { inputId: inputs[2].id, decision: 'sudah_diakomodasi', reason: 'Sudah ada di Pasal 4.', actorId: moderator })
    expect(result.notified).toBe(3)
    expect((await notificationsFor(f.userId)).map((n) => n.link).sort()).toEqual(
      [`/masukan/${inputs[0].trackingNumber}`, `/masukan/${inputs[1].trackingNumber}`].sort(),
    )
    expect(await notificationsFor(other)).toHaveLength(1)
  })
})

describe.each(dialects)('response mail over SMTP on %s', (dialect) => {
  let t: TestDb
  let smtp: TestSmtp
  beforeAll(async () => {
    smtp = await startSmtp()
  })
  afterAll(async () => {
    await smtp.close()
  })
  beforeEach(async () => {
    process.env.SMTP_URL = smtp.url
    process.env.PUBLIC_URL = 'https://rembuk.example.id'
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T00:00:00Z'), { consultations: false })
  })
  afterEach(async () => {
    closeMailer()
    delete process.env.SMTP_URL
    delete process.env.PUBLIC_URL
    await t.destroy()
  })

  test('the submitter receives a mail with the decision and the link to the input', async () => {
    const f = await setUpConsultation(t.db)
    const [a] = await addInputs(t.db, f, 1)
    const result = await respondToInput(t.db, { inputId: a.id, decision: 'diterima_sebagian', reason: 'Sebagian dimasukkan.', actorId: null })
    expect(await result.delivery).toEqual({ tried: 1, sent: 1, failed: 0 })
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0].to).toEqual([PRIVATE_EMAIL])
    expect(smtp.received[0].subject).toBe(`Masukan ${a.trackingNumber} sudah ditanggapi`)
    expect(smtp.received[0].text).toContain('diterima sebagian')
    expect(smtp.received[0].text).toContain(`https://rembuk.example.id/masukan/${a.trackingNumber}`)
  })
})
