import { type Page, expect, test } from '@playwright/test'
import { expectAccessible, followVerificationLink, signIn, uniqueSuffix } from './helpers'

async function register(page: Page, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${uniqueSuffix()}@contoh.id`
  await page.goto('/daftar')
  await page.getByLabel('Nama tampilan').fill(name)
  await page.getByLabel('Alamat e-mail').fill(email)
  await page.getByLabel('Kata sandi').fill('perahu-layar-di-senja')
  await page.getByRole('button', { name: 'Daftar' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Periksa e-mail Anda' })).toBeVisible()
  await followVerificationLink(page, email)
  await expect(page.getByText(`Masuk sebagai ${name}`)).toBeVisible()
  return email
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Keluar' }).click()
  await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toBeVisible()
}

test('a newcomer asks to be verified, the region admin approves, and the account shows the verified role', async ({ page }) => {
  // Registering now includes reading the verification mail in the admin's outbox.
  test.slow()
  const email = await register(page, 'Rina Marlina')
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Akun' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Akun saya' })).toBeVisible()
  await expect(page.getByText(email)).toBeVisible()
  await expect(page.getByText('Anda belum pernah meminta verifikasi sebagai ASN.')).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Minta verifikasi sebagai ASN' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Verifikasi sebagai ASN' })).toBeVisible()
  await expect(page.getByText(/tidak pernah meminta NIK/)).toBeVisible()
  const nip = page.getByLabel('NIP', { exact: true })
  await expect(nip).toHaveAttribute('inputmode', 'numeric')
  await expect(nip).toHaveAttribute('autocomplete', 'off')
  await expectAccessible(page)

  await page.getByLabel('Instansi tempat Anda bekerja').selectOption({ label: 'Pemerintah Kota Sawahlunto' })
  await page.getByLabel('Unit kerja').fill('BKPSDM')
  await page.getByLabel('Jabatan').fill('Analis SDM Aparatur')
  // A wrong sex digit is caught as soon as the field is left.
  await nip.fill('19900215 201503 3 017')
  await page.getByLabel('Unit kerja').focus()
  await expect(page.getByText('Angka ke-15 NIP menunjukkan jenis kelamin')).toBeVisible()
  await expect(nip).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page)

  // The demo ASN of Sawahlunto already holds this NIP: the server refuses and clears the field.
  await nip.fill('198405142009051005')
  await page.getByRole('button', { name: 'Kirim permintaan verifikasi' }).click()
  await expect(page.getByText('NIP ini sudah dipakai akun lain.')).toBeVisible()
  await expect(nip).toHaveValue('')
  await expect(page.getByLabel('Unit kerja')).toHaveValue('BKPSDM')
  await expect(page.getByLabel('Jabatan')).toHaveValue('Analis SDM Aparatur')
  await expectAccessible(page)

  await nip.fill('19900215 201503 2 017')
  await page.getByRole('button', { name: 'Kirim permintaan verifikasi' }).click()
  await expect(page).toHaveURL('/akun?dikirim=1')
  await expect(page.getByRole('status')).toContainText('Permintaan verifikasi Anda sudah dikirim')
  await expect(page.getByText('Menunggu persetujuan')).toBeVisible()
  await expect(page.locator('body')).not.toContainText('19900215')
  await expectAccessible(page)
  await signOut(page)

  await signIn(page, 'admin.sawahlunto@rembuk.test')
  await page.getByRole('link', { name: 'Akun' }).click()
  await page.getByRole('link', { name: /Periksa permintaan verifikasi ASN di Pemerintah Kota Sawahlunto \(1 menunggu\)/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Verifikasi ASN' })).toBeVisible()
  const request = page.getByRole('article', { name: 'Rina Marlina' })
  await expect(request).toContainText(email)
  await expect(request).toContainText('Analis SDM Aparatur')
  await expect(request).toContainText('WIB')
  await expect(page.locator('body')).not.toContainText('19900215')
  await expectAccessible(page)

  await request.getByRole('button', { name: /^Tolak/ }).click()
  await expect(request.getByText('Tulis alasan penolakan; pemohon akan membacanya.')).toBeVisible()
  await expectAccessible(page)

  await request.getByRole('button', { name: /^Setujui/ }).click()
  await expect(page.getByRole('status')).toContainText('Permintaan Rina Marlina disetujui')
  await expect(page.getByRole('article', { name: 'Rina Marlina' })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Menunggu keputusan (0)' })).toBeVisible()
  await expectAccessible(page)
  await signOut(page)

  await signIn(page, email, 'perahu-layar-di-senja')
  await page.goto('/akun')
  await expect(page.getByText('Terverifikasi', { exact: true })).toBeVisible()
  await expect(page.getByText('Masukan Anda dapat tampil sebagai: ASN, BKPSDM Kota Sawahlunto')).toBeVisible()
  await expect(page.getByText('Pemerintah Kota Sawahlunto: Pegawai (ASN terverifikasi)')).toBeVisible()
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('claiming, a refused NIP, and a rejection with its reason all work', async ({ page }) => {
    const email = await register(page, 'Yusuf Hakim')
    await page.goto('/akun/verifikasi-asn?instansi=plaju')
    await expect(page.getByLabel('Instansi tempat Anda bekerja')).toHaveValue(/\d+/)
    await page.getByLabel('NIP', { exact: true }).fill('19880720 201207 1 000')
    await page.getByLabel('Unit kerja').fill('Kantor Kecamatan')
    await page.getByLabel('Jabatan').fill('Pengelola Layanan Operasional')
    await page.getByRole('button', { name: 'Kirim permintaan verifikasi' }).click()
    await expect(page.getByText('Tiga angka terakhir NIP adalah nomor urut dan tidak boleh 000.')).toBeVisible()
    await expect(page.getByLabel('NIP', { exact: true })).toHaveValue('')
    await expect(page.getByLabel('Unit kerja')).toHaveValue('Kantor Kecamatan')
    await expect(page.getByLabel('Instansi tempat Anda bekerja').locator('option:checked')).toHaveText('Kecamatan Plaju, Kota Palembang')
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByLabel('NIP', { exact: true }).fill('19880720 201207 1 044')
    await page.getByRole('button', { name: 'Kirim permintaan verifikasi' }).click()
    await expect(page.getByText('Menunggu persetujuan')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
    await signOut(page)

    await signIn(page, 'admin.plaju@rembuk.test')
    await page.goto('/kelola/organisasi/plaju/verifikasi')
    const request = page.getByRole('article', { name: 'Yusuf Hakim' })
    await expect(request).toContainText(email)
    await request.getByRole('button', { name: /^Tolak/ }).click()
    await expect(page.getByText('Tulis alasan penolakan; pemohon akan membacanya.')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
    await page.getByRole('article', { name: 'Yusuf Hakim' }).getByLabel('Alasan').fill('Nama tidak ada dalam daftar pegawai Kecamatan Plaju.')
    await page.getByRole('article', { name: 'Yusuf Hakim' }).getByRole('button', { name: /^Tolak/ }).click()
    await expect(page.getByRole('status')).toContainText('Permintaan Yusuf Hakim ditolak')
    await expectAccessible(page, { javaScriptDisabled: true })
    await signOut(page)

    await signIn(page, email, 'perahu-layar-di-senja')
    await page.goto('/akun')
    await expect(page.getByText('Ditolak', { exact: true })).toBeVisible()
    await expect(page.getByText('Alasan: Nama tidak ada dalam daftar pegawai Kecamatan Plaju.')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
  })

  test('two admins deciding the same request: the second is told it is already decided', async ({ page, browser }) => {
    await register(page, 'Lina Kartika')
    await page.goto('/akun/verifikasi-asn?instansi=mulyorejo')
    await page.getByLabel('NIP', { exact: true }).fill('19930304 201904 2 009')
    await page.getByLabel('Unit kerja').fill('Kantor Kecamatan')
    await page.getByLabel('Jabatan').fill('Pengadministrasi Umum')
    await page.getByRole('button', { name: 'Kirim permintaan verifikasi' }).click()
    await expect(page.getByText('Menunggu persetujuan')).toBeVisible()
    await signOut(page)

    const other = await browser.newContext({ javaScriptEnabled: false })
    const second = await other.newPage()
    await signIn(second, 'admin@rembuk.test')
    await second.goto('/kelola/organisasi/mulyorejo/verifikasi')
    await signIn(page, 'admin.mulyorejo@rembuk.test')
    await page.goto('/kelola/organisasi/mulyorejo/verifikasi')

    await page.getByRole('article', { name: 'Lina Kartika' }).getByRole('button', { name: /^Setujui/ }).click()
    await expect(page.getByRole('status')).toContainText('Permintaan Lina Kartika disetujui')

    const stale = second.getByRole('article', { name: 'Lina Kartika' })
    await stale.getByLabel('Alasan').fill('Tidak terdaftar.')
    await stale.getByRole('button', { name: /^Tolak/ }).click()
    await expect(second.getByRole('alert')).toHaveText('Permintaan ini sudah diputuskan, mungkin oleh admin lain.')
    await expect(second.getByText('Terverifikasi', { exact: true }).first()).toBeVisible()
    await expectAccessible(second, { javaScriptDisabled: true })
    await other.close()
  })

  test('someone who is not the admin is turned away from the verification page', async ({ page }) => {
    await signIn(page, 'moderator.plaju@rembuk.test')
    const response = await page.goto('/kelola/organisasi/plaju/verifikasi')
    expect(response?.status()).toBe(403)
    await expect(page.getByText('Anda tidak berhak membuka halaman ini.')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
  })
})
