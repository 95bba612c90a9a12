import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { expectAccessible, signIn } from './helpers'

/**
 * The evaluation cycle on Sawahlunto's adopted regulation (a policy of its own in the demo; other
 * browser tests read Sawahlunto's consultation, which stays as it was). In order: a citizen answers
 * the open survey; staff import paper questionnaires; the team closes the survey, publishes the
 * report and starts the next revision citing a finding.
 */
const SLUG = 'perwako-pengelolaan-kinerja-asn-sawahlunto'
const POLICY = `/kebijakan/${SLUG}`
const HEADER = 'U1,U2,U3,U4,U5,U6,U7,U8,U9,usia,jenis_kelamin,pendidikan,pekerjaan,saran'
let currentPeriod: number
test.beforeAll(() => {
  const db = new Database(fileURLToPath(new URL('../.tmp/e2e.sqlite', import.meta.url)), { readonly: true })
  try {
    const row = db
      .prepare("select e.id from evaluation_periods e join policies p on p.id = e.policy_id where p.slug = ? and e.slug = 'semester-ii-2026'")
      .get(SLUG) as { id: number }
    currentPeriod = row.id
  } finally {
    db.close()
  }
})

const rows = ['4,3,3,4,3,4,4,2,3,30_39,p,d4s1,asn,', '3,3,7,4,3,3,3,2,3,40_49,l,sma,asn,Loket penuh', '3,4,3,,3,3,4,3,3,,,,,"Antrean cepat, petugas ramah"']

test.describe('a citizen on a phone, without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } })

  test('reads the results over time and finds the open survey', async ({ page }) => {
    await page.goto(`${POLICY}/evaluasi`)
    await expect(page.getByRole('heading', { level: 1, name: 'Evaluasi kebijakan' })).toBeVisible()
    await expect(page.getByRole('listitem').filter({ hasText: 'Semester II 2025' })).toContainText('C (Kurang Baik)')
    await expect(page.getByRole('listitem').filter({ hasText: 'Semester I 2026' })).toContainText('B (Baik)')
    await expectAccessible(page, { javaScriptDisabled: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    await page.getByRole('link', { name: 'Isi survei' }).first().click()
    await expect(page.getByRole('heading', { level: 1, name: 'Survei kepuasan masyarakat' })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  })

  test('answers the satisfaction survey without an account; a mistake keeps what was typed', async ({ page }) => {
    await page.goto(`${POLICY}/evaluasi/semester-ii-2026/survei`)

    await page.getByLabel('Saran atau komentar Anda').fill('Mohon jam layanan pengaduan diperpanjang.')
    await page.getByRole('button', { name: 'Kirim jawaban' }).click()
    await expect(page.getByText('Jawab setidaknya satu unsur pelayanan.')).toBeVisible()
    await expect(page.getByLabel('Saran atau komentar Anda')).toHaveValue('Mohon jam layanan pengaduan diperpanjang.')
    await expectAccessible(page, { javaScriptDisabled: true })

    const answers: [RegExp, string][] = [
      [/^U1 · Persyaratan/, '3 — Sesuai'],
      [/^U2 · Sistem/, '3 — Mudah'],
      [/^U3 · Waktu/, '2 — Kurang cepat'],
      // U4 (costs) left blank: it does not count for that element.
      [/^U5 · Produk/, '3 — Sesuai'],
      [/^U6 · Kompetensi/, '4 — Sangat kompeten'],
      [/^U7 · Perilaku/, '4 — Sangat sopan dan ramah'],
      [/^U8 · Penanganan pengaduan/, '2 — Ada tetapi tidak berfungsi'],
      [/^U9 · Sarana/, '3 — Baik'],
    ]
    for (const [group, answer] of answers) await page.getByRole('group', { name: group }).getByLabel(answer).check()
    await page.getByLabel('Usia').selectOption({ label: '30–39 tahun' })
    await page.getByLabel('Pekerjaan').selectOption({ label: 'ASN (PNS/PPPK)' })
    await page.getByRole('group', { name: /Apakah Anda ASN/ }).getByLabel('Ya').check()
    await page.getByRole('button', { name: 'Kirim jawaban' }).click()
    await expect(page.getByRole('status')).toContainText('Terima kasih. Jawaban Anda sudah tercatat.')
    await expectAccessible(page, { javaScriptDisabled: true })
  })
})

test("the team's evaluation pages: plan, indicators, the period's survey settings and values", async ({ page }) => {
  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  await page.goto(`/kelola/kebijakan/${SLUG}/evaluasi`)
  await expect(page.getByRole('heading', { level: 1, name: 'Evaluasi kebijakan' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Rata-rata waktu verifikasi SKP/ })).toContainText('Dihentikan')
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Semester II 2026' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Semester II 2026' })).toBeVisible()
  await expectAccessible(page)
})

