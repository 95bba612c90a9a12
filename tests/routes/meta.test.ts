import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as evaluation from '~/routes/evaluation'
import * as evaluationPeriod from '~/routes/evaluation.period'
import * as evaluationReport from '~/routes/evaluation.report'
import * as evaluationSurvey from '~/routes/evaluation.survey'
import * as home from '~/routes/home'
import * as input from '~/routes/input'
import * as inputNew from '~/routes/input-new'
import * as inputs from '~/routes/inputs'
import * as lookup from '~/routes/lookup'
import * as matrix from '~/routes/matrix'
import * as policy from '~/routes/policy'
import * as policyCompare from '~/routes/policy-compare'
import * as policyTimeline from '~/routes/policy-timeline'
import * as policyVersion from '~/routes/policy-version'
import * as register from '~/routes/register'
import * as signIn from '~/routes/sign-in'
import * as summary from '~/routes/summary'
import { clipDescription } from '~/lib/meta'
import { setDb } from '~/lib/db.server'
import { seedDemo } from '~db/seed/demo'
import { DEMO_EVALUATED_POLICY } from '~db/seed/demo-evaluations'
import { type TestDb, createTestDb, dialects } from '../db'
import { call, get } from './helpers'
import { TEST_NOW } from '../clock'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

interface RouteModule {
  loader: (args: any) => unknown
  meta: (args: any) => unknown
}

/** The page's meta tags, as React Router renders them: its loader's data through its meta function. */
async function metaOf(route: RouteModule, path: string, params: Record<string, string>, cookie?: string) {
  const loaded = (await call(route.loader as any, get(path, cookie), params)) as any
  if (loaded instanceof Response) throw new Error(`${path}: ${loaded.status}`)
  const data = loaded?.type === 'DataWithResponseInit' ? loaded.data : loaded
  const tags = route.meta({ data, params, location: new URL(`http://x${path}`), matches: [] }) as Record<string, string>[]
  return {
    title: tags.find((t) => 'title' in t)?.title ?? '',
    description: tags.filter((t) => t.name === 'description').map((t) => t.content),
  }
}

describe.each(dialects)('meta descriptions of public pages on %s', (dialect) => {
  let t: TestDb
  let pages: [string, RouteModule, string, Record<string, string>][]
  let published: { tracking_number: string; policy_title: string }
  let pending: string
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date(TEST_NOW), { story: true })
    setDb(t.db)
    const periods = await t.db
      .selectFrom('evaluation_periods')
      .innerJoin('policies', 'policies.id', 'evaluation_periods.policy_id')
      .select(['evaluation_periods.slug', 'evaluation_periods.report_status'])
      .where('policies.slug', '=', DEMO_EVALUATED_POLICY)
      .where('evaluation_periods.report_status', '=', 'published')
      .execute()
    const period = periods[0].slug
    const rows = await t.db
      .selectFrom('inputs')
      .innerJoin('policy_versions', 'policy_versions.id', 'inputs.version_id')
      .innerJoin('policies', 'policies.id', 'policy_versions.policy_id')
      .select(['inputs.tracking_number', 'inputs.status', 'policies.title as policy_title'])
      .orderBy('inputs.id')
      .execute()
    published = rows.find((r) => r.status === 'published')!
    pending = rows.find((r) => r.status === 'pending')!.tracking_number
    const ev = `/kebijakan/${DEMO_EVALUATED_POLICY}/evaluasi`
    pages = [
      ['home', home, '/', {}],
      ['policy', policy, `/kebijakan/${MAMUJU}`, { slug: MAMUJU }],
      ['version', policyVersion, `/kebijakan/${DEMO_EVALUATED_POLICY}/versi/1`, { slug: DEMO_EVALUATED_POLICY, number: '1' }],
      ['compare', policyCompare, `/kebijakan/${DEMO_EVALUATED_POLICY}/perbandingan`, { slug: DEMO_EVALUATED_POLICY }],
      ['timeline', policyTimeline, `/kebijakan/${MAMUJU}/linimasa`, { slug: MAMUJU }],
      ['matrix', matrix, `/kebijakan/${MAMUJU}/matriks`, { slug: MAMUJU }],
      ['summary', summary, `/kebijakan/${MAMUJU}/ringkasan`, { slug: MAMUJU }],
      ['inputs', inputs, `/kebijakan/${MAMUJU}/masukan`, { slug: MAMUJU }],
      ['input', input, `/masukan/${published.tracking_number}`, { trackingNumber: published.tracking_number }],
      ['pending input', input, `/masukan/${pending}`, { trackingNumber: pending }],
      ['new input', inputNew, `/kebijakan/${MAMUJU}/masukan/baru`, { slug: MAMUJU }],
      ['lookup', lookup, '/lacak', {}],
      ['sign-in', signIn, '/masuk', {}],
      ['register', register, '/daftar', {}],
      ['evaluation', evaluation, ev, { slug: DEMO_EVALUATED_POLICY }],
      ['evaluation period', evaluationPeriod, `${ev}/${period}`, { slug: DEMO_EVALUATED_POLICY, period }],
      ['survey', evaluationSurvey, `${ev}/${period}/survei`, { slug: DEMO_EVALUATED_POLICY, period }],
      ['report', evaluationReport, `${ev}/${period}/laporan`, { slug: DEMO_EVALUATED_POLICY, period }],
    ]
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('every public page type has one description of at most 160 characters, in the reader’s language', async () => {
    for (const [name, route, path, params] of pages) {
      const id = await metaOf(route, path, params)
      const en = await metaOf(route, path, params, 'rembuk_lang=en')
      for (const [lang, meta] of [['id', id], ['en', en]] as const) {
        expect(meta.description, `${name} (${lang})`).toHaveLength(1)
        expect(meta.description[0].length, `${name} (${lang}): ${meta.description[0]}`).toBeGreaterThan(20)
        expect(meta.description[0].length, `${name} (${lang})`).toBeLessThanOrEqual(160)
        expect(meta.title, name).toMatch(/· Rembuk$/)
      }
      expect(en.description[0], name).not.toBe(id.description[0])
    }
  })

  test('the policy page names the policy, its organisation and its stage', async () => {
    const id = await metaOf(policy, `/kebijakan/${MAMUJU}`, { slug: MAMUJU })
    expect(id.description[0]).toBe(
      'Penyusunan Kebijakan Kepegawaian ASN di Mamuju: kebijakan Pemerintah Kabupaten Mamuju, tahap Konsultasi publik. Baca naskahnya dan sampaikan masukan.',
    )
    const en = await metaOf(policy, `/kebijakan/${MAMUJU}`, { slug: MAMUJU }, 'rembuk_lang=en')
    expect(en.description[0]).toContain('stage Public consultation')
  })

  test('an input names its policy once published; one waiting for moderation says only its status', async () => {
    const shown = await metaOf(input, `/masukan/${published.tracking_number}`, { trackingNumber: published.tracking_number })
    expect(shown.description[0]).toContain(published.policy_title)
    const waiting = await metaOf(input, `/masukan/${pending}`, { trackingNumber: pending })
    expect(waiting.description[0]).toBe(`Masukan ${pending}. Status: Menunggu moderasi.`)
  })
})

test('a long description is cut at a word to 160 characters', () => {
  const long = `${'kata '.repeat(40)}akhir`
  const clipped = clipDescription(long)
  expect(clipped.length).toBeLessThanOrEqual(160)
  expect(clipped).toMatch(/kata…$/)
  expect(clipDescription('  dua\n baris ')).toBe('dua baris')
})
