import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, MAMUJU, expectAccessible, followVerificationLink, signIn, uniqueSuffix } from './helpers'

test('a newcomer registers, signs out and signs in again', async ({ page }) => {
  // Two browsers (the newcomer and the admin reading the outbox) and five accessibility scans.
  test.slow()
  const email = `warga-${uniqueSuffix()}@contoh.id`
  await page.goto('/')
  await page.getByRole('link', { name: 'Daftar' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Daftar akun' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Nama tampilan').fill('Rahmat Hidayat')
  await page.getByLabel('Alamat e-mail').fill(email)
  await page.getByLabel('Kata sandi').fill('pendek')
  await page.getByRole('button', { name: 'Daftar' }).click()
  await expect(page.getByText('Minimal 10 karakter.').last()).toBeVisible()
  await expect(page.getByLabel('Kata sandi')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page)

  await page.getByLabel('Kata sandi').fill('rahmat-hidayat-2026')
  await page.getByRole('button', { name: 'Daftar' }).click()
  await expect(page.getByText('Kata sandi tidak boleh memuat alamat e-mail atau nama Anda.')).toBeVisible()
  await expect(page.getByLabel('Kata sandi')).toHaveAttribute('aria-invalid', 'true')

  await page.getByLabel('Kata sandi').fill('jembatan-kayu-hujan-sore')
  await page.getByRole('button', { name: 'Daftar' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Periksa e-mail Anda' })).toBeVisible()
  await expect(page.getByRole('status')).toContainText(email)
  await expectAccessible(page)

  await followVerificationLink(page, email)
  await expect(page.getByText('Masuk sebagai Rahmat Hidayat')).toBeVisible()
  await expect(page.getByRole('status')).toHaveText('Alamat e-mail Anda sudah terverifikasi. Sekarang Anda dapat memberi dan melaporkan masukan.')
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Keluar' }).click()
  await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toBeVisible()
  await expect(page.getByText('Masuk sebagai Rahmat Hidayat')).toHaveCount(0)

  await page.getByRole('link', { name: 'Masuk', exact: true }).click()
  await page.getByLabel('Alamat e-mail').fill(email)
  await page.getByLabel('Kata sandi').fill('kata-sandi-salah')
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page.getByRole('alert')).toHaveText('E-mail atau kata sandi salah.')
  await expect(page.getByLabel('Alamat e-mail')).toHaveValue(email)
  await expect(page.getByLabel('Kata sandi')).toHaveValue('')
  await expectAccessible(page)

  await page.getByLabel('Kata sandi').fill('jembatan-kayu-hujan-sore')
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page.getByText('Masuk sebagai Rahmat Hidayat')).toBeVisible()
})

test('signing in from a policy page returns to it', async ({ page }) => {
  await page.goto(MAMUJU)
  await page.getByRole('link', { name: 'Masuk', exact: true }).click()
  await page.getByLabel('Alamat e-mail').fill('moderator.mamuju@rembuk.test')
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page).toHaveURL(MAMUJU)
  await expect(page.getByText('Masuk sebagai Moderator Kabupaten Mamuju')).toBeVisible()
})

test('the language is chosen on any page and remembered', async ({ page }) => {
  await page.goto(MAMUJU)
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page).toHaveURL(MAMUJU)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('navigation', { name: 'Contents' })).toBeVisible()
  await expect(page.getByText(/Version 2 · Published .* WITA/)).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Home' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Policies being drafted' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Kebijakan yang sedang disusun' })).toBeVisible()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('signing in, reading, switching language and signing out all work', async ({ page }) => {
    await signIn(page, 'warga@rembuk.test')
    await expect(page.getByText('Masuk sebagai Siti Rahmawati')).toBeVisible()
    await page.goto(MAMUJU)
    await expect(page.getByRole('heading', { level: 2, name: /Proses Penyusunan Kebijakan/ })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByText('Signed in as Siti Rahmawati')).toBeVisible()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible()
  })

  test('a wrong password shows the error next to the form and keeps the e-mail', async ({ page }) => {
    await page.goto('/masuk')
    await page.getByLabel('Alamat e-mail').fill('warga@rembuk.test')
    await page.getByLabel('Kata sandi').fill('bukan-sandinya')
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
    await expect(page.getByRole('alert')).toHaveText('E-mail atau kata sandi salah.')
    await expect(page.getByLabel('Alamat e-mail')).toHaveValue('warga@rembuk.test')
    await expectAccessible(page, { javaScriptDisabled: true })
  })
})

test('the account page lists signed-in devices, signs one out, and changes the password', async ({ page, browser }) => {
  test.slow()
  const other = await browser.newContext()
  const phone = await other.newPage()
  await signIn(phone, 'asn.sawahlunto@rembuk.test')
  await signIn(page, 'asn.sawahlunto@rembuk.test')
  await page.goto('/akun')
  const devices = page.getByRole('region', { name: 'Perangkat yang masuk' })
  await expect(devices.getByText('Perangkat ini')).toBeVisible()
  await expect(devices.getByRole('listitem')).toHaveCount(2)
  await expectAccessible(page)

  await page.getByLabel('Kata sandi saat ini').fill('bukan-sandinya')
  await page.getByLabel('Kata sandi baru').fill('password123')
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click()
  await expect(page.getByText('Kata sandi saat ini salah.')).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Kata sandi saat ini').fill(DEMO_PASSWORD)
  await page.getByLabel('Kata sandi baru').fill('password123')
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click()
  await expect(page.getByText(/terlalu mudah ditebak/)).toBeVisible()

  await page.getByLabel('Kata sandi saat ini').fill(DEMO_PASSWORD)
  await page.getByLabel('Kata sandi baru').fill('jembatan-kayu-hujan-sore')
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click()
  await expect(page.getByRole('status')).toHaveText('Kata sandi sudah diganti. Semua perangkat lain sudah dikeluarkan.')
  await expect(devices.getByRole('listitem')).toHaveCount(1)
  await phone.goto('/akun')
  await expect(phone.getByRole('heading', { level: 1, name: 'Masuk' })).toBeVisible()
  await other.close()
})

test('a post whose Origin differs only in scheme is refused (/bahasa, following a policy)', async ({ page, baseURL }) => {
  await signIn(page, 'warga@rembuk.test')
  const own = new URL(baseURL!)
  const httpsTwin = `https://${own.host}`
  const forms: [string, Record<string, string>][] = [
    ['/bahasa', { lang: 'en', redirectTo: '/' }],
    [`${MAMUJU}/ikuti`, { intent: 'follow', redirectTo: '/' }],
  ]
  for (const [path, form] of forms) {
    const refused = await page.request.post(path, {
      headers: { Origin: httpsTwin },
      form,
      maxRedirects: 0,
    })
    expect(refused.status(), path).toBe(403)
    const allowed = await page.request.post(path, {
      headers: { Origin: own.origin },
      form,
      maxRedirects: 0,
    })
    expect(allowed.status(), path).not.toBe(403)
  }
})