test('staff import paper questionnaires: a bad row stops the whole file, errors shown by row', async ({ page }) => {
  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  await page.goto(`/kelola/evaluasi/${currentPeriod}/impor`)
  await expect(page.getByRole('heading', { level: 1, name: 'Unggah kuesioner kertas (CSV)' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'kuesioner-loket.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\n')) })
  await page.getByRole('button', { name: 'Unggah dan periksa' }).click()
  await expect(page.getByText('Tidak ada yang diimpor: 1 kesalahan perlu diperbaiki lebih dulu.')).toBeVisible()
  const errorRow = page.getByRole('table', { name: 'Kesalahan per baris' }).getByRole('row').nth(1)
  await expect(errorRow).toContainText('3')
  await expect(errorRow).toContainText('U3')
  await expect(errorRow).toContainText('Isi 1, 2, 3, atau 4 (atau kosongkan).')
})

test('staff upload the corrected file: every questionnaire is imported', async ({ page }) => {
  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  await page.goto(`/kelola/evaluasi/${currentPeriod}/impor`)
  await page.getByRole('link', { name: 'kuesioner-loket.csv' }).click()
  await expect(page.getByText('Tidak ada yang diimpor')).toBeVisible()
  await page.getByRole('link', { name: 'Unggah berkas yang sudah diperbaiki' }).click()
  const fixed = [rows[0], rows[1].replace('3,3,7,', '3,3,2,'), rows[2]]
  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'kuesioner-loket.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...fixed].join('\n')) })
  await page.getByRole('button', { name: 'Unggah dan periksa' }).click()
  await expect(page.getByText('3 kuesioner diimpor.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Kembali ke periode ini' }).click()
  await expect(page.getByText(/kuesioner kertas\)/).first()).toBeVisible()
})

test('the team closes the survey and publishes the period’s report', async ({ page }) => {
  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  await page.goto(`/kelola/kebijakan/${SLUG}`)
  await page.getByRole('link', { name: 'Kelola evaluasi' }).click()
  await page.getByRole('link', { name: 'Semester II 2026' }).click()
  await page.getByRole('button', { name: 'Tutup survei sekarang' }).click()
  await expect(page.getByRole('status')).toHaveText('Survei ditutup.')
  await page.getByRole('link', { name: 'Laporan hasil evaluasi' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Laporan hasil evaluasi Semester II 2026' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Terbitkan laporan hasil evaluasi' }).click()
  await expect(page.getByRole('alert')).toContainText('Tulis dan simpan analisis hasil sebelum menerbitkan laporan.')
  await page.getByLabel('Analisis hasil').fill('IKM tetap B. Penanganan pengaduan masih terendah meski naik; pelatihan petugas pengaduan perlu diatur.')
  await page.getByRole('button', { name: 'Simpan analisis' }).click()
  await expect(page.getByRole('status')).toHaveText('Analisis tersimpan.')
  await page.getByLabel('Temuan').fill('Penanganan pengaduan masih unsur terendah.')
  await page.getByLabel('Unsur terkait').selectOption({ label: 'U8 Penanganan pengaduan, saran, dan masukan' })
  await page.getByLabel('Tindak lanjut', { exact: true }).fill('Mewajibkan pelatihan petugas penanganan pengaduan setiap tahun.')
  await page.getByLabel('Penanggung jawab').fill('BKPSDM, Bidang Pengembangan Kompetensi')
  await page.getByLabel('Tenggat').fill('2027-03-31')
  await page.getByRole('button', { name: 'Tambah tindak lanjut' }).click()
  await expect(page.getByRole('status')).toHaveText('Tindak lanjut ditambahkan.')
  await page.getByRole('button', { name: 'Terbitkan laporan hasil evaluasi' }).click()
  await expect(page.getByRole('status')).toHaveText('Laporan terbit dan tercatat pada linimasa kebijakan.')
  await expectAccessible(page)
})

