import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as inputFlag from '~/routes/input-flag'
import * as language from '~/routes/language'
import * as policyFollow from '~/routes/policy-follow'
import * as signIn from '~/routes/sign-in'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

// Every redirectTo the portal follows, sent hostile values: each goes to a path on this site, never a 500.
const HOSTILE = ['/\t/evil.example', '/\\evil.example', '//evil.example', 'https://evil.example', '/kebijakan\r\nSet-Cookie: x=1']

describe.each(dialects)('redirectTo stays on the portal on %s', (dialect) => {
  let t: TestDb
  let warga: string
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    warga = cookieFrom((await call(signIn.action, form('/masuk', { email: 'warga@rembuk.test', password: DEMO_PASSWORD }))) as Response)
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('/masuk?redirectTo=/%09/evil.example, signed in, goes home (the issue)', async () => {
    const response = (await call(signIn.loader, get('/masuk?redirectTo=/%09/evil.example', warga))) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
  })

  test.each(HOSTILE)('signing in with redirectTo %j goes home', async (redirectTo) => {
    const response = (await call(signIn.action, form('/masuk', { email: 'warga@rembuk.test', password: DEMO_PASSWORD, redirectTo }))) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
  })

  test.each(HOSTILE.map((value, i) => [value, i] as const))('language, follow and flag with redirectTo %j stay on the portal', async (redirectTo, i) => {
    const lang = (await call(language.action, form('/bahasa', { lang: 'en', redirectTo }))) as Response
    expect(lang.headers.get('Location')).toBe('/')

    const { slug } = await t.db.selectFrom('policies').select('slug').where('slug', 'like', '%mamuju%').executeTakeFirstOrThrow()
    const follow = (await call(policyFollow.action, form(`/kebijakan/${slug}/ikuti`, { intent: 'follow', redirectTo }, warga), { slug })) as Response
    expect(follow.status).toBe(302)
    expect(follow.headers.get('Location')).toBe(`/kebijakan/${slug}`)

    const { id: wargaId } = await t.db.selectFrom('users').select('id').where('email', '=', 'warga@rembuk.test').executeTakeFirstOrThrow()
    const input = await t.db
      .selectFrom('inputs')
      .select('tracking_number')
      .where('status', '=', 'published')
      .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '!=', wargaId)]))
      .orderBy('id')
      .offset(i)
      .limit(1)
      .executeTakeFirstOrThrow()
    const flag = (await call(inputFlag.action, form(`/masukan/${input.tracking_number}/laporkan`, { reason: 'spam', redirectTo }, warga), {
      trackingNumber: input.tracking_number,
    })) as Response
    expect(flag).toBeInstanceOf(Response)
    expect(flag.headers.get('Location')).toMatch(new RegExp(`^/masukan/${input.tracking_number}\\?dilaporkan=`))
  })

  test('a path on the portal is kept', async () => {
    const lang = (await call(language.action, form('/bahasa', { lang: 'id', redirectTo: '/kebijakan/x?halaman=2#m3' }))) as Response
    expect(lang.headers.get('Location')).toBe('/kebijakan/x?halaman=2#m3')
  })
})
