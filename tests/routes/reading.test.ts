import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as apiNotFound from '~/routes/api.not-found'
import * as apiPolicies from '~/routes/api.policies'
import * as apiPolicy from '~/routes/api.policy'
import * as apiVersion from '~/routes/api.policy-version'
import * as home from '~/routes/home'
import * as policy from '~/routes/policy'
import * as policyVersion from '~/routes/policy-version'
import { setDb } from '~/lib/db.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, createTestDb, dialects } from '../db'
import { call, get } from './helpers'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

describe.each(dialects)('reading routes and the read API on %s', (dialect) => {
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

  test('the home page lists organisations and their policies', async () => {
    const data = (await call(home.loader, get('/'))) as any
    expect(data.organisations).toHaveLength(5)
    expect(data.heading).toBe('Kebijakan yang sedang disusun')
    const english = (await call(home.loader, get('/', 'rembuk_lang=en'))) as any
    expect(english.heading).toBe('Policies being drafted')
  })

  test('a policy page has its current version, sections and stage', async () => {
    const data = (await call(policy.loader, get(`/kebijakan/${MAMUJU}`), { slug: MAMUJU })) as any
    expect(data.version.number).toBe(1)
    expect(data.policy.stage).toBe('konsultasi_publik')
    expect(data.sections[0]).toMatchObject({ key: 'pendahuluan', heading: 'Pendahuluan' })
  })

  test('unknown policies and versions are 404', async () => {
    expect(((await call(policy.loader, get('/kebijakan/x'), { slug: 'x' })) as Response).status).toBe(404)
    for (const number of ['2', '0', 'abc', '1.5', '3000000000']) {
      const response = (await call(policyVersion.loader, get(`/kebijakan/${MAMUJU}/versi/${number}`), { slug: MAMUJU, number })) as Response
      expect(response.status, number).toBe(404)
    }
  })

  test('GET /api/v1/policies lists slug, title, organisation, stage and current version', async () => {
    const response = (await call(apiPolicies.loader, get('/api/v1/policies'))) as Response
    expect(response.headers.get('Content-Type')).toMatch(/application\/json/)
    const body = await response.json()
    expect(body.data).toHaveLength(5)
    expect(body.data.find((p: any) => p.slug === MAMUJU)).toMatchObject({
      title: 'Penyusunan Kebijakan Kepegawaian ASN di Mamuju',
      organisation: { slug: 'mamuju', name: 'Pemerintah Kabupaten Mamuju' },
      stage: 'konsultasi_publik',
      currentVersion: 1,
    })
  })

  test('GET /api/v1/policies/:slug includes its versions', async () => {
    const body = await ((await call(apiPolicy.loader, get(`/api/v1/policies/${MAMUJU}`), { slug: MAMUJU })) as Response).json()
    expect(body.data.organisation.timeZone).toBe('Asia/Makassar')
    expect(body.data.versions).toEqual([
      expect.objectContaining({ number: 1, url: `/api/v1/policies/${MAMUJU}/versions/1` }),
    ])
  })

  test('GET /api/v1/policies/:slug/versions/:number gives key, heading and body of each section', async () => {
    const body = await ((await call(apiVersion.loader, get(`/api/v1/policies/${MAMUJU}/versions/1`), { slug: MAMUJU, number: '1' })) as Response).json()
    expect(body.data.sections).toHaveLength(6)
    expect(Object.keys(body.data.sections[0])).toEqual(['key', 'position', 'heading', 'body'])
  })

  test('unknown API resources answer 404 with a JSON error body', async () => {
    const cases: Response[] = [
      (await call(apiPolicy.loader, get('/api/v1/policies/x'), { slug: 'x' })) as Response,
      (await call(apiVersion.loader, get(`/api/v1/policies/${MAMUJU}/versions/9`), { slug: MAMUJU, number: '9' })) as Response,
      (await call(apiVersion.loader, get(`/api/v1/policies/${MAMUJU}/versions/x`), { slug: MAMUJU, number: 'x' })) as Response,
      (await call(apiNotFound.loader, get('/api/v1/nothing'))) as Response,
    ]
    for (const response of cases) {
      expect(response.status).toBe(404)
      const body = await response.json()
      expect(body.error).toMatchObject({ status: 404, message: expect.any(String) })
    }
  })
})
