import { expect, test } from '@playwright/test'
import { expectAccessible, signIn, uniqueSuffix } from './helpers'

// Sawahlunto's demo consultation moderates before publication: every input waits for a moderator.
const SAWAHLUNTO = '/kebijakan/kebijakan-pengelolaan-kinerja-asn-sawahlunto'

test('an anonymous visitor sees only the number and status of an input waiting for moderation', async ({ page }) => {
  const word = uniqueSuffix()
  await signIn(page, 'warga@rembuk.test')
  await page.goto(`${SAWAHLUNTO}/masukan/baru`)
  await page.getByRole('radio', { name: /Pertanyaan/ }).check()
  // The word "goblok" holds it for a moderator whatever the consultation's moderation: an earlier
  // browser test (consultations.spec) opens a newer, post-moderated consultation on this policy.
  await page.getByLabel('Alasan', { exact: true }).fill(`Bagaimana survei ${word} dilakukan di kelurahan? Jangan goblok.`)
  await page.getByLabel('Topik').selectOption('kinerja')
  // The demo consultation asks a required scale question; the newer one does not.
  const scale = page.getByRole('group', { name: /Seberapa penting kepuasan masyarakat/ })
  if (await scale.count()) await scale.getByRole('radio', { name: '4', exact: true }).check()
  await page.getByRole('radio', { name: 'Nama samaran' }).check()
  await page.getByLabel('Nama samaran yang ditampilkan').fill(`Warga ${word}`)
  await page.getByLabel('Nama kelompok').fill(`Paguyuban ${word}`)
  await page.getByLabel('Jenis kelompok').selectOption({ label: 'Lainnya' })
  await page.getByLabel(/memproses masukan dan data akun saya/).check()
  await page.getByLabel(/teks masukan saya diterbitkan/).check()
  await page.getByRole('button', { name: 'Kirim masukan' }).click()
  await expect(page.getByRole('heading', { name: 'Tanda terima masukan' })).toBeVisible()
  const number = (await page.locator('.receipt__number strong').textContent())!.trim()
  // Its submitter reads all of it.
  await expect(page.getByText(`Warga ${word}`)).toBeVisible()

  await page.getByRole('button', { name: 'Keluar' }).click()
  await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toBeVisible()
  await page.goto(`/masukan/${number}`)
  await expect(page.getByRole('heading', { level: 1, name: `Masukan ${number}` })).toBeVisible()
  await expect(page.getByText('Menunggu moderasi')).toBeVisible()
  for (const hidden of [`Warga ${word}`, `Paguyuban ${word}`, `survei ${word}`, 'Siti Rahmawati']) {
    await expect(page.getByText(hidden)).toHaveCount(0)
  }
  expect(await page.content()).not.toContain(word)
  await expectAccessible(page)
})

const PLAJU = '/kebijakan/implementasi-kebijakan-kepegawaian-plaju'
const ROLE = 'ASN, Kantor Kecamatan Plaju, Kota Palembang'

test('a verified role carries the portal badge in the list, on its page and in the matrix', async ({ page }) => {
  await page.goto(`${PLAJU}/masukan`)
  // Other browser tests may add inputs by Plaju's verified civil servant: any one of them will do.
  const verified = page.getByRole('article').filter({ hasText: ROLE }).first()
  await expect(verified.getByText('Terverifikasi ASN')).toBeVisible()
  const chosen = page.getByRole('article').filter({ hasText: 'Warga Plaju Ilir' })
  await expect(chosen.getByText('Terverifikasi ASN')).toHaveCount(0)
  await expectAccessible(page)

  await verified.getByRole('link', { name: /Lihat masukan/ }).click()
  await expect(page).toHaveURL(/\/masukan\/[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  await expect(page.getByText(ROLE)).toBeVisible()
  await expect(page.getByText('Terverifikasi ASN')).toBeVisible()
  await expectAccessible(page)

  await page.goto(`${PLAJU}/matriks`)
  await expect(page.getByRole('row').filter({ hasText: ROLE }).first().getByText('Terverifikasi ASN')).toBeVisible()
  await expectAccessible(page)
})

test('a pseudonym that imitates a verified role is refused next to the field', async ({ page }) => {
  await signIn(page, 'warga@rembuk.test')
  await page.goto(`${PLAJU}/masukan/baru`)
  await page.getByRole('radio', { name: /Dukungan/ }).check()
  await page.getByLabel('Alasan', { exact: true }).fill('Saya mendukung rancangan ini.')
  await page.getByLabel('Topik').selectOption('kinerja')
  await page.getByRole('radio', { name: 'Gabungan beberapa lembaga' }).check()
  for (const group of await page.getByRole('group').filter({ has: page.getByRole('radio', { name: '3', exact: true }) }).all()) {
    await group.getByRole('radio', { name: '3', exact: true }).check()
  }
  await page.getByRole('radio', { name: 'Nama samaran' }).check()
  await page.getByLabel('Nama samaran yang ditampilkan').fill('ASN, BKPSDM Kabupaten Mamuju')
  await page.getByLabel(/memproses masukan dan data akun saya/).check()
  await page.getByLabel(/teks masukan saya diterbitkan/).check()
  await page.getByRole('button', { name: 'Kirim masukan' }).click()
  await expect(page.getByText('Nama samaran tidak boleh menyerupai peran ASN terverifikasi', { exact: false })).toBeVisible()
  await expect(page.getByLabel('Nama samaran yang ditampilkan')).toHaveValue('ASN, BKPSDM Kabupaten Mamuju')
  await expectAccessible(page)
})
