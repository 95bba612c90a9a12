import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as apiDiff from '~/routes/api.policy-diff'
import * as apiTimeline from '~/routes/api.policy-timeline'
import * as compare from '~/routes/policy-compare'
import * as timeline from '~/routes/policy-timeline'
import { getPolicyReading } from '~/domain/policies.server'
import { setDb } from '~/lib/db.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, createTestDb, dialects } from '../db'
import { insertVersion } from '../versions'
import { call, get } from './helpers'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'
const PLAJU = 'implementasi-kebijakan-kepegawaian-plaju'

// What a loader hands React Router when it sets a status: `data(value, { status })`.
type WithStatus = { data: any; init: { status: number } }
const isWithStatus = (value: unknown): value is WithStatus => typeof value === 'object' && value !== null && 'init' in value

async function errorBody(response: Response) {
  expect(response.headers.get('Content-Type')).toMatch(/application\/json/)
  return (await response.json()).error
}

describe.each(dialects)('comparison and timeline pages and their API on %s', (dialect) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T00:00:00Z'))
    setDb(t.db)
    // Mamuju gets a version 2: "tujuan" renamed and reworded, "implementasi" moved first, "kesimpulan" removed, one added.
    const reading = (await getPolicyReading(t.db, MAMUJU, 1))!
    const v1 = reading.sections.map((s) => ({ key: s.key, heading: s.heading, body: s.body }))
    const byKey = Object.fromEntries(v1.map((s) => [s.key, s]))
    const v2 = [
      byKey['implementasi-kebijakan'],
      byKey.pendahuluan,
      { ...byKey['tujuan-penyusunan-kebijakan'], heading: 'Tujuan Kebijakan', body: `${byKey['tujuan-penyusunan-kebijakan'].body} Kebijakan berlaku bagi ASN (PNS dan PPPK).` },
      byKey['proses-penyusunan-kebijakan'],
      byKey['evaluasi-dan-perbaikan-berkelanjutan'],
      { key: 'pengaduan', heading: 'Pengaduan', body: 'Setiap pegawai dapat menyampaikan pengaduan secara daring.' },
    ]
    await insertVersion(t.db, reading.policy.id, 2, v2, '2026-11-24T03:00:00.000Z')
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('without a choice the page compares the current version with the one before', async () => {
    const page = (await call(compare.loader, get(`/kebijakan/${MAMUJU}/perbandingan`), { slug: MAMUJU })) as any
    expect(page.title).toBe('Perbandingan versi: Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
    expect(page.comparison.from.number).toBe(1)
    expect(page.comparison.to.number).toBe(2)
    expect(page.comparison.redline.summary).toEqual({ changed: 1, added: 1, removed: 1, moved: 1, renamed: 1, unchanged: 3 })
    const sections = page.comparison.redline.sections
    expect(sections.find((c: any) => c.key === 'implementasi-kebijakan')).toMatchObject({ moved: true, fromPosition: 4, toPosition: 1 })
    expect(sections.find((c: any) => c.key === 'kesimpulan')).toMatchObject({ status: 'removed' })
    expect(page.versions.map((v: any) => [v.number, v.current])).toEqual([
      [2, true],
      [1, false],
    ])
  })

  test('the chosen versions are compared, either way round', async () => {
    const page = (await call(compare.loader, get(`/kebijakan/${MAMUJU}/perbandingan?dari=2&ke=1`), { slug: MAMUJU })) as any
    expect(page.comparison.from.number).toBe(2)
    expect(page.comparison.redline.summary).toMatchObject({ added: 1, removed: 1 })
    const onlyTo = (await call(compare.loader, get(`/kebijakan/${MAMUJU}/perbandingan?ke=2`), { slug: MAMUJU })) as any
    expect([onlyTo.comparison.from.number, onlyTo.comparison.to.number]).toEqual([1, 2])
  })

  test('bad choices get an error next to the field, never a 500', async () => {
    const cases: [string, number, string, string][] = [
      ['dari=2&ke=2', 400, 'ke', 'redline.error.sameVersion'],
      ['dari=abc&ke=2', 400, 'dari', 'redline.error.chooseVersion'],
      ['dari=1.5&ke=2', 400, 'dari', 'redline.error.unknownVersion'],
      ['dari=-1&ke=2', 400, 'dari', 'redline.error.unknownVersion'],
      ['dari=1&ke=', 400, 'ke', 'redline.error.chooseVersion'],
      ['dari=9&ke=2', 404, 'dari', 'redline.error.unknownVersion'],
      ['dari=1&ke=99999999999999999999', 400, 'ke', 'redline.error.unknownVersion'],
      ['dari=3000000000&ke=1', 400, 'dari', 'redline.error.unknownVersion'],
      ['dari=99999999&ke=1', 404, 'dari', 'redline.error.unknownVersion'],
    ]
    for (const [query, status, field, error] of cases) {
      const result = await call(compare.loader, get(`/kebijakan/${MAMUJU}/perbandingan?${query}`), { slug: MAMUJU })
      if (!isWithStatus(result)) throw new Error(`${query}: expected a status`)
      expect(result.init.status, query).toBe(status)
      expect(result.data.comparison, query).toBeNull()
      expect(result.data.result.error[field], query).toEqual([error])
    }
  })

  test('a policy with one version says there is nothing to compare yet; an unknown policy is 404', async () => {
    const page = (await call(compare.loader, get(`/kebijakan/${PLAJU}/perbandingan?dari=1&ke=2`), { slug: PLAJU })) as any
    expect(page.comparison).toBeNull()
    expect(page.versions).toHaveLength(1)
    const missing = (await call(compare.loader, get('/kebijakan/x/perbandingan'), { slug: 'x' })) as Response
    expect(missing.status).toBe(404)
  })

  test('the timeline page lists the events in order; an unknown policy is 404', async () => {
    const page = (await call(timeline.loader, get(`/kebijakan/${MAMUJU}/linimasa`), { slug: MAMUJU })) as any
    expect(page.title).toBe('Linimasa: Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
    expect(page.policy.time_zone).toBe('Asia/Makassar')
    // The demo's open consultation is on the timeline too, among the policy's own events.
    const kinds = page.entries.map((e: any) => e.kind)
    expect(kinds).toContain('consultation_opened')
    expect(kinds.filter((k: string) => !k.startsWith('consultation'))).toEqual(['created', 'version_published', 'stage_changed', 'version_published'])
    expect(page.entries.findLast((e: any) => e.kind === 'version_published').links.map((l: any) => l.href)).toEqual([
      `/kebijakan/${MAMUJU}/versi/2`,
      `/kebijakan/${MAMUJU}/perbandingan?dari=1&ke=2`,
    ])
    const english = (await call(timeline.loader, get(`/kebijakan/${MAMUJU}/linimasa`, 'rembuk_lang=en'), { slug: MAMUJU })) as any
    expect(english.title).toBe('Timeline: Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
    expect(((await call(timeline.loader, get('/kebijakan/x/linimasa'), { slug: 'x' })) as Response).status).toBe(404)
  })

  test('GET /api/v1/policies/:slug/versions/:a/diff/:b gives statuses and word ops', async () => {
    const response = (await call(apiDiff.loader, get(`/api/v1/policies/${MAMUJU}/versions/1/diff/2`), { slug: MAMUJU, a: '1', b: '2' })) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/application\/json/)
    const { data } = await response.json()
    expect(data.from).toMatchObject({ number: 1, url: `/api/v1/policies/${MAMUJU}/versions/1` })
    expect(data.to).toMatchObject({ number: 2, publishedAt: '2026-11-24T03:00:00.000Z' })
    expect(data.summary).toMatchObject({ changed: 1, added: 1, removed: 1, moved: 1 })
    const tujuan = data.sections.find((s: any) => s.key === 'tujuan-penyusunan-kebijakan')
    expect(tujuan).toMatchObject({
      anchor: 'perubahan-tujuan-penyusunan-kebijakan',
      url: `/kebijakan/${MAMUJU}/perbandingan?dari=1&ke=2#perubahan-tujuan-penyusunan-kebijakan`,
      status: 'changed',
      renamed: true,
      fromHeading: 'Tujuan Penyusunan Kebijakan',
      toHeading: 'Tujuan Kebijakan',
    })
    expect(tujuan.body.at(-1)).toEqual({ type: 'insert', text: ' Kebijakan berlaku bagi ASN (PNS dan PPPK).' })
    for (const section of data.sections) {
      for (const op of [...section.heading, ...section.body]) {
        expect(Object.keys(op)).toEqual(['type', 'text'])
        expect(['equal', 'insert', 'delete']).toContain(op.type)
      }
    }
  })

  test('the diff API answers 404 for unknown policies and versions, 400 for one version with itself', async () => {
    const ask = (slug: string, a: string, b: string) =>
      call(apiDiff.loader, get(`/api/v1/policies/${slug}/versions/${a}/diff/${b}`), { slug, a, b }) as Promise<Response>
    for (const [slug, a, b] of [
      ['x', '1', '2'],
      [MAMUJU, '1', '3'],
      [MAMUJU, '3', '1'],
      [MAMUJU, 'abc', '2'],
      [MAMUJU, '1', '1.5'],
      [MAMUJU, '0', '1'],
      [MAMUJU, '7', '7'],
      [MAMUJU, '1', '99999999999999999999'],
      [MAMUJU, '3000000000', '1'],
      [MAMUJU, '99999999', '1'],
    ]) {
      const response = await ask(slug, a, b)
      expect(response.status, `${slug} ${a} ${b}`).toBe(404)
      expect(await errorBody(response)).toMatchObject({ status: 404, message: expect.any(String) })
    }
    const same = await ask(MAMUJU, '2', '2')
    expect(same.status).toBe(400)
    expect(await errorBody(same)).toEqual({ status: 400, message: 'Choose two different versions to compare.' })
  })

  test('GET /api/v1/policies/:slug/timeline lists the entries with web and API links', async () => {
    const response = (await call(apiTimeline.loader, get(`/api/v1/policies/${MAMUJU}/timeline`), { slug: MAMUJU })) as Response
    const { data } = await response.json()
    expect(data.timeZone).toBe('Asia/Makassar')
    const own = data.entries.filter((e: any) => !e.kind.startsWith('consultation'))
    expect(own.map((e: any) => e.kind)).toEqual(['created', 'version_published', 'stage_changed', 'version_published'])
    expect(own[2]).toMatchObject({ fromStage: 'penyusunan', toStage: 'konsultasi_publik' })
    expect(data.entries.find((e: any) => e.kind === 'consultation_opened').links[0]).toMatchObject({ rel: 'inputs', api: `/api/v1/policies/${MAMUJU}/inputs` })
    expect(own[3].links).toEqual([
      { rel: 'version', href: `/kebijakan/${MAMUJU}/versi/2`, versionNumber: 2, api: `/api/v1/policies/${MAMUJU}/versions/2` },
      {
        rel: 'redline',
        href: `/kebijakan/${MAMUJU}/perbandingan?dari=1&ke=2`,
        fromNumber: 1,
        toNumber: 2,
        api: `/api/v1/policies/${MAMUJU}/versions/1/diff/2`,
      },
    ])
    const missing = (await call(apiTimeline.loader, get('/api/v1/policies/x/timeline'), { slug: 'x' })) as Response
    expect(missing.status).toBe(404)
    expect(await errorBody(missing)).toMatchObject({ status: 404 })
  })
})
