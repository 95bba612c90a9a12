import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as language from '~/routes/language'
import * as policyFollow from '~/routes/policy-follow'
import * as register from '~/routes/register'
import * as signIn from '~/routes/sign-in'
import * as moderation from '~/routes/kelola.moderation'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { BASE, call, cookieFrom, form } from './helpers'

function raw(path: string, body: string, contentType = 'application/x-www-form-urlencoded', cookie?: string): Request {
  const headers: Record<string, string> = { 'Content-Type': contentType }
  if (cookie) headers.Cookie = cookie
  return new Request(BASE + path, { method: 'POST', body, headers })
}

type Reply = { result: { initialValue: Record<string, unknown> } }

describe.each(dialects)('form actions refuse hostile bodies before parsing on %s', (dialect) => {
  let t: TestDb
  let moderator: string
  let consultationId: number
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    const signedIn = (await call(signIn.action, form('/masuk', { email: 'moderator.mamuju@rembuk.test', password: DEMO_PASSWORD }))) as Response
    moderator = cookieFrom(signedIn)
    const row = await t.db
      .selectFrom('consultations')
      .innerJoin('policies', 'policies.id', 'consultations.policy_id')
      .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
      .select('consultations.id')
      .where('organisations.slug', 'like', '%mamuju%')
      .executeTakeFirstOrThrow()
    consultationId = row.id
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('the issue’s curl body to /masuk (a list slot 999999999) gets a small 400 at once and signs no one in', async () => {
    const sessions = await countRows(t.db, 'sessions')
    for (const body of ['email=x&password=y&a%5B999999999%5D=1', 'email=x&password=y&a%5B1000000%5D=1']) {
      const response = (await call(signIn.action, raw('/masuk', body))) as Response
      expect(response).toBeInstanceOf(Response)
      expect(response.status).toBe(400)
      expect((await response.text()).length).toBeLessThan(200)
    }
    expect(await countRows(t.db, 'sessions')).toBe(sessions)
  })

  test('a sign-in reply echoes only the form’s own fields, never the password', async () => {
    const result = (await call(signIn.action, raw('/masuk', 'email=bukan-email&password=y&evil=%3Cscript%3E&x.y=1&redirectTo=%2Fkebijakan'))) as Reply
    expect(result.result.initialValue).toEqual({ email: 'bukan-email', redirectTo: '/kebijakan' })
  })

  test.each([
    ['JSON', '{"email":"a@b.id"}', 'application/json', 415],
    ['text/plain', 'email=a@b.id', 'text/plain', 415],
    ['multipart', '--x\r\nbroken', 'multipart/form-data; boundary=x', 415],
  ])('a %s body to /daftar is refused and stores nothing', async (_, body, type, status) => {
    const users = await countRows(t.db, 'users')
    const response = (await call(register.action, raw('/daftar', body, type))) as Response
    expect(response.status).toBe(status)
    expect(await countRows(t.db, 'users')).toBe(users)
  })

  test('language and follow (forms read without a schema) are bounded too', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&')
    expect(((await call(language.action, raw('/bahasa', `locale=en&${tooMany}`))) as Response).status).toBe(413)
    const { slug } = await t.db.selectFrom('policies').select('slug').executeTakeFirstOrThrow()
    const followers = await countRows(t.db, 'policy_followers')
    const follow = (await call(policyFollow.action, raw(`/kebijakan/${slug}/ikuti`, 'intent=follow&a%5B999999999%5D=1', undefined, moderator), { slug })) as Response
    expect(follow.status).toBe(400)
    expect(await countRows(t.db, 'policy_followers')).toBe(followers)
  })

  test('a team form: moderation refuses a far list slot of ids and changes nothing', async () => {
    const published = await t.db.selectFrom('inputs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow()
    const response = (await call(
      moderation.action,
      raw(`/kelola/konsultasi/${consultationId}/moderasi`, 'action=hide&ids%5B999999999%5D=1', undefined, moderator),
      { id: String(consultationId) },
    )) as Response
    expect(response.status).toBe(400)
    const after = await t.db.selectFrom('inputs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(published.n))
  })
})
