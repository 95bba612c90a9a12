import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as inputNew from '~/routes/input-new'
import * as inputsPage from '~/routes/inputs'
import * as register from '~/routes/register'
import * as manageConsultation from '~/routes/kelola.consultation'
import * as manageNew from '~/routes/kelola.consultation-new'
import * as offline from '~/routes/kelola.offline-input'
import * as apiInput from '~/routes/api.input'
import * as apiInputs from '~/routes/api.policy-inputs'
import * as signIn from '~/routes/sign-in'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

describe.each(dialects)('consultation routes on %s', (dialect) => {
  let t: TestDb
  const cookies: Record<string, string> = {}
  const as = async (email: string) => {
    if (!cookies[email]) {
      const r = (await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response
      cookies[email] = cookieFrom(r)
    }
    return cookies[email]
  }
  let mamujuConsultation: number

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    const c = await t.db
      .selectFrom('consultations')
      .innerJoin('policies', 'policies.id', 'consultations.policy_id')
      .select('consultations.id')
      .where('policies.slug', '=', MAMUJU)
      .executeTakeFirstOrThrow()
    mamujuConsultation = c.id
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('the team adds questions while no input has arrived, and not after', async () => {
    const cookie = await as('moderator.sawahlunto@rembuk.test')
    const created = (await call(
      manageNew.action,
      form(
        '/kelola/kebijakan/kebijakan-pengelolaan-kinerja-asn-sawahlunto/konsultasi/baru',
        {
          versionNumber: '1',
          title: 'Konsultasi lanjutan',
          opensAt: '2026-01-01T08:00',
          closesAt: '2036-01-01T08:00',
          audience: 'public',
          moderation: 'post',
          topics: 'kinerja',
        },
        cookie,
      ),
      { slug: 'kebijakan-pengelolaan-kinerja-asn-sawahlunto' },
    )) as Response
    expect(created.status).toBe(302)
    const id = created.headers.get('Location')!.split('/').pop()!
    const stored = await t.db.selectFrom('consultations').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow()
    // Typed in WIB, stored in UTC.
    expect(stored.opens_at).toBe('2026-01-01T01:00:00.000Z')

    const bad = (await call(
      manageConsultation.action,
      form(`/kelola/konsultasi/${id}`, { intent: 'addQuestion', kind: 'single', prompt: 'Unit mana?', options: 'Satu' }, cookie),
      { id },
    )) as any
    expect(bad.data.result.error.options).toEqual(['cadmin.error.needOptions'])
    const ok = (await call(
      manageConsultation.action,
      form(`/kelola/konsultasi/${id}`, { intent: 'addQuestion', kind: 'single', prompt: 'Unit mana?', options: 'Satu\nDua', required: 'on' }, cookie),
      { id },
    )) as any
    expect(ok.data.result.error).toBeUndefined()
    expect(await t.db.selectFrom('questions').select('prompt').where('consultation_id', '=', Number(id)).execute()).toEqual([{ prompt: 'Unit mana?' }])

    const locked = (await call(
      manageConsultation.action,
      form(`/kelola/konsultasi/${mamujuConsultation}`, { intent: 'addQuestion', kind: 'text', prompt: 'Terlambat?' }, await as('moderator.mamuju@rembuk.test')),
      { id: String(mamujuConsultation) },
    )) as any
    expect(locked.data.result.error['']).toEqual(['cadmin.questionnaire.locked'])
  })

  test('only the organisation team manages a consultation', async () => {
    for (const email of ['warga@rembuk.test', 'asn.mamuju@rembuk.test', 'moderator.plaju@rembuk.test']) {
      const response = (await call(manageConsultation.loader, get(`/kelola/konsultasi/${mamujuConsultation}`, await as(email)), { id: String(mamujuConsultation) })) as Response
      expect(response.status, email).toBe(403)
      const post = (await call(offline.action, form(`/kelola/konsultasi/${mamujuConsultation}/masukan-luring`, {}, await as(email)), { id: String(mamujuConsultation) })) as Response
      expect(post.status, email).toBe(403)
    }
    const anonymous = (await call(manageConsultation.loader, get(`/kelola/konsultasi/${mamujuConsultation}`), { id: String(mamujuConsultation) })) as Response
    expect(anonymous.status).toBe(302)
    for (const id of ['abc', '999999', '3000000000', '1e3']) {
      expect(((await call(manageConsultation.loader, get(`/kelola/konsultasi/${id}`), { id })) as Response).status).toBe(404)
    }
  })

  test('the input form reports every missing part at once and stores nothing', async () => {
    const before = await countRows(t.db, 'inputs')
    const result = (await call(
      inputNew.action,
      form(`/kebijakan/${MAMUJU}/masukan/baru`, { kind: 'add', reason: 'Alasan saya.', topic: 'kompetensi', displayMode: 'name' }, await as('warga@rembuk.test')),
      { slug: MAMUJU },
    )) as any
    const errors = result.result.error
    expect(errors.proposedText).toEqual(['validation.required'])
    expect(errors['consent.processing']).toEqual(['input.error.consent'])
    expect(Object.keys(errors).some((k) => k.startsWith('answers.'))).toBe(true)
    expect(result.result.initialValue).toMatchObject({ reason: 'Alasan saya.' })
    expect(await countRows(t.db, 'inputs')).toBe(before)
  })

  test('a NUL character typed into a filter or a form is dropped, never a server error', async () => {
    const list = (await call(inputsPage.loader, get(`/kebijakan/${MAMUJU}/masukan?bagian=%00&topik=a%00b&jenis=%00`), { slug: MAMUJU })) as any
    expect(list.items).toEqual([])
    const lookup = await call(register.action, form('/daftar', { displayName: 'Nul\u0000Nama', email: 'nul@contoh.id', password: 'jembatan-kayu-hujan-sore' }))
    expect(lookup).toEqual({ sent: 'nul@contoh.id' })
    const stored = await t.db.selectFrom('users').select('display_name').where('email', '=', 'nul@contoh.id').executeTakeFirstOrThrow()
    expect(stored.display_name).toBe('NulNama')
  })

  test('anonymous people are asked to sign in before giving input', async () => {
    const response = (await call(inputNew.action, form(`/kebijakan/${MAMUJU}/masukan/baru`, { kind: 'support' }), { slug: MAMUJU })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/masuk\?redirectTo=/)
  })

  test('the inputs API pages with a cursor and filters, and hides what is not public', async () => {
    const first = await ((await call(apiInputs.loader, get(`/api/v1/policies/${MAMUJU}/inputs?limit=2`), { slug: MAMUJU })) as Response).json()
    expect(first.data).toHaveLength(2)
    expect(first.next).toMatch(/cursor=\d+/)
    const second = await ((await call(apiInputs.loader, get(first.next), { slug: MAMUJU })) as Response).json()
    expect(second.data.map((i: any) => i.trackingNumber)).not.toContain(first.data[0].trackingNumber)
    for (const item of [...first.data, ...second.data]) {
      expect(item).not.toHaveProperty('submitterContact')
      expect(JSON.stringify(item)).not.toContain('@rembuk.test')
    }
    const letters = await ((await call(apiInputs.loader, get(`/api/v1/policies/${MAMUJU}/inputs?kind=objection`), { slug: MAMUJU })) as Response).json()
    expect(letters.data.every((i: any) => i.kind === 'objection')).toBe(true)
    expect(((await call(apiInputs.loader, get(`/api/v1/policies/${MAMUJU}/inputs?limit=0`), { slug: MAMUJU })) as Response).status).toBe(400)
    expect(((await call(apiInputs.loader, get(`/api/v1/policies/${MAMUJU}/inputs?version=9`), { slug: MAMUJU })) as Response).status).toBe(404)
    expect(((await call(apiInputs.loader, get('/api/v1/policies/x/inputs'), { slug: 'x' })) as Response).status).toBe(404)

    const one = await ((await call(apiInput.loader, get(`/api/v1/inputs/${first.data[0].trackingNumber}`), { trackingNumber: first.data[0].trackingNumber })) as Response).json()
    expect(one.data).toMatchObject({ status: 'published', policy: MAMUJU })
    for (const bad of ['ZZZZ-ZZZZ', 'nonsense']) {
      const response = (await call(apiInput.loader, get(`/api/v1/inputs/${bad}`), { trackingNumber: bad })) as Response
      expect(response.status).toBe(404)
      expect((await response.json()).error.status).toBe(404)
    }
  })

  test('a pending input shows its status but not its text through the API', async () => {
    const pending = await t.db.selectFrom('inputs').select('tracking_number').where('status', '=', 'pending').executeTakeFirstOrThrow()
    const body = await ((await call(apiInput.loader, get(`/api/v1/inputs/${pending.tracking_number}`), { trackingNumber: pending.tracking_number })) as Response).json()
    expect(body.data).toMatchObject({ status: 'pending', reason: null, proposedText: null, shownAs: null })
  })
})
