import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  countUnread,
  followPolicy,
  isFollowing,
  listFollowerIds,
  listNotifications,
  listOutbox,
  markRead,
  notify,
  notifyInputAnswered,
  notifyPolicyEvent,
  setUserLocale,
  unfollowPolicy,
} from '~/domain/notifications.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

describe.each(dialects)('notifications and following on %s', (dialect) => {
  let t: TestDb
  let user: Record<'warga' | 'asn' | 'moderator' | 'admin', number>
  let policyId: number

  beforeEach(async () => {
    delete process.env.SMTP_URL
    delete process.env.PUBLIC_URL
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T00:00:00Z'))
    const rows = await t.db.selectFrom('users').select(['id', 'email']).execute()
    const id = (email: string) => rows.find((r) => r.email === email)!.id
    user = {
      warga: id('warga@rembuk.test'),
      asn: id('asn.mamuju@rembuk.test'),
      moderator: id('moderator.mamuju@rembuk.test'),
      admin: id('admin@rembuk.test'),
    }
    policyId = (await getPolicyBySlug(t.db, MAMUJU))!.id
  })
  afterEach(async () => {
    await t.destroy()
  })

  test('notify writes one notification and one outbox mail per person, each once', async () => {
    const result = await notify(t.db, {
      userIds: [user.warga, user.asn, user.warga, 999_999],
      kind: 'version_published',
      title: 'Judul uji',
      body: 'Isi uji',
      link: '/kebijakan/contoh',
    })
    expect(result.notified).toBe(2)
    expect(result.outboxIds).toHaveLength(2)
    expect(await result.delivery).toEqual({ tried: 0, sent: 0, failed: 0 })
    expect(await countRows(t.db, 'notifications')).toBe(2)
    expect(await countRows(t.db, 'outbox')).toBe(2)

    const mails = await t.db.selectFrom('outbox').selectAll().orderBy('to_address').execute()
    expect(mails.map((m) => m.to_address)).toEqual(['asn.mamuju@rembuk.test', 'warga@rembuk.test'])
    const toWarga = mails[1]
    expect(toWarga).toMatchObject({ subject: 'Judul uji', sent_at: null, attempts: 0, last_error: null, user_id: user.warga })
    expect(toWarga.body).toContain('Halo Siti Rahmawati,')
    expect(toWarga.body).toContain('Isi uji')
    expect(toWarga.body).toContain('http://localhost:3000/kebijakan/contoh')
    expect(toWarga.body).toContain('http://localhost:3000/akun/pemberitahuan')
  })

  test('nobody to notify writes nothing; a link outside the portal is refused', async () => {
    expect((await notify(t.db, { userIds: [], kind: 'version_published', title: 'x', body: '', link: '/' })).notified).toBe(0)
    await expect(
      notify(t.db, { userIds: [user.warga], kind: 'version_published', title: 'x', body: '', link: 'https://evil.example' }),
    ).rejects.toThrow(/inside the portal/)
    await expect(
      notify(t.db, { userIds: [user.warga], kind: 'version_published', title: 'x', body: '', link: '//evil.example' }),
    ).rejects.toThrow()
    expect(await countRows(t.db, 'notifications')).toBe(0)
    expect(await countRows(t.db, 'outbox')).toBe(0)
  })

  test('each person reads it in their own language, with PUBLIC_URL in the mail', async () => {
    process.env.PUBLIC_URL = 'https://rembuk.example.go.id/'
    await setUserLocale(t.db, user.asn, 'en')
    await notify(t.db, {
      userIds: [user.warga, user.asn],
      kind: 'version_published',
      title: { id: 'Judul', en: 'Title' },
      body: { key: 'notify.versionPublished.body', vars: { organisation: 'Pemkab', policy: 'Kebijakan', version: 2 } },
      link: '/kebijakan/x',
    })
    const byUser = async (id: number) =>
      (await t.db.selectFrom('notifications').select(['title', 'body']).where('user_id', '=', id).executeTakeFirstOrThrow())
    expect(await byUser(user.warga)).toEqual({
      title: 'Judul',
      body: 'Pemkab menerbitkan versi 2 rancangan "Kebijakan". Baca perubahannya dan lihat apa yang dilakukan terhadap masukan masyarakat.',
    })
    expect((await byUser(user.asn)).title).toBe('Title')
    expect((await byUser(user.asn)).body).toMatch(/^Pemkab published version 2 of the draft "Kebijakan"/)
    const mail = await t.db.selectFrom('outbox').select(['body']).where('user_id', '=', user.asn).executeTakeFirstOrThrow()
    expect(mail.body).toContain('Hello ASN Kabupaten Mamuju,')
    expect(mail.body).toContain('https://rembuk.example.go.id/kebijakan/x\n')
    expect(mail.body).not.toContain('go.id//')
  })

  test('notifications list newest first, page by cursor, and count and mark only their owner’s', async () => {
    for (let i = 1; i <= 5; i++) {
      await notify(t.db, {
        userIds: [user.warga],
        kind: 'consultation_opened',
        title: `Kabar ${i}`,
        body: '',
        link: `/kebijakan/${i}`,
        at: `2026-11-2${i}T00:00:00.000Z`,
      })
    }
    await notify(t.db, { userIds: [user.asn], kind: 'consultation_opened', title: 'Milik ASN', body: '', link: '/' })

    const first = await listNotifications(t.db, user.warga, { limit: 2 })
    expect(first.items.map((n) => n.title)).toEqual(['Kabar 5', 'Kabar 4'])
    expect(first.items[0].time_zone).toBe('Asia/Jakarta')
    const second = await listNotifications(t.db, user.warga, { limit: 2, cursor: first.nextCursor })
    expect(second.items.map((n) => n.title)).toEqual(['Kabar 3', 'Kabar 2'])
    const last = await listNotifications(t.db, user.warga, { limit: 2, cursor: second.nextCursor })
    expect(last.items.map((n) => n.title)).toEqual(['Kabar 1'])
    expect(last.nextCursor).toBeNull()

    expect(await countUnread(t.db, user.warga)).toBe(5)
    const asnNotification = (await listNotifications(t.db, user.asn)).items[0]
    // Someone else's notification is out of reach.
    expect(await markRead(t.db, user.warga, [asnNotification.id])).toBe(0)
    expect(await countUnread(t.db, user.asn)).toBe(1)

    expect(await markRead(t.db, user.warga, [first.items[0].id])).toBe(1)
    expect(await markRead(t.db, user.warga, [first.items[0].id])).toBe(0)
    expect(await countUnread(t.db, user.warga)).toBe(4)
    expect(await markRead(t.db, user.warga, 'all')).toBe(4)
    expect(await countUnread(t.db, user.warga)).toBe(0)
    expect(await countUnread(t.db, user.asn)).toBe(1)
    expect((await listNotifications(t.db, user.warga)).items.every((n) => n.read_at !== null)).toBe(true)
  })

  test('following and unfollowing are idempotent', async () => {
    expect(await isFollowing(t.db, user.warga, policyId)).toBe(false)
    expect(await followPolicy(t.db, user.warga, policyId)).toBe(true)
    expect(await followPolicy(t.db, user.warga, policyId)).toBe(false)
    expect(await isFollowing(t.db, user.warga, policyId)).toBe(true)
    expect(await countRows(t.db, 'policy_followers')).toBe(1)
    await followPolicy(t.db, user.asn, policyId)
    expect(await listFollowerIds(t.db, policyId)).toEqual([user.warga, user.asn].sort((a, b) => a - b))
    expect(await unfollowPolicy(t.db, user.warga, policyId)).toBe(true)
    expect(await unfollowPolicy(t.db, user.warga, policyId)).toBe(false)
    expect(await listFollowerIds(t.db, policyId)).toEqual([user.asn])
  })

  test('a policy event reaches followers and the extra people once each, not the excluded', async () => {
    await followPolicy(t.db, user.warga, policyId)
    await followPolicy(t.db, user.asn, policyId)
    await followPolicy(t.db, user.moderator, policyId)
    const result = await notifyPolicyEvent(t.db, {
      policyId,
      event: 'version_published',
      versionNumber: 2,
      extraUserIds: [user.warga, user.admin, user.admin],
      excludeUserIds: [user.moderator],
    })
    expect(result.notified).toBe(3)
    const rows = await t.db.selectFrom('notifications').selectAll().orderBy('user_id').execute()
    expect(rows.map((r) => r.user_id)).toEqual([user.warga, user.asn, user.admin].sort((a, b) => a - b))
    expect(rows[0]).toMatchObject({
      kind: 'version_published',
      title: 'Versi 2 diterbitkan: Penyusunan Kebijakan Kepegawaian ASN di Mamuju',
      link: `/kebijakan/${MAMUJU}/versi/2`,
      policy_id: policyId,
    })
    expect(rows[0].body).toContain('Pemerintah Kabupaten Mamuju menerbitkan versi 2')
    expect(await countRows(t.db, 'outbox')).toBe(3)
    const mail = await t.db.selectFrom('outbox').select('body').where('user_id', '=', user.warga).executeTakeFirstOrThrow()
    expect(mail.body).toContain('mengikuti kebijakan ini')
    // Dated in the organisation's zone (Mamuju: WITA).
    expect((await listNotifications(t.db, user.warga)).items[0].time_zone).toBe('Asia/Makassar')
  })

  test('a consultation opening says until when, in the organisation’s zone; closing says it closed', async () => {
    await followPolicy(t.db, user.warga, policyId)
    await setUserLocale(t.db, user.asn, 'en')
    await notifyPolicyEvent(t.db, {
      policyId,
      event: 'consultation_opened',
      closesAt: '2026-12-31T15:00:00.000Z',
      extraUserIds: [user.asn],
    })
    const opened = await t.db.selectFrom('notifications').select(['user_id', 'title', 'body', 'link']).orderBy('id').execute()
    const warga = opened.find((n) => n.user_id === user.warga)!
    expect(warga.title).toBe('Konsultasi publik dibuka: Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
    expect(warga.body).toContain('sebelum 31 Desember 2026 pukul 23.00 WITA')
    expect(warga.link).toBe(`/kebijakan/${MAMUJU}`)
    const asn = opened.find((n) => n.user_id === user.asn)!
    expect(asn.body).toContain('before 31 December 2026 at 23:00 WITA')

    await notifyPolicyEvent(t.db, { policyId, event: 'consultation_closed', link: `/kebijakan/${MAMUJU}#konsultasi` })
    const closed = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'link', 'kind'])
      .where('kind', '=', 'consultation_closed')
      .execute()
    expect(closed).toEqual([
      {
        user_id: user.warga,
        kind: 'consultation_closed',
        title: 'Konsultasi publik ditutup: Penyusunan Kebijakan Kepegawaian ASN di Mamuju',
        link: `/kebijakan/${MAMUJU}#konsultasi`,
      },
    ])
    await expect(notifyPolicyEvent(t.db, { policyId: 987_654, event: 'consultation_closed' })).rejects.toThrow()
  })

  test('an answered input tells its submitter the decision', async () => {
    await notifyInputAnswered(t.db, {
      userId: user.warga,
      trackingNumber: 'RBK-2026-000123',
      decision: 'diterima_sebagian',
      link: '/masukan/RBK-2026-000123',
      policyId,
    })
    const n = (await listNotifications(t.db, user.warga)).items[0]
    expect(n).toMatchObject({ kind: 'input_answered', title: 'Masukan RBK-2026-000123 sudah ditanggapi', link: '/masukan/RBK-2026-000123' })
    expect(n.body).toBe(
      'Masukan Anda untuk "Penyusunan Kebijakan Kepegawaian ASN di Mamuju" dengan nomor registrasi RBK-2026-000123 sudah ditanggapi: diterima sebagian. Baca tanggapan beserta alasannya.',
    )
    await setUserLocale(t.db, user.asn, 'en')
    await notifyInputAnswered(t.db, { userId: user.asn, trackingNumber: 'RBK-9', decision: 'ditolak', link: '/masukan/RBK-9' })
    const en = (await listNotifications(t.db, user.asn)).items[0]
    expect(en.body).toBe('Your input with tracking number RBK-9 has been answered: rejected. Read the response and its reason.')
    const mail = await t.db.selectFrom('outbox').select('body').where('user_id', '=', user.asn).executeTakeFirstOrThrow()
    expect(mail.body).toContain('You receive this e-mail because you gave input on Rembuk.')
  })

  test('inside a transaction the records roll back with it', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        const result = await notify(trx, { userIds: [user.warga], kind: 'input_answered', title: 'x', body: '', link: '/' })
        expect(result.notified).toBe(1)
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await countRows(t.db, 'notifications')).toBe(0)
    expect(await countRows(t.db, 'outbox')).toBe(0)
  })

  test('the outbox lists every mail, newest first, by cursor', async () => {
    await notify(t.db, { userIds: [user.warga, user.asn, user.admin], kind: 'version_published', title: 'Satu', body: '', link: '/' })
    const first = await listOutbox(t.db, { limit: 2 })
    expect(first.items).toHaveLength(2)
    expect(first.items[0].id).toBeGreaterThan(first.items[1].id)
    const rest = await listOutbox(t.db, { limit: 2, cursor: first.nextCursor })
    expect(rest.items).toHaveLength(1)
    expect(rest.nextCursor).toBeNull()
  })
})
