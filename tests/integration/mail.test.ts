import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { deliverPending, followPolicy, notify, notifyPolicyEvent, setUserLocale } from '~/domain/notifications.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { closeMailer } from '~/lib/mailer.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { type TestSmtp, closedPort, startSmtp } from '../smtp'

// Mail goes to a real SMTP server (smtp-server) listening on 127.0.0.1, through nodemailer.

describe.each(dialects)('e-mail over SMTP on %s', (dialect) => {
  let t: TestDb
  let smtp: TestSmtp
  let warga: number
  let asn: number

  beforeAll(async () => {
    smtp = await startSmtp({ rejectRecipient: (address) => address.startsWith('asn.plaju@') })
  })
  afterAll(async () => {
    await smtp.close()
  })
  beforeEach(async () => {
    smtp.received.length = 0
    process.env.SMTP_URL = smtp.url
    process.env.MAIL_FROM = 'Rembuk Uji <kabar@rembuk.example.id>'
    process.env.PUBLIC_URL = 'https://rembuk.example.id'
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T00:00:00Z'))
    const rows = await t.db.selectFrom('users').select(['id', 'email']).execute()
    warga = rows.find((r) => r.email === 'warga@rembuk.test')!.id
    asn = rows.find((r) => r.email === 'asn.mamuju@rembuk.test')!.id
  })
  afterEach(async () => {
    closeMailer()
    delete process.env.SMTP_URL
    delete process.env.MAIL_FROM
    delete process.env.PUBLIC_URL
    await t.destroy()
  })

  test('a policy event is mailed to each recipient, in their language, with the full link', async () => {
    const policy = (await getPolicyBySlug(t.db, 'kebijakan-kepegawaian-asn-mamuju'))!
    await followPolicy(t.db, warga, policy.id)
    await setUserLocale(t.db, asn, 'en')
    const result = await notifyPolicyEvent(t.db, { policyId: policy.id, event: 'version_published', versionNumber: 2, extraUserIds: [asn] })
    expect(await result.delivery).toEqual({ tried: 2, sent: 2, failed: 0 })

    expect(smtp.received).toHaveLength(2)
    const toWarga = smtp.received.find((m) => m.to[0] === 'warga@rembuk.test')!
    expect(toWarga.to).toEqual(['warga@rembuk.test'])
    expect(toWarga.from).toBe('kabar@rembuk.example.id')
    expect(toWarga.headers.from).toBe('Rembuk Uji <kabar@rembuk.example.id>')
    expect(toWarga.headers.to).toBe('Siti Rahmawati <warga@rembuk.test>')
    expect(toWarga.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/i)
    expect(toWarga.subject).toBe('Versi 2 diterbitkan: Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
    expect(toWarga.text).toContain('Halo Siti Rahmawati,')
    expect(toWarga.text).toContain('Pemerintah Kabupaten Mamuju menerbitkan versi 2 rancangan')
    expect(toWarga.text).toContain('https://rembuk.example.id/kebijakan/kebijakan-kepegawaian-asn-mamuju/versi/2')

    const toAsn = smtp.received.find((m) => m.to[0] === 'asn.mamuju@rembuk.test')!
    expect(toAsn.subject).toBe('Version 2 published: Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
    expect(toAsn.text).toContain('Hello ASN Kabupaten Mamuju,')

    const rows = await t.db.selectFrom('outbox').selectAll().execute()
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row.sent_at).not.toBeNull()
      expect(row.attempts).toBe(1)
      expect(row.last_error).toBeNull()
    }
  })

  test('non-ASCII subjects and bodies arrive intact', async () => {
    const result = await notify(t.db, {
      userIds: [warga],
      kind: 'input_answered',
      title: 'Tanggapan — “ayat (2)” diterima ✓',
      body: 'Pasal 5 ayat (2): “diterima sebagian” — terima kasih.',
      link: '/masukan/RBK-1',
    })
    await result.delivery
    expect(smtp.received[0].subject).toBe('Tanggapan — “ayat (2)” diterima ✓')
    expect(smtp.received[0].text).toContain('Pasal 5 ayat (2): “diterima sebagian” — terima kasih.')
  })

  test('a mail already sent is not sent again when pending mail is retried', async () => {
    await (await notify(t.db, { userIds: [warga], kind: 'input_answered', title: 'Sekali', body: '', link: '/' })).delivery
    expect(await deliverPending(t.db)).toEqual({ tried: 0, sent: 0, failed: 0 })
    expect(smtp.received).toHaveLength(1)
  })

  test('with the SMTP server down the call still succeeds and the outbox keeps the error', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`
    const result = await notify(t.db, { userIds: [warga], kind: 'input_answered', title: 'Tidak terkirim', body: 'Isi', link: '/' })
    expect(result.notified).toBe(1)
    expect(await result.delivery).toEqual({ tried: 1, sent: 0, failed: 1 })
    expect(await countRows(t.db, 'notifications')).toBe(1)
    const row = await t.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow()
    expect(row.sent_at).toBeNull()
    expect(row.attempts).toBe(1)
    expect(row.last_error).toMatch(/ECONNREFUSED/)

    // When the server is back, the waiting mail goes out.
    process.env.SMTP_URL = smtp.url
    expect(await deliverPending(t.db)).toEqual({ tried: 1, sent: 1, failed: 0 })
    const after = await t.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow()
    expect(after).toMatchObject({ attempts: 2, last_error: null })
    expect(after.sent_at).not.toBeNull()
    expect(smtp.received.map((m) => m.subject)).toEqual(['Tidak terkirim'])
  })

  test('wrong credentials, a refused recipient and a malformed SMTP_URL are recorded, not thrown', async () => {
    process.env.SMTP_URL = smtp.url.replace('rahasia-smtp', 'salah')
    const badAuth = await notify(t.db, { userIds: [warga], kind: 'input_answered', title: 'A', body: '', link: '/' })
    expect(await badAuth.delivery).toMatchObject({ failed: 1 })

    process.env.SMTP_URL = smtp.url
    const plaju = (await t.db.selectFrom('users').select('id').where('email', '=', 'asn.plaju@rembuk.test').executeTakeFirstOrThrow()).id
    const refused = await notify(t.db, { userIds: [plaju], kind: 'input_answered', title: 'B', body: '', link: '/' })
    expect(await refused.delivery).toMatchObject({ failed: 1 })

    process.env.SMTP_URL = 'http://127.0.0.1:25'
    const malformed = await notify(t.db, { userIds: [warga], kind: 'input_answered', title: 'C', body: '', link: '/' })
    expect(await malformed.delivery).toMatchObject({ failed: 1 })

    const rows = await t.db.selectFrom('outbox').select(['subject', 'sent_at', 'last_error']).orderBy('id').execute()
    expect(rows.map((r) => r.sent_at)).toEqual([null, null, null])
    expect(rows[0].last_error).toMatch(/Invalid login|535|auth/i)
    expect(rows[1].last_error).toMatch(/550|Mailbox unavailable|rejected/i)
    expect(rows[2].last_error).toBe('SMTP_URL must start with smtp:// or smtps://')
    expect(smtp.received).toHaveLength(0)
  })

  test('without SMTP_URL nothing is sent and the mail waits in the outbox', async () => {
    delete process.env.SMTP_URL
    const result = await notify(t.db, { userIds: [warga], kind: 'input_answered', title: 'Menunggu', body: '', link: '/' })
    expect(await result.delivery).toEqual({ tried: 0, sent: 0, failed: 0 })
    expect(await deliverPending(t.db)).toEqual({ tried: 0, sent: 0, failed: 0 })
    const row = await t.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ subject: 'Menunggu', sent_at: null, attempts: 0, last_error: null })
    expect(smtp.received).toHaveLength(0)
  })
})
