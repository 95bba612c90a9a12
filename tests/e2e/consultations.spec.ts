import { type Page, expect, test } from '@playwright/test'
import { expectAccessible, signIn } from './helpers'

const MAMUJU = '/kebijakan/kebijakan-kepegawaian-asn-mamuju'
const PLAJU = '/kebijakan/implementasi-kebijakan-kepegawaian-plaju'
const MULYOREJO = '/kebijakan/kebijakan-pengelolaan-kepegawaian-mulyorejo'
const TANJUNGBALAI = '/kebijakan/kebijakan-kepegawaian-asn-tanjungbalai'

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Keluar' }).click()
  await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toBeVisible()
}

async function fillMamujuInput(page: Page, a11y: { javaScriptDisabled?: boolean } = {}) {
  await page.getByRole('radio', { name: /Ubah teks/ }).check()
  await page.getByLabel('Usulan rumusan').fill('Pengumuman rekrutmen memuat nilai setiap peserta pada setiap tahap seleksi.')
  await page.getByLabel('Alasan', { exact: true }).fill('Nilai yang terbuka memungkinkan peserta dan masyarakat mengawasi seleksi.')
  await page.getByLabel('Topik').selectOption('rekrutmen')
  await page.getByRole('group', { name: /Seberapa baik versi 2 menjawab/ }).getByRole('radio', { name: '2', exact: true }).check()
  await expectAccessible(page, a11y)
}