test('from the published report the team starts the next revision and cites a finding for a change', async ({ page }) => {
  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  await page.goto(`/kelola/kebijakan/${SLUG}/evaluasi`)
  await page.getByRole('link', { name: 'Semester II 2026' }).click()
  await page.getByRole('link', { name: 'Laporan hasil evaluasi' }).click()
  await page.getByRole('button', { name: 'Mulai revisi berdasarkan evaluasi ini' }).click()
  const section = page.getByRole('region', { name: /Evaluasi dan Tindak Lanjut/ })
  await section.getByLabel('Isi bagian').fill(
    'Evaluasi dilakukan setiap semester dengan survei kepuasan masyarakat. Petugas penanganan pengaduan wajib mengikuti pelatihan setiap tahun.',
  )
  await section.getByRole('button', { name: /^Simpan bagian/ }).click()
  await expect(page.getByRole('region', { name: /Evaluasi dan Tindak Lanjut/ }).getByRole('status')).toHaveText('Perubahan bagian disimpan.')
  await page.getByRole('link', { name: /Alasan perubahan/ }).click()
  const reasons = page.getByRole('region', { name: /Evaluasi dan Tindak Lanjut/ })
  await reasons.getByRole('group', { name: /Semester II 2026/ }).getByLabel('U8 Penanganan pengaduan, saran, dan masukan').check()
  await reasons.getByRole('button', { name: /^Simpan kutipan/ }).click()
  await expect(page.getByRole('status')).toContainText('tersimpan')
  await expect(page.getByRole('region', { name: /Evaluasi dan Tindak Lanjut/ })).toContainText('Evaluasi Semester II 2026: unsur Penanganan pengaduan, saran, dan masukan')
  await expectAccessible(page)
})

test('the revision is published; its redline shows the finding it cites, and the timeline the report', async ({ page }) => {
  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  await page.goto(`/kelola/kebijakan/${SLUG}/versi/3/sunting`)
  const publish = page.getByRole('region', { name: 'Terbitkan versi 3' })
  await publish.getByLabel('Saya mengerti bahwa versi yang sudah terbit tidak dapat diubah lagi.').check()
  await publish.getByRole('button', { name: 'Terbitkan versi 3' }).click()
  await expect(page.getByRole('status')).toContainText('Versi 3 terbit')

  await page.goto(`${POLICY}/perbandingan?dari=2&ke=3`)
  await expect(page.getByRole('link', { name: 'Evaluasi Semester II 2026: unsur Penanganan pengaduan, saran, dan masukan' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Evaluasi Semester II 2026: unsur Penanganan pengaduan, saran, dan masukan' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Evaluasi Semester II 2026' })).toBeVisible()
  await expectAccessible(page)
  await page.goto(`${POLICY}/linimasa`)
  await expect(page.getByText(/Laporan hasil evaluasi Semester II 2026 diterbitkan: IKM/)).toBeVisible()
  await expectAccessible(page)
  const pdf = await page.request.get(`${POLICY}/evaluasi/semester-ii-2026/laporan.pdf`)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
})
