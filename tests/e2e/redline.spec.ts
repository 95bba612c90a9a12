import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { expectAccessible } from './helpers'
import { testTime } from '../clock'

const DAY = 24 * 60 * 60_000
const SLUG = 'kebijakan-pengelolaan-kepegawaian-mulyorejo'
const POLICY = `/kebijakan/${SLUG}`
const TITLE = 'Kebijakan Pengelolaan Kepegawaian ASN di Mulyorejo'

/**
 * The demo has one version per policy, and publishing belongs to the drafting feature. So before
 * these tests, version 2 of Mulyorejo's policy is written straight into the database the e2e server
 * uses (tests/.tmp/e2e.sqlite, fresh each run, see scripts/e2e-server.mjs), as publishing leaves it:
 * the heading and a sentence of "tujuan" reworded, "studi kasus" moved up, "kesimpulan" removed and
 * "pengaduan" added. Mulyorejo is used because the other browser tests read Mamuju and Sawahlunto.
 */
test.beforeAll(() => {
  const db = new Database(fileURLToPath(new URL('../.tmp/e2e.sqlite', import.meta.url)))
  db.pragma('busy_timeout = 10000')
  try {
    db.transaction(() => {
      const policy = db.prepare('select id from policies where slug = ?').get(SLUG) as { id: number }
      if (db.prepare('select 1 from policy_versions where policy_id = ? and number = 2').get(policy.id)) return
      const v1 = db
        .prepare(
          'select s.key, s.heading, s.body from sections s join policy_versions v on v.id = s.version_id where v.policy_id = ? and v.number = 1 order by s.position',
        )
        .all(policy.id) as { key: string; heading: string; body: string }[]
      const byKey = Object.fromEntries(v1.map((s) => [s.key, s]))
      const tujuan = byKey['tujuan-kebijakan-pengelolaan-kepegawaian']
      const v2 = [
        byKey.pendahuluan,
        {
          ...tujuan,
          heading: 'Tujuan Kebijakan',
          body: tujuan.body.replace('seluruh pegawai ASN di Mulyorejo', 'seluruh pegawai-pegawai ASN (PNS dan PPPK) di Mulyorejo'),
        },
        byKey['studi-kasus-pelatihan-asn-di-mulyorejo'],
        byKey['proses-penyusunan-kebijakan'],
        byKey['implementasi-kebijakan'],
        byKey['tantangan-dalam-pengelolaan-kepegawaian'],
        { key: 'pengaduan', heading: 'Pengaduan', body: 'Setiap pegawai dapat menyampaikan pengaduan secara daring maupun luring.' },
      ]
      // A day before the test server's clock starts (tests/clock.ts): after everything the demo seeded.
      const at = testTime(-DAY)
      const version = db
        .prepare(
          "insert into policy_versions (policy_id, number, status, title, note, created_by, created_at, published_at) values (?, 2, 'published', ?, '', null, ?, ?)",
        )
        .run(policy.id, TITLE, at, at)
      const insertSection = db.prepare('insert into sections (version_id, key, position, heading, body) values (?, ?, ?, ?, ?)')
      v2.forEach((s, i) => insertSection.run(version.lastInsertRowid, s.key, i + 1, s.heading, s.body))
      db.prepare('update policies set current_version_id = ?, updated_at = ? where id = ?').run(version.lastInsertRowid, at, policy.id)
      db.prepare(
        "insert into policy_events (policy_id, kind, from_stage, to_stage, version_id, actor_id, note, occurred_at) values (?, 'version_published', null, null, ?, null, '', ?)",
      ).run(policy.id, version.lastInsertRowid, at)
    })()
  } finally {
    db.close()
  }
})

