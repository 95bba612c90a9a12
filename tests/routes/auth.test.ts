import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as language from '~/routes/language'
import * as register from '~/routes/register'
import * as root from '~/root'
import * as signIn from '~/routes/sign-in'
import * as signOut from '~/routes/sign-out'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

describe.each(dialects)('sign-in, registration and language routes on %s', (dialect) => {
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

  test('registering asks the person to check their e-mail and signs nobody in yet', async () => {
    const response = (await call(
      register.action,
      form('/daftar', { displayName: 'Budi Santoso', email: 'budi@contoh.id', password: 'jembatan-kayu-hujan-sore', redirectTo: '/kebijakan/x' }),
    )) as { sent: string }
    expect(response).toEqual({ sent: 'budi@contoh.id' })
    const row = await t.db.selectFrom('users').select(['display_name', 'email_verified_at']).where('email', '=', 'budi@contoh.id').executeTakeFirstOrThrow()
    expect(row).toEqual({ display_name: 'Budi Santoso', email_verified_at: null })
  })

  test('invalid registration keeps what was typed, except the password, and stores nothing', async () => {
    const before = await countRows(t.db, 'users')
    const result = (await call(
      register.action,
      form('/daftar', { displayName: 'B', email: 'bukan-email', password: 'pendek' }),
    )) as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    expect(result.result.error).toMatchObject({
      displayName: ['validation.tooShort|2'],
      email: ['validation.email'],
      password: ['validation.tooShort|10'],
    })
    expect(result.result.initialValue).toMatchObject({ displayName: 'B', email: 'bukan-email' })
    expect(result.result.initialValue).not.toHaveProperty('password')
    expect(await countRows(t.db, 'users')).toBe(before)
  })

  test('a taken e-mail address gets the same answer as a new one (its owner is mailed instead)', async () => {
    const result = await call(
      register.action,
      form('/daftar', { displayName: 'Siti', email: 'WARGA@rembuk.test', password: 'perahu-layar-di-senja' }),
    )
    expect(result).toEqual({ sent: 'warga@rembuk.test' })
  })

  test('signing in with a demo account sets a session; a wrong password does not', async () => {
    const ok = (await call(signIn.action, form('/masuk', { email: 'warga@rembuk.test', password: DEMO_PASSWORD }))) as Response
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/')
    const wrong = (await call(signIn.action, form('/masuk', { email: 'warga@rembuk.test', password: 'salah-sandi' }))) as {
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> }
    }
    expect(wrong.result.error['']).toEqual(['auth.error.invalid'])
    expect(wrong.result.initialValue).toEqual({ email: 'warga@rembuk.test' })
  })

  test('after repeated failures the form says how long to wait', async () => {
    let last: any
    for (let i = 0; i < 6; i++) {
      last = await call(signIn.action, form('/masuk', { email: 'asn.plaju@rembuk.test', password: 'tebakan-salah' }), {}, '192.0.2.7')
    }
    expect(last.result.error['']).toEqual(['auth.error.throttled|1'])
  })

  test('with an https PUBLIC_URL the session cookie is Secure even when the proxy is not trusted', async () => {
    process.env.PUBLIC_URL = 'https://rembuk.example.id'
    try {
      const ok = (await call(signIn.action, form('/masuk', { email: 'warga@rembuk.test', password: DEMO_PASSWORD }))) as Response
      expect(ok.headers.get('Set-Cookie')).toMatch(/; Secure/)
    } finally {
      delete process.env.PUBLIC_URL
    }
  })

  test('redirects never leave the portal', async () => {
    const response = (await call(
      signIn.action,
      form('/masuk', { email: 'admin@rembuk.test', password: DEMO_PASSWORD, redirectTo: '//evil.example/x' }),
    )) as Response
    expect(response.headers.get('Location')).toBe('/')
  })

  test('signing out revokes the session', async () => {
    const signedIn = (await call(signIn.action, form('/masuk', { email: 'admin@rembuk.test', password: DEMO_PASSWORD }))) as Response
    const cookie = cookieFrom(signedIn)
    const out = (await call(signOut.action, form('/keluar', {}, cookie))) as Response
    expect(out.status).toBe(302)
    expect(out.headers.get('Set-Cookie')).toMatch(/^rembuk_session=; .*Max-Age=0/)
    const data = (await call(root.loader, get('/', cookie))) as Awaited<ReturnType<typeof root.loader>>
    expect(data.user).toBeNull()
  })

  test('the chosen language is remembered and the visitor returns to their page', async () => {
    const response = (await call(language.action, form('/bahasa', { lang: 'en', redirectTo: '/kebijakan/a?b=1' }))) as Response
    expect(response.headers.get('Location')).toBe('/kebijakan/a?b=1')
    const cookie = cookieFrom(response)
    expect(cookie).toBe('rembuk_lang=en')
    const data = (await call(root.loader, get('/', cookie))) as Awaited<ReturnType<typeof root.loader>>
    expect(data.locale).toBe('en')
    const fallback = (await call(root.loader, get('/', 'rembuk_lang=xx'))) as Awaited<ReturnType<typeof root.loader>>
    expect(fallback.locale).toBe('id')
    const unknown = (await call(language.action, form('/bahasa', { lang: 'fr', redirectTo: '/' }))) as Response
    expect(unknown.headers.get('Set-Cookie')).toBeNull()
  })
})
