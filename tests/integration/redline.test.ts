import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { changeStage, createOrganisation, createPolicyWithPublishedVersion } from '~/domain/policies.server'
import { getPolicyTimeline, getVersionRedline } from '~/domain/redline.server'
import { type TestDb, createTestDb, dialects } from '../db'
import { type SectionText, insertVersion } from '../versions'

const V1: SectionText[] = [
  { key: 'umum', heading: 'Ketentuan Umum', body: 'Pegawai adalah ASN, PNS, dan PPPK; di lingkungan pemerintah daerah.' },
  { key: 'pengadaan', heading: 'Pengadaan', body: 'Pengadaan dilakukan secara terbuka.' },
  { key: 'pelatihan', heading: 'Pelatihan', body: 'Pelatihan paling sedikit 20 jam pelajaran.' },
  { key: 'penutup', heading: 'Penutup', body: 'Berlaku sejak diundangkan.' },
]
const V2: SectionText[] = [
  { key: 'umum', heading: 'Ketentuan Umum', body: 'Pegawai adalah ASN (PNS dan PPPK). di lingkungan pemerintah daerah.' },
  { key: 'pelatihan', heading: 'Pengembangan Kompetensi', body: 'Pelatihan paling sedikit 20 jam pelajaran.' },
  { key: 'pengadaan', heading: 'Pengadaan', body: 'Pengadaan dilakukan secara terbuka.' },
  { key: 'sanksi', heading: 'Sanksi', body: 'Pelanggaran dikenai hukuman disiplin.' },
  { key: 'penutup', heading: 'Penutup', body: 'Berlaku sejak diundangkan.' },
]

describe.each(dialects)('redlines and the timeline on %s', (dialect) => {
  let t: TestDb
  let policyId: number
  beforeEach(async () => {
    t = await createTestDb(dialect)
    const org = await createOrganisation(t.db, { slug: 'mamuju', name: 'Pemerintah Kabupaten Mamuju', kind: 'kabupaten', timeZone: 'Asia/Makassar' })
    const created = await createPolicyWithPublishedVersion(t.db, {
      organisationId: org.id,
      slug: 'kebijakan-uji',
      title: 'Kebijakan Uji',
      summary: '',
      topic: '',
      stage: 'penyusunan',
      sections: V1,
      actorId: null,
      at: '2026-01-05T01:00:00.000Z',
    })
    policyId = created.id
  })
  afterEach(async () => {
    await t.destroy()
  })

  test('the redline between two published versions, by number', async () => {
    await insertVersion(t.db, policyId, 2, V2, '2026-03-01T02:00:00.000Z')
    const found = await getVersionRedline(t.db, policyId, 1, 2)
    if (!found.ok) throw new Error('expected a redline')
    expect(found.from.number).toBe(1)
    expect(found.to.number).toBe(2)
    expect(found.redline.summary).toEqual({ changed: 2, added: 1, removed: 0, moved: 1, renamed: 1, unchanged: 2 })
    expect(found.redline.sections.map((c) => [c.key, c.status, c.moved])).toEqual([
      ['umum', 'changed', false],
      ['pelatihan', 'changed', true],
      ['pengadaan', 'unchanged', false],
      ['sanksi', 'added', false],
      ['penutup', 'unchanged', false],
    ])
    // The reverse direction mirrors it.
    const back = await getVersionRedline(t.db, policyId, 2, 1)
    if (!back.ok) throw new Error('expected a redline')
    expect(back.redline.summary).toMatchObject({ removed: 1, added: 0, changed: 2 })
  })

  test('unknown or draft versions are reported as missing, per side', async () => {
    await insertVersion(t.db, policyId, 2, V2, '2026-03-01T02:00:00.000Z', 'draft')
    expect(await getVersionRedline(t.db, policyId, 1, 2)).toEqual({ ok: false, missing: ['to'] })
    expect(await getVersionRedline(t.db, policyId, 9, 1)).toEqual({ ok: false, missing: ['from'] })
    expect(await getVersionRedline(t.db, policyId, 8, 9)).toEqual({ ok: false, missing: ['from', 'to'] })
    expect(await getVersionRedline(t.db, policyId + 1000, 1, 1)).toEqual({ ok: false, missing: ['from', 'to'] })
  })

  test('the timeline lists creation, stage changes and published versions in time order, with links', async () => {
    await changeStage(t.db, { policyId, to: 'konsultasi_publik', actorId: null, note: 'Konsultasi dibuka', at: '2026-02-01T00:00:00.000Z' })
    await insertVersion(t.db, policyId, 2, V2, '2026-03-01T02:00:00.000Z')
    await insertVersion(t.db, policyId, 3, V2, '2026-03-02T02:00:00.000Z', 'draft')
    // Recorded later but happened earlier: the timeline goes by when it happened.
    await changeStage(t.db, { policyId, to: 'pembahasan', actorId: null, at: '2026-02-20T00:00:00.000Z' })

    const entries = await getPolicyTimeline(t.db, policyId)
    expect(entries.map((e) => [e.kind, e.occurredAt])).toEqual([
      ['created', '2026-01-05T01:00:00.000Z'],
      ['version_published', '2026-01-05T01:00:00.000Z'],
      ['stage_changed', '2026-02-01T00:00:00.000Z'],
      ['stage_changed', '2026-02-20T00:00:00.000Z'],
      ['version_published', '2026-03-01T02:00:00.000Z'],
    ])
    expect(entries[0]).toMatchObject({ kind: 'created', stage: 'penyusunan', links: [], documents: [] })
    expect(entries[1]).toMatchObject({
      kind: 'version_published',
      versionNumber: 1,
      previousVersionNumber: null,
      links: [{ rel: 'version', href: '/kebijakan/kebijakan-uji/versi/1', versionNumber: 1 }],
    })
    expect(entries[2]).toMatchObject({ kind: 'stage_changed', fromStage: 'penyusunan', toStage: 'konsultasi_publik', note: 'Konsultasi dibuka' })
    expect(entries[4]).toMatchObject({
      kind: 'version_published',
      versionNumber: 2,
      previousVersionNumber: 1,
      links: [
        { rel: 'version', href: '/kebijakan/kebijakan-uji/versi/2' },
        { rel: 'redline', href: '/kebijakan/kebijakan-uji/perbandingan?dari=1&ke=2', fromNumber: 1, toNumber: 2 },
      ],
    })
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length)
  })

  test('an unknown policy has an empty timeline', async () => {
    expect(await getPolicyTimeline(t.db, policyId + 1000)).toEqual([])
  })
})
