import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as account from '~/routes/account'
import * as register from '~/routes/register'
import * as root from '~/root'
import * as signIn from '~/routes/sign-in'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { BASE, call, cookieFrom, form, get } from './helpers'

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'

type Reply = { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
type AccountData = Awaited<ReturnType<typeof account.loader>>

describe.each(dialects)('passwords and sessions on %s', (dialect) => {
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

  async function signInAs(email: string, password: string, userAgent: string, extra: Record<string, string> = {}) {
    const request = new Request(`${BASE}/masuk`, {
      method: 'POST',
      body: new URLSearchParams({ email, password, ...extra }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': userAgent },
    })
    const response = (await call(signIn.action, request)) as Response
    expect(response.status).toBe(302)
    return cookieFrom(response)
  }
  async function signedInAs(cookie: string) {
    const data = (await call(root.loader, get('/', cookie))) as Awaited<ReturnType<typeof root.loader>>
    return data.user?.displayName ?? null
  }

  test.each([
    ['a common password', 'Ani Wijaya', 'ani@contoh.id', 'password1234', 'auth.error.passwordCommon'],
    ['a keyboard walk', 'Ani Wijaya', 'ani@contoh.id', 'qwertyuiop', 'auth.error.passwordCommon'],
    ['the e-mail address', 'Ani Wijaya', 'ani.wijaya@contoh.id', 'ani.wijaya@contoh.id', 'auth.error.passwordPersonal'],
    ['the e-mail with more around it', 'Ani Wijaya', 'aniwijaya@contoh.id', 'aniwijaya-2026!', 'auth.error.passwordPersonal'],
    ['the name', 'Ani Wijaya', 'ani@contoh.id', 'Ani Wijaya 1990', 'auth.error.passwordPersonal'],
  ])('registration refuses %s with a clear field error and stores nothing', async (_, displayName, email, password, error) => {
    const before = await countRows(t.db, 'users')
    const reply = (await call(register.action, form('/daftar', { displayName, email, password }))) as Reply
    expect(reply.result.error.password).toEqual([error])
    expect(reply.result.initialValue).toMatchObject({ displayName, email })
    expect(reply.result.initialValue).not.toHaveProperty('password')
    expect(await countRows(t.db, 'users')).toBe(before)
  })

  test('signing in with "sign out of all other devices" ends every other session', async () => {
    const first = await signInAs('warga@rembuk.test', DEMO_PASSWORD, FIREFOX_WINDOWS)
    const second = await signInAs('warga@rembuk.test', DEMO_PASSWORD, CHROME_ANDROID)
    expect(await signedInAs(first)).toBe('Siti Rahmawati')
    const third = await signInAs('warga@rembuk.test', DEMO_PASSWORD, CHROME_ANDROID, { signOutOthers: 'on' })
    expect(await signedInAs(first)).toBeNull()
    expect(await signedInAs(second)).toBeNull()
    expect(await signedInAs(third)).toBe('Siti Rahmawati')
    // Without the box, other sessions stay.
    const fourth = await signInAs('warga@rembuk.test', DEMO_PASSWORD, FIREFOX_WINDOWS)
    expect(await signedInAs(third)).toBe('Siti Rahmawati')
    expect(await signedInAs(fourth)).toBe('Siti Rahmawati')
  })

  test('/akun lists active sessions by device and signs one out, or all others', async () => {
    const phone = await signInAs('asn.mamuju@rembuk.test', DEMO_PASSWORD, CHROME_ANDROID)
    const laptop = await signInAs('asn.mamuju@rembuk.test', DEMO_PASSWORD, FIREFOX_WINDOWS)
    const other = await signInAs('asn.mamuju@rembuk.test', DEMO_PASSWORD, 'curl/8.5.0')
    const data = (await call(account.loader, get('/akun', laptop))) as AccountData
    expect(data.sessions).toHaveLength(3)
    const current = data.sessions.find((s) => s.current)!
    expect(current).toMatchObject({ browser: 'Firefox', system: 'Windows' })
    const phoneSession = data.sessions.find((s) => s.browser === 'Chrome')!
    expect(phoneSession).toMatchObject({ system: 'Android', current: false })
    expect(phoneSession.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/)

    // Someone else's session id changes nothing.
    const stranger = await signInAs('warga@rembuk.test', DEMO_PASSWORD, FIREFOX_WINDOWS)
    const refused = (await call(account.action, form('/akun', { intent: 'signOutSession', sessionId: phoneSession.id }, stranger))) as {
      error: string
    }
    expect(refused.error).toBe('account.sessions.notFound')
    expect(await signedInAs(phone)).toBe(data.user.displayName)

    const one = (await call(account.action, form('/akun', { intent: 'signOutSession', sessionId: phoneSession.id }, laptop))) as Response
    expect(one.status).toBe(302)
    expect(await signedInAs(phone)).toBeNull()
    expect(await signedInAs(other)).not.toBeNull()

    const all = (await call(account.action, form('/akun', { intent: 'signOutOthers' }, laptop))) as Response
    expect(all.status).toBe(302)
    expect(await signedInAs(other)).toBeNull()
    expect(await signedInAs(laptop)).not.toBeNull()
    expect(((await call(account.loader, get('/akun', laptop))) as AccountData).sessions).toHaveLength(1)
  })

  test('changing the password needs the current one, refuses weak ones, and signs out other sessions', async () => {
    const here = await signInAs('asn.plaju@rembuk.test', DEMO_PASSWORD, FIREFOX_WINDOWS)
    const there = await signInAs('asn.plaju@rembuk.test', DEMO_PASSWORD, CHROME_ANDROID)
    const hashBefore = await t.db.selectFrom('users').select('password_hash').where('email', '=', 'asn.plaju@rembuk.test').executeTakeFirstOrThrow()

    const wrong = (await call(
      account.action,
      form('/akun', { intent: 'password', currentPassword: 'bukan-sandinya', newPassword: 'jembatan-kayu-hujan-sore' }, here),
    )) as { password: Reply['result'] }
    expect(wrong.password.error.currentPassword).toEqual(['auth.error.currentPassword'])
    const weak = (await call(
      account.action,
      form('/akun', { intent: 'password', currentPassword: DEMO_PASSWORD, newPassword: 'password123' }, here),
    )) as { password: Reply['result'] }
    expect(weak.password.error.newPassword).toEqual(['auth.error.passwordCommon'])
    const hashAfterRefusals = await t.db.selectFrom('users').select('password_hash').where('email', '=', 'asn.plaju@rembuk.test').executeTakeFirstOrThrow()
    expect(hashAfterRefusals).toEqual(hashBefore)
    expect(await signedInAs(there)).not.toBeNull()

    const done = (await call(
      account.action,
      form('/akun', { intent: 'password', currentPassword: DEMO_PASSWORD, newPassword: 'jembatan-kayu-hujan-sore' }, here),
    )) as Response
    expect(done.status).toBe(302)
    expect(await signedInAs(there)).toBeNull()
    expect(await signedInAs(here)).not.toBeNull()
    await signInAs('asn.plaju@rembuk.test', 'jembatan-kayu-hujan-sore', FIREFOX_WINDOWS)
  })
})
