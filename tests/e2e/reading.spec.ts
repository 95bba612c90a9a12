import { expect, test } from '@playwright/test'
import { MAMUJU, expectAccessible } from './helpers'

test('a visitor finds a region and reads its draft clause by clause', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle(/Kebijakan yang sedang disusun/)
  await expect(page.getByRole('heading', { level: 1, name: 'Kebijakan yang sedang disusun' })).toBeVisible()
  for (const region of ['Kabupaten Mamuju', 'Kota Tanjungbalai', 'Kecamatan Plaju', 'Kecamatan Mulyorejo', 'Kota Sawahlunto']) {
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(region) })).toBeVisible()
  }
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Penyusunan Kebijakan Kepegawaian ASN di Mamuju' }).click()
  await expect(page).toHaveURL(MAMUJU)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
  await expect(page.getByText('Pemerintah Kabupaten Mamuju').first()).toBeVisible()
  await expect(page.getByText('Versi 2 · Diterbitkan')).toContainText('WITA')
  await expect(page.getByRole('navigation', { name: 'Tahapan kebijakan' }).locator('[aria-current="step"]')).toContainText('Konsultasi publik')

  const contents = page.getByRole('navigation', { name: 'Daftar isi' })
  await contents.getByRole('link', { name: 'Evaluasi dan Perbaikan Berkelanjutan' }).click()
  await expect(page).toHaveURL(`${MAMUJU}#evaluasi-dan-perbaikan-berkelanjutan`)
  const clause = page.getByRole('region', { name: /Evaluasi dan Perbaikan Berkelanjutan/ })
  await expect(clause).toContainText('evaluasi dilakukan secara berkala')
  await expectAccessible(page)
})

test('a time zone other than WITA is named too', async ({ page }) => {
  await page.goto('/kebijakan/kebijakan-pengelolaan-kinerja-asn-sawahlunto')
  await expect(page.getByText(/Diterbitkan .* WIB/)).toBeVisible()
  await expect(page.getByText('Leave a Reply')).toHaveCount(0)
  await expectAccessible(page)
})

test('an unknown page says so in Bahasa Indonesia', async ({ page }) => {
  const response = await page.goto('/kebijakan/tidak-ada')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible()
  await expectAccessible(page)
})

test('the read API answers JSON, and 404 with a JSON error', async ({ request }) => {
  const list = await request.get('/api/v1/policies')
  expect(list.ok()).toBe(true)
  // Other browser tests add policies to the same server, so look for the five demo ones.
  expect((await list.json()).data.map((p: { slug: string }) => p.slug)).toEqual(
    expect.arrayContaining([
      'kebijakan-kepegawaian-asn-mamuju',
      'kebijakan-kepegawaian-asn-tanjungbalai',
      'implementasi-kebijakan-kepegawaian-plaju',
      'kebijakan-pengelolaan-kepegawaian-mulyorejo',
      'kebijakan-pengelolaan-kinerja-asn-sawahlunto',
    ]),
  )
  const missing = await request.get('/api/v1/policies/tidak-ada/versions/1')
  expect(missing.status()).toBe(404)
  expect(await missing.json()).toMatchObject({ error: { status: 404 } })
})

test('a form post from another site is refused', async ({ request, baseURL }) => {
  const response = await request.post('/bahasa', {
    form: { lang: 'en', redirectTo: '/' },
    headers: { Origin: 'https://situs-lain.example' },
    maxRedirects: 0,
  })
  expect(response.status()).toBe(403)
  const same = await request.post('/bahasa', {
    form: { lang: 'en', redirectTo: '/' },
    headers: { Origin: new URL(baseURL!).origin },
    maxRedirects: 0,
  })
  expect(same.status()).toBe(302)
})
