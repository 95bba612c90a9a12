import { createHash } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import * as account from '~/routes/account'
import * as inputFlag from '~/routes/input-flag'
import * as inputNew from '~/routes/input-new'
import * as register from '~/routes/register'
import * as root from '~/root'
import * as signIn from '~/routes/sign-in'
import * as verifyEmail from '~/routes/verify-email'
import { verifyEmailToken } from '~/domain/registration.server'
import { setDb } from '~/lib/db.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'
const PASSWORD = 'jembatan-kayu-hujan-sore'

describe.each(dialects)('registration and e-mail verification on %s', (dialect) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })
  afterEach(() => {
    delete process.env.REGISTRATIONS_PER_ADDRESS_PER_HOUR
  })

  const registration = (email: string, name = 'Orang Baru', address = '203.0.113.50') =>
    call(register.action, form('/daftar', { displayName: name, email, password: PASSWORD, redirectTo: `/kebijakan/${MAMUJU}` }), {}, address)

  async function mailsTo(email: string) {
    return t.db.selectFrom('outbox').select(['subject', 'body']).where('to_address', '=', email).orderBy('id').execute()
  }
  function linkIn(body: string) {
    const match = body.match(/https?:\/\/\S+\/verifikasi-email\/([a-z2-7]+)(\?\S*)?/)
    if (!match) throw new Error(`no verification link in:\n${body}`)
    return { token: match[1], query: match[2] ?? '' }
  }

  test('registration answers the same for a new and a taken address, signs nobody in, and mails the existing owner', async () => {
    const usersBefore = await countRows(t.db, 'users')
    const fresh = await registration('Baru.Sekali@contoh.id')
    const taken = await registration('WARGA@rembuk.test')
    expect(fresh).toEqual({ sent: 'baru.sekali@contoh.id' })
    expect(taken).toEqual({ sent: 'warga@rembuk.test' })
    expect(await countRows(t.db, 'users')).toBe(usersBefore + 1)

    const [verification] = await mailsTo('baru.sekali@contoh.id')
    expect(verification.subject).toBe('Verifikasi alamat e-mail Anda di Rembuk')
    const [warning] = await mailsTo('warga@rembuk.test')
    expect(warning.subject).toBe('Ada yang mencoba mendaftar dengan e-mail Anda')
    expect(warning.body).toContain('/masuk')
    expect(warning.body).not.toMatch(/verifikasi-email/)
    // The existing account is untouched: its demo password still works.
    const row = await t.db.selectFrom('users').select(['display_name', 'email_verified_at']).where('email', '=', 'warga@rembuk.test').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ display_name: 'Siti Rahmawati' })
    expect(row.email_verified_at).not.toBeNull()
  })

  test('registrations are limited per address (REGISTRATIONS_PER_ADDRESS_PER_HOUR)', async () => {
    process.env.REGISTRATIONS_PER_ADDRESS_PER_HOUR = '3'
    for (let i = 0; i < 3; i++) expect(await registration(`batas${i}@contoh.id`, 'Orang Batas', '198.51.100.77')).toMatchObject({ sent: expect.any(String) })
    const before = await countRows(t.db, 'users')
    const refused = (await registration('batas9@contoh.id', 'Orang Batas', '198.51.100.77')) as any
    expect(refused.result.error['']).toEqual(['auth.error.registerThrottled|60'])
    expect(refused.result.initialValue).toMatchObject({ email: 'batas9@contoh.id', displayName: 'Orang Batas' })
    expect(await countRows(t.db, 'users')).toBe(before)
    expect(await registration('batas9@contoh.id', 'Orang Batas', '198.51.100.78')).toEqual({ sent: 'batas9@contoh.id' })
  })

  test('an unverified account may sign in but not give or flag input; its typed text comes back; the link verifies it once', async () => {
    await registration('belum@contoh.id', 'Belum Verifikasi')
    const signedIn = (await call(signIn.action, form('/masuk', { email: 'belum@contoh.id', password: PASSWORD }))) as Response
    const cookie = cookieFrom(signedIn)

    const inputsBefore = await countRows(t.db, 'inputs')
    const typed = { kind: 'add', proposedText: 'Teks usulan saya.', reason: 'Alasan saya.', topic: 'kompetensi', displayMode: 'name' }
    const refused = (await call(inputNew.action, form(`/kebijakan/${MAMUJU}/masukan/baru`, typed, cookie), { slug: MAMUJU })) as any
    expect(refused.result.error['']).toEqual(['account.verify.needed|email=belum@contoh.id'])
    expect(refused.result.initialValue).toMatchObject(typed)
    expect(await countRows(t.db, 'inputs')).toBe(inputsBefore)

    const published = await t.db.selectFrom('inputs').select('tracking_number').where('status', '=', 'published').executeTakeFirstOrThrow()
    const flag = (await call(
      inputFlag.action,
      form(`/masukan/${published.tracking_number}/laporkan`, { reason: 'spam' }, cookie),
      { trackingNumber: published.tracking_number },
    )) as any
    expect(flag.init.status).toBe(403)
    expect(flag.data.result.error['']).toEqual(['account.verify.neededFlag|email=belum@contoh.id'])
    expect(await countRows(t.db, 'input_flags')).toBe(0)

    const accountPage = (await call(account.loader, get('/akun', cookie))) as any
    expect(accountPage.user.emailVerified).toBe(false)

    // Only a hash of the token is stored.
    const [mail] = await mailsTo('belum@contoh.id')
    const { token, query } = linkIn(mail.body)
    expect(query).toBe(`?redirectTo=${encodeURIComponent(`/kebijakan/${MAMUJU}`)}`)
    const stored = await t.db.selectFrom('email_verifications').select(['token_hash', 'expires_at']).execute()
    expect(stored.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(stored)).not.toContain(token)

    // Opening the link only shows a button; pressing it verifies, signs in and returns.
    await call(verifyEmail.loader, get(`/verifikasi-email/${token}`), { token })
    expect((await t.db.selectFrom('users').select('email_verified_at').where('email', '=', 'belum@contoh.id').executeTakeFirstOrThrow()).email_verified_at).toBeNull()
    const verified = (await call(verifyEmail.action, form(`/verifikasi-email/${token}`, { redirectTo: `/kebijakan/${MAMUJU}` }), { token })) as Response
    expect(verified.status).toBe(302)
    expect(verified.headers.get('Location')).toBe(`/kebijakan/${MAMUJU}?email=terverifikasi`)
    const session = cookieFrom(verified)
    const data = (await call(root.loader, get('/', session))) as Awaited<ReturnType<typeof root.loader>>
    expect(data.user?.displayName).toBe('Belum Verifikasi')
    const again = (await call(verifyEmail.action, form(`/verifikasi-email/${token}`, {}), { token })) as any
    expect(again).toEqual({ invalid: true })

    // Verified now: the same form gets past the gate (to its own field checks).
    const after = (await call(inputNew.action, form(`/kebijakan/${MAMUJU}/masukan/baru`, typed, cookie), { slug: MAMUJU })) as any
    expect(after.result.error['']).toBeUndefined()
  })

  test('a link expires after 48 hours; a new one can be asked for on /akun', async () => {
    await registration('lambat@contoh.id', 'Orang Lambat')
    const [mail] = await mailsTo('lambat@contoh.id')
    const { token } = linkIn(mail.body)
    const created = await t.db.selectFrom('email_verifications').select('created_at').orderBy('created_at', 'desc').executeTakeFirstOrThrow()
    expect(await verifyEmailToken(t.db, token, new Date(Date.parse(created.created_at) + 48 * 60 * 60_000 + 1))).toBeNull()
    expect(await verifyEmailToken(t.db, 'bukan-token')).toBeNull()

    const cookie = cookieFrom((await call(signIn.action, form('/masuk', { email: 'lambat@contoh.id', password: PASSWORD }))) as Response)
    const resent = (await call(account.action, form('/akun', { intent: 'resendVerification' }, cookie))) as Response
    expect(resent.headers.get('Location')).toBe('/akun?tautan=dikirim')
    const mails = await mailsTo('lambat@contoh.id')
    expect(mails).toHaveLength(2)
    expect(await verifyEmailToken(t.db, linkIn(mails[1].body).token)).not.toBeNull()
  })
})
