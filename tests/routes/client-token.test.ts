import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as inputNew from '~/routes/input-new'
import * as signIn from '~/routes/sign-in'
import { getQuestions } from '~/domain/consultations.server'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { call, cookieFrom, form } from './helpers'

// Plaju's demo consultation is open and publishes at once.
const PLAJU = 'implementasi-kebijakan-kepegawaian-plaju'

describe.each(dialects)('a form token used by another account on %s', (dialect) => {
  let t: TestDb
  let fields: Record<string, string>
  const as = async (email: string) => cookieFrom((await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response)

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    const consultation = await t.db
      .selectFrom('consultations')
      .innerJoin('policies', 'policies.id', 'consultations.policy_id')
      .select('consultations.id')
      .where('policies.slug', '=', PLAJU)
      .executeTakeFirstOrThrow()
    const questions = await getQuestions(t.db, consultation.id)
    fields = {
      kind: 'support',
      reason: 'Saya mendukung bagian ini.',
      topic: 'kinerja',
      displayMode: 'name',
      'consent.processing': 'on',
      'consent.publication': 'on',
      clientToken: 'token-warga-1',
      ...Object.fromEntries(
        questions.map((q) => [`answers.q${q.id}`, q.kind === 'scale' ? '3' : q.kind === 'yesno' ? 'ya' : q.kind === 'text' ? 'Jawaban.' : q.options[0]]),
      ),
    }
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('is a clear form error that stores nothing and tells nothing of the first input; the owner’s retry still gets its receipt', async () => {
    const path = `/kebijakan/${PLAJU}/masukan/baru`
    const first = (await call(inputNew.action, form(path, fields, await as('warga@rembuk.test')), { slug: PLAJU })) as Response
    expect(first.status).toBe(302)
    const location = first.headers.get('Location')!
    const before = await countRows(t.db, 'inputs')

    const other = (await call(inputNew.action, form(path, { ...fields, reason: 'Salinan dari akun lain.' }, await as('asn.plaju@rembuk.test')), {
      slug: PLAJU,
    })) as any
    expect(other).not.toBeInstanceOf(Response)
    expect(other.result.error['']).toEqual(['input.error.tokenUsed'])
    expect(JSON.stringify(other)).not.toContain(location.split('/').pop()!.split('?')[0])
    expect(await countRows(t.db, 'inputs')).toBe(before)

    const retry = (await call(inputNew.action, form(path, fields, await as('warga@rembuk.test')), { slug: PLAJU })) as Response
    expect(retry.status).toBe(302)
    expect(await countRows(t.db, 'inputs')).toBe(before)
  })
})