test('a reader compares the new version with the previous one, change by change', async ({ page }) => {
  await page.goto(POLICY)
  await page.getByRole('link', { name: 'Bandingkan dengan versi sebelumnya' }).click()
  await expect(page).toHaveURL(`${POLICY}/perbandingan?dari=1&ke=2`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Perbandingan versi: Dari versi 1 ke versi 2')
  await expect(page.getByText('1 bagian diubah, 1 ditambah, 1 dihapus, 1 dipindah.')).toBeVisible()
  await expect(page.getByText('Versi 2 diterbitkan 24 November 2026 pukul 10.00 WIB.', { exact: false })).toBeVisible()

  const tujuan = page.getByRole('region', { name: 'Tujuan Kebijakan' })
  const badges = tujuan.getByRole('list', { name: 'Keterangan perubahan' })
  await expect(badges.getByRole('listitem')).toHaveText(['Diubah', 'Judul diubah'])
  await expect(tujuan.getByText('Judul:').getByRole('deletion')).toContainText('Pengelolaan Kepegawaian')
  const inserted = tujuan.getByRole('insertion')
  await expect(inserted.filter({ hasText: 'pegawai-pegawai' })).toHaveText('[mulai tambahan] pegawai-pegawai [akhir tambahan]')
  await expect(inserted.filter({ hasText: 'PNS dan PPPK' })).toHaveCount(1)
  await expect(tujuan.getByRole('deletion').filter({ hasText: 'pegawai' }).first()).toContainText('[mulai hapusan]')

  const moved = page.getByRole('region', { name: 'Studi Kasus: Pelatihan ASN di Mulyorejo' })
  await expect(moved.getByRole('listitem')).toHaveText(['Dipindahkan dari urutan 6 ke 3'])
  await expect(page.getByRole('region', { name: 'Kesimpulan' }).getByRole('listitem').first()).toHaveText('Dihapus')
  await expect(page.getByRole('region', { name: 'Kesimpulan' }).getByRole('deletion')).toHaveCount(1)
  await expect(page.getByRole('region', { name: 'Pengaduan' }).getByRole('listitem').first()).toHaveText('Ditambahkan')
  // Unchanged sections say so and keep their text one click away.
  const proses = page.getByRole('region', { name: 'Proses Penyusunan Kebijakan' })
  await expect(proses.getByRole('listitem')).toHaveText(['Tidak berubah'])
  await expect(proses.getByRole('insertion')).toHaveCount(0)
  await expectAccessible(page)

  // The list of changes jumps to each one.
  await page.getByRole('navigation', { name: 'Daftar perubahan' }).getByRole('link', { name: 'Pengaduan' }).click()
  await expect(page).toHaveURL(/#perubahan-pengaduan$/)

  // Choosing versions the other way round.
  await page.getByLabel('Dari versi', { exact: true }).selectOption('2')
  await page.getByLabel('Ke versi', { exact: true }).selectOption('1')
  await page.getByRole('button', { name: 'Bandingkan' }).click()
  await expect(page).toHaveURL(`${POLICY}/perbandingan?dari=2&ke=1`)
  await expect(page.getByText(/Anda membandingkan versi yang lebih baru/)).toBeVisible()
  await expect(page.getByRole('region', { name: 'Pengaduan' }).getByRole('listitem').first()).toHaveText('Dihapus')
  await expectAccessible(page)

  // A version with itself is refused next to the field, with nothing lost.
  await page.getByLabel('Dari versi', { exact: true }).selectOption('1')
  await page.getByLabel('Ke versi', { exact: true }).selectOption('1')
  await page.getByRole('button', { name: 'Bandingkan' }).click()
  await expect(page.getByText('Pilih versi yang berbeda dari “Dari versi”.')).toBeVisible()
  await expect(page.getByLabel('Ke versi', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Dari versi', { exact: true })).toHaveValue('1')
  await expectAccessible(page)
})

test('the timeline shows every stage and version in order, dated in the region’s zone', async ({ page }) => {
  await page.goto(POLICY)
  await page.getByRole('link', { name: 'Linimasa kebijakan' }).click()
  await expect(page).toHaveURL(`${POLICY}/linimasa`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Linimasa kebijakan')
  const entries = page.getByRole('list').filter({ has: page.locator('time') }).locator(':scope > li')
  // The policy's own events, in order, with its consultation among them (other specs may have
  // closed that consultation, which adds its closing).
  const texts = await entries.allTextContents()
  const at = (text: string) => texts.findIndex((t) => t.includes(text))
  const order = [
    'Kebijakan dimuat di Rembuk pada tahap Penyusunan',
    'Versi 1 diterbitkan',
    'Tahap berpindah dari Penyusunan ke Konsultasi publik',
    'Konsultasi publik dibuka',
    'Versi 2 diterbitkan',
  ].map(at)
  expect(order.every((i) => i >= 0)).toBe(true)
  expect([...order].sort((a, b) => a - b)).toEqual(order)
  const v2 = entries.filter({ hasText: 'Versi 2 diterbitkan' })
  await expect(v2.locator('time')).toHaveText('24 November 2026 pukul 10.00 WIB')
  await expectAccessible(page)

  await entries.filter({ hasText: 'Versi 1 diterbitkan' }).getByRole('link', { name: 'Baca versi 1' }).click()
  await expect(page).toHaveURL(`${POLICY}/versi/1`)
  await expect(page.getByRole('link', { name: 'Bandingkan dengan versi terbaru' })).toHaveAttribute(
    'href',
    `${POLICY}/perbandingan?dari=1&ke=2`,
  )
  await page.goBack()
  await v2.getByRole('link', { name: 'Lihat perubahan dari versi 1 ke versi 2' }).click()
  await expect(page).toHaveURL(`${POLICY}/perbandingan?dari=1&ke=2`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Perbandingan versi: Dari versi 1 ke versi 2')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the comparison form and the timeline work as plain pages', async ({ page }) => {
    await page.goto(`${POLICY}/perbandingan`)
    await expect(page.getByText('1 bagian diubah, 1 ditambah, 1 dihapus, 1 dipindah.')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByLabel('Dari versi', { exact: true }).selectOption('2')
    await page.getByLabel('Ke versi', { exact: true }).selectOption('2')
    await page.getByRole('button', { name: 'Bandingkan' }).click()
    await expect(page).toHaveURL(`${POLICY}/perbandingan?dari=2&ke=2`)
    await expect(page.getByText('Pilih versi yang berbeda dari “Dari versi”.')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByLabel('Ke versi', { exact: true }).selectOption('1')
    await page.getByRole('button', { name: 'Bandingkan' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Perbandingan versi: Dari versi 2 ke versi 1')

    // An unchanged section's text opens without scripts.
    const proses = page.getByRole('region', { name: 'Proses Penyusunan Kebijakan' })
    await proses.getByText('Tampilkan teks bagian ini').click()
    await expect(proses.getByText(/melibatkan berbagai pihak/)).toBeVisible()

    await page.goto(`${POLICY}/linimasa`)
    await expect(page.getByText('Versi 2 diterbitkan')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
  })
})

test('the redline and timeline API answer JSON', async ({ request }) => {
  const diff = await request.get(`/api/v1/policies/${SLUG}/versions/1/diff/2`)
  expect(diff.ok()).toBe(true)
  const { data } = await diff.json()
  expect(data.summary).toMatchObject({ changed: 1, added: 1, removed: 1, moved: 1 })
  const missing = await request.get(`/api/v1/policies/${SLUG}/versions/1/diff/9`)
  expect(missing.status()).toBe(404)
  const timeline = await request.get(`/api/v1/policies/${SLUG}/timeline`)
  const kinds = (await timeline.json()).data.entries.map((e: { kind: string }) => e.kind)
  expect(kinds.filter((k: string) => !k.startsWith('consultation'))).toEqual(['created', 'version_published', 'stage_changed', 'version_published'])
  expect(kinds).toContain('consultation_opened')
})