test('a citizen gives input on a clause, signs out and looks up the receipt', async ({ page }) => {
  await signIn(page, 'warga@rembuk.test')
  await page.goto(MAMUJU)
  await expect(page.getByRole('heading', { name: /Konsultasi publik: Dibuka/ })).toBeVisible()
  await expectAccessible(page)
  const clause = page.getByRole('region', { name: /Proses Penyusunan Kebijakan/ })
  await clause.getByRole('link', { name: /Beri masukan pada bagian ini/ }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Beri masukan' })).toBeVisible()
  await expect(page.getByLabel('Bagian yang Anda tanggapi')).toHaveValue('proses-penyusunan-kebijakan')
  await expect(page.getByText('Teks bagian saat ini: Proses Penyusunan Kebijakan')).toBeVisible()
  await fillMamujuInput(page)

  // Consent not given yet: the error stands next to the consent, nothing is lost.
  await page.getByRole('button', { name: 'Kirim masukan' }).click()
  await expect(page.getByText('Persetujuan ini wajib untuk mengirim masukan.').first()).toBeVisible()
  await expect(page.getByLabel('Alasan', { exact: true })).toHaveValue(/Nilai yang terbuka/)
  await expectAccessible(page)

  await page.getByLabel(/memproses masukan dan data akun saya/).check()
  await page.getByLabel(/teks masukan saya diterbitkan/).check()
  await page.getByRole('button', { name: 'Kirim masukan' }).click()

  await expect(page.getByRole('heading', { name: 'Tanda terima masukan' })).toBeVisible()
  const number = (await page.locator('.receipt__number strong').textContent())!.trim()
  expect(number).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)
  await expectAccessible(page)

  await signOut(page)
  await page.getByRole('link', { name: 'Lacak masukan' }).click()
  await page.getByLabel('Nomor registrasi').fill(number.toLowerCase().replace('-', ' '))
  await page.getByRole('button', { name: 'Lacak' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Masukan ${number}` })).toBeVisible()
  await expect(page.getByText('Diterbitkan', { exact: true })).toBeVisible()
  await expect(page.getByText('Pengumuman rekrutmen memuat nilai setiap peserta')).toBeVisible()
  await expect(page.getByText('Siti Rahmawati')).toBeVisible()
  await expectAccessible(page)

  // It is counted under its clause and listed there.
  await page.goto(MAMUJU)
  await page.getByRole('region', { name: /Proses Penyusunan Kebijakan/ }).getByRole('link', { name: /\d+ masukan/ }).click()
  await expect(page.getByText('Pengumuman rekrutmen memuat nilai setiap peserta')).toBeVisible()
  await expectAccessible(page)
})

test('a verified civil servant gives input shown with the verified role', async ({ page }) => {
  await signIn(page, 'asn.plaju@rembuk.test')
  await page.goto(PLAJU)
  await page.getByRole('region', { name: /Kebijakan Rekrutmen yang Transparan/ }).getByRole('link', { name: /Beri masukan pada bagian ini/ }).click()
  await page.getByRole('radio', { name: /Pertanyaan/ }).check()
  await page.getByLabel('Alasan', { exact: true }).fill('Berapa lama hasil penilaian independen disimpan dan siapa yang boleh memeriksanya?')
  await page.getByLabel('Topik').selectOption('rekrutmen')
  await page.getByRole('group', { name: /penilai independen dalam seleksi terbuka/ }).getByRole('radio', { name: 'Perguruan tinggi' }).check()
  await page.getByRole('group', { name: /Seberapa percaya Anda/ }).getByRole('radio', { name: '3', exact: true }).check()
  const role = page.getByRole('radio', { name: /Peran terverifikasi: ASN, / })
  await role.check()
  const roleLabel = (await page.locator(`label[for="${await role.getAttribute('id')}"]`).textContent())!.replace('Peran terverifikasi: ', '')
  await page.getByLabel(/memproses masukan dan data akun saya/).check()
  await page.getByLabel(/teks masukan saya diterbitkan/).check()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Kirim masukan' }).click()

  await expect(page.getByRole('heading', { name: 'Tanda terima masukan' })).toBeVisible()
  await expect(page.getByRole('definition').filter({ hasText: roleLabel })).toBeVisible()
  await expect(page.getByRole('main').getByText('ASN Kecamatan Plaju', { exact: false })).toHaveCount(0)
  await page.goto(`${PLAJU}/masukan?bagian=kebijakan-rekrutmen-yang-transparan&jenis=question`)
  await expect(page.getByRole('heading', { level: 3, name: new RegExp(roleLabel) }).first()).toBeVisible()
  await expectAccessible(page)
})

test('input after the window closes is refused with a clear message, and nothing typed is lost', async ({ page, browser }) => {
  await signIn(page, 'warga@rembuk.test')
  await page.goto(`${MULYOREJO}/masukan/baru?bagian=implementasi-kebijakan`)
  await page.getByRole('radio', { name: /Keberatan/ }).check()
  await page.getByLabel('Alasan', { exact: true }).fill('Jam kerja perlu disesuaikan dengan jam layanan warga.')
  await page.getByLabel('Topik').selectOption('disiplin & etika')
  await page.getByRole('group', { name: /Pelatihan digital apa/ }).getByRole('checkbox', { name: 'Pengolahan data' }).check()
  await page.getByRole('group', { name: /Seberapa siap ASN/ }).getByRole('radio', { name: '3', exact: true }).check()
  await page.getByLabel(/memproses masukan dan data akun saya/).check()
  await page.getByLabel(/teks masukan saya diterbitkan/).check()

  // Meanwhile the policy team closes the consultation.
  const team = await browser.newContext()
  const moderator = await team.newPage()
  await signIn(moderator, 'moderator.mulyorejo@rembuk.test')
  await moderator.goto('/kelola/kebijakan/kebijakan-pengelolaan-kepegawaian-mulyorejo')
  await moderator.getByRole('link', { name: 'Konsultasi pelatihan kompetensi digital ASN Mulyorejo' }).click()
  await expectAccessible(moderator)
  await moderator.getByRole('button', { name: 'Tutup konsultasi sekarang' }).click()
  await expect(moderator.getByRole('status')).toHaveText('Konsultasi sudah ditutup.')
  await team.close()

  await page.getByRole('button', { name: 'Kirim masukan' }).click()
  await expect(page.getByRole('alert')).toContainText('Konsultasi ini sudah ditutup pada')
  await expect(page.getByLabel('Alasan', { exact: true })).toHaveValue('Jam kerja perlu disesuaikan dengan jam layanan warga.')
  await expectAccessible(page)

  await page.goto(MULYOREJO)
  await expect(page.getByRole('heading', { name: /Konsultasi publik: Ditutup/ })).toBeVisible()
  await expect(page.getByRole('link', { name: /Beri masukan/ })).toHaveCount(0)
})

test('an employees-only consultation tells a citizen who may take part', async ({ page }) => {
  await signIn(page, 'warga@rembuk.test')
  await page.goto(`${TANJUNGBALAI}/masukan/baru`)
  await expect(page.getByRole('alert')).toContainText('khusus untuk pegawai (ASN) Pemerintah Kota Tanjungbalai')
  await expectAccessible(page)
})

test('the policy team opens a consultation with a questionnaire and records a letter', async ({ page }) => {
  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  await page.goto('/kelola/kebijakan/kebijakan-pengelolaan-kinerja-asn-sawahlunto/konsultasi/baru')
  await expect(page.getByRole('heading', { level: 1, name: 'Buka konsultasi publik' })).toBeVisible()
  await page.getByLabel('Judul konsultasi').fill('Konsultasi lanjutan indikator kinerja')
  await page.getByLabel('Ditutup pada (WIB)').fill('2020-01-01T10:00')
  await page.getByRole('button', { name: 'Buka konsultasi' }).click()
  await expect(page.getByText('Waktu tutup harus sesudah waktu buka.')).toBeVisible()
  await expect(page.getByLabel('Judul konsultasi')).toHaveValue('Konsultasi lanjutan indikator kinerja')
  await expectAccessible(page)
  await page.getByLabel('Ditutup pada (WIB)').fill('2030-01-01T10:00')
  await page.getByRole('radio', { name: 'Sesudah terbit: masukan langsung tampil' }).check()
  await page.getByRole('button', { name: 'Buka konsultasi' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Konsultasi lanjutan indikator kinerja' })).toBeVisible()
  await page.getByLabel('Jenis pertanyaan').selectOption('single')
  await page.getByLabel('Pertanyaan', { exact: true }).fill('Unit mana yang paling perlu dinilai kepuasannya?')
  await page.getByRole('button', { name: 'Tambah pertanyaan' }).click()
  await expect(page.getByText('Tulis paling sedikit dua pilihan jawaban yang berbeda.')).toBeVisible()
  await page.getByLabel('Pilihan jawaban').fill('Dinas Kependudukan\nPuskesmas\nKelurahan')
  await page.getByRole('button', { name: 'Tambah pertanyaan' }).click()
  await expect(page.getByRole('listitem').filter({ hasText: 'Unit mana yang paling perlu dinilai kepuasannya?' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: /Catat masukan luring/ }).click()
  await page.getByRole('radio', { name: 'Surat' }).check()
  await page.getByLabel('Nama pengirim').fill('Ikatan Bidan Kota Sawahlunto')
  await page.getByRole('radio', { name: /Ubah teks/ }).check()
  await page.getByLabel('Usulan rumusan').fill('Kepuasan pasien puskesmas menjadi indikator kinerja tenaga kesehatan.')
  await page.getByLabel('Alasan', { exact: true }).fill('Disampaikan melalui surat nomor 12/IBI/XI/2026.')
  await page.getByLabel('Topik').selectOption('kinerja')
  await page.getByLabel(/Persetujuan pengirim/).check()
  await page.getByLabel('Pengirim bersedia namanya ditampilkan').check()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Simpan masukan' }).click()
  await expect(page.getByRole('status')).toContainText('Masukan tersimpan dengan nomor registrasi')
  await page.getByRole('link', { name: /Lihat masukan/ }).click()
  await expect(page.getByText('Surat', { exact: true })).toBeVisible()
  await expect(page.getByText('Ikatan Bidan Kota Sawahlunto')).toBeVisible()
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a citizen gives input, sees the server errors, and looks it up', async ({ page }) => {
    await signIn(page, 'warga@rembuk.test')
    await page.goto(`${MAMUJU}/masukan/baru?bagian=implementasi-kebijakan`)
    await page.getByRole('radio', { name: /Tambah teks/ }).check()
    await page.getByLabel('Alasan', { exact: true }).fill('Standar kompetensi perlu memuat kemampuan melayani penyandang disabilitas.')
    await page.getByLabel('Topik').selectOption('kompetensi')
    await page.getByRole('button', { name: 'Kirim masukan' }).click()
    // The server says what is missing, next to each field, and keeps the rest.
    await expect(page.getByText('Wajib diisi.').first()).toBeVisible()
    await expect(page.getByText('Persetujuan ini wajib untuk mengirim masukan.').first()).toBeVisible()
    await expect(page.getByLabel('Alasan', { exact: true })).toHaveValue(/penyandang disabilitas/)
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByLabel('Usulan rumusan').fill('Standar kompetensi ASN memuat kemampuan melayani penyandang disabilitas.')
    await page.getByRole('group', { name: /Seberapa baik versi 2 menjawab/ }).getByRole('radio', { name: '4', exact: true }).check()
    await page.getByRole('radio', { name: 'Nama samaran' }).check()
    await page.getByLabel('Nama samaran yang ditampilkan').fill('Pemerhati Disabilitas Mamuju')
    await page.getByLabel(/memproses masukan dan data akun saya/).check()
    await page.getByLabel(/teks masukan saya diterbitkan/).check()
    await page.getByRole('button', { name: 'Kirim masukan' }).click()
    await expect(page.getByRole('heading', { name: 'Tanda terima masukan' })).toBeVisible()
    const number = (await page.locator('.receipt__number strong').textContent())!.trim()
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByRole('button', { name: 'Keluar' }).click()
    await page.goto(`/lacak?nomor=${encodeURIComponent(number)}`)
    await expect(page.getByRole('heading', { level: 1, name: `Masukan ${number}` })).toBeVisible()
    await expect(page.getByText('Pemerhati Disabilitas Mamuju')).toBeVisible()
    await expect(page.getByText('Siti Rahmawati')).toHaveCount(0)
    await page.goto('/lacak?nomor=ZZZZ-ZZZZ')
    await expect(page.getByText('Tidak ada masukan dengan nomor ZZZZ-ZZZZ')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
  })

  test('a verified civil servant gives input with the verified role', async ({ page }) => {
    await signIn(page, 'asn.mamuju@rembuk.test')
    await page.goto(`${MAMUJU}/masukan/baru?bagian=kesimpulan`)
    await page.getByRole('radio', { name: /Dukungan/ }).check()
    await page.getByLabel('Alasan', { exact: true }).fill('Evaluasi berkelanjutan sudah tepat.')
    await page.getByLabel('Topik').selectOption('kinerja')
    await page.getByRole('group', { name: /Seberapa baik versi 2 menjawab/ }).getByRole('radio', { name: '3', exact: true }).check()
    await page.getByRole('radio', { name: /Peran terverifikasi/ }).check()
    await page.getByLabel(/memproses masukan dan data akun saya/).check()
    await page.getByLabel(/teks masukan saya diterbitkan/).check()
    await page.getByRole('button', { name: 'Kirim masukan' }).click()
    await expect(page.getByRole('heading', { name: 'Tanda terima masukan' })).toBeVisible()
    await expect(page.getByRole('definition').filter({ hasText: /^ASN, / })).toBeVisible()
  })
})
