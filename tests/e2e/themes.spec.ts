import { type Browser, type Page, expect, test } from '@playwright/test'
import { expectAccessible, signIn, uniqueSuffix } from './helpers'

// Plaju's consultation is public and published at once (post-moderation); these tests only add
// inputs and themes to it, so other specs that use it are not disturbed.
const PLAJU = '/kebijakan/implementasi-kebijakan-kepegawaian-plaju'
const PLAJU_TEAM = '/kelola/kebijakan/implementasi-kebijakan-kepegawaian-plaju'
const PLAJU_CONSULTATION = 'Masukan tentang seleksi terbuka dengan penilaian independen di Plaju'

const CAMPAIGN =
  'Kami meminta agar penilai independen seleksi terbuka di Kecamatan Plaju berasal dari perguruan tinggi negeri di Palembang, ' +
  'dipilih melalui undian terbuka yang disaksikan warga, dan hasil penilaiannya diumumkan di papan pengumuman kelurahan ' +
  'paling lambat tiga hari setelah setiap tahap seleksi selesai.'

async function fillInput(page: Page, reason: string) {
  await page.getByRole('radio', { name: /Keberatan/ }).check()
  await page.getByLabel('Alasan', { exact: true }).fill(reason)
  await page.getByLabel('Topik').selectOption('rekrutmen')
  await page.getByRole('group', { name: /penilai independen dalam seleksi terbuka/ }).getByRole('radio', { name: 'Perguruan tinggi' }).check()
  await page.getByRole('group', { name: /Seberapa percaya Anda/ }).getByRole('radio', { name: '2', exact: true }).check()
  await page.getByLabel(/memproses masukan dan data akun saya/).check()
  await page.getByLabel(/teks masukan saya diterbitkan/).check()
}

/** A person signs in, gives input on Plaju's draft through the form, and gets the receipt's number. */
async function giveInput(browser: Browser, email: string, reason: string, options: { javaScriptEnabled?: boolean; scan?: boolean } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true })
  const page = await context.newPage()
  await signIn(page, email)
  await page.goto(`${PLAJU}/masukan/baru`)
  await fillInput(page, reason)
  if (options.scan) await expectAccessible(page, { javaScriptDisabled: options.javaScriptEnabled === false })
  await page.getByRole('button', { name: 'Kirim masukan' }).click()
  await expect(page.getByRole('heading', { name: 'Tanda terima masukan' })).toBeVisible()
  const number = (await page.locator('.receipt__number strong').textContent())!.trim()
  await context.close()
  return number
}

async function openThemes(page: Page, options: { javaScriptDisabled?: boolean } = {}) {
  await page.goto(PLAJU_TEAM)
  await page.getByRole('link', { name: PLAJU_CONSULTATION, exact: true }).click()
  await expectAccessible(page, options)
  await page.getByRole('link', { name: 'Tema dan masukan serupa', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tema masukan' })).toBeVisible()
  await expectAccessible(page, options)
}

test('a campaign is grouped; a moderator makes a theme from a suggestion, cites an input and takes a wrongly grouped one out', async ({
  page,
  browser,
}) => {
  const first = await giveInput(browser, 'warga@rembuk.test', CAMPAIGN, { scan: true })
  const edited = await giveInput(browser, 'asn.plaju@rembuk.test', CAMPAIGN.replace('tiga hari', 'lima hari'))
  const extended = await giveInput(
    browser,
    'asn.mamuju@rembuk.test',
    `${CAMPAIGN} Namun saya sendiri lebih setuju penilai dari lembaga asesmen profesional.`,
  )

  await signIn(page, 'moderator.plaju@rembuk.test')
  await openThemes(page)

  // The campaign is one suggestion that covers all three inputs.
  const suggestion = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /Buat tema dari saran ini/ }) }).filter({ hasText: first })
  await expect(suggestion).toHaveCount(1)
  await suggestion.getByText('Lihat masukan yang dicakup').click()
  for (const number of [first, edited, extended]) await expect(suggestion.getByRole('link', { name: number })).toBeVisible()
  const label = (await suggestion.getByRole('heading', { level: 3 }).textContent())!.trim()
  await suggestion.getByRole('button', { name: /Buat tema dari saran ini/ }).click()

  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible()
  // The suggestion may also cover earlier inputs on the same subject; the campaign is in it.
  await expect(page.getByRole('status')).toContainText(/Tema dibuat dengan \d+ masukan dari saran/)
  await expectAccessible(page)
  // The group shows once in the theme, as its first input, with the two that move with it.
  await expect(page.getByText('mewakili 3 masukan serupa, semuanya ikut dipindah')).toBeVisible()

  const title = 'Penilai independen dari perguruan tinggi, dipilih dengan undian'
  await page.getByLabel('Judul tema').fill(title)
  await page.getByLabel('Ringkasan', { exact: true }).fill('Tiga peserta meminta penilai independen dari perguruan tinggi negeri, dipilih dengan undian terbuka.')
  await page.getByRole('button', { name: 'Simpan tema' }).click()
  await expect(page.getByText('Ringkasan wajib mengutip paling sedikit satu masukan.')).toBeVisible()
  await expect(page.getByLabel('Ringkasan', { exact: true })).toHaveValue(/Tiga peserta meminta/)
  await expectAccessible(page)
  await page.getByRole('group', { name: 'Masukan yang dikutip' }).getByRole('checkbox', { name: new RegExp(first) }).check()
  await page.getByRole('button', { name: 'Simpan tema' }).click()
  await expect(page.getByRole('status')).toHaveText('Tema disimpan.')
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expectAccessible(page)

  // The list shows the summary with its citation, and the citation leads to the input.
  await page.getByRole('link', { name: 'Tema masukan', exact: true }).click()
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) })
  await expect(card).toContainText(/\d+ masukan/)
  await expect(card).toContainText('Tiga peserta meminta penilai independen')
  await expectAccessible(page)
  await card.getByRole('link', { name: first, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Masukan ${first}` })).toBeVisible()
  await expect(page.getByRole('definition').filter({ hasText: title })).toBeVisible()
  await expect(page.getByText('Bagian dari kelompok 3 masukan serupa')).toBeVisible()
  await expectAccessible(page)

  // The third input argues for something else in the end: the moderator takes it out of the group.
  await page.goBack()
  await page.getByRole('link', { name: 'Masukan serupa dan kampanye', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Masukan serupa dan kampanye' })).toBeVisible()
  await expectAccessible(page)
  const group = page.getByRole('region').filter({ has: page.getByRole('link', { name: extended, exact: true }) })
  await expect(group.getByRole('heading', { level: 2 })).toHaveText('Kelompok 3 masukan serupa')
  await group.getByRole('button', { name: `Keluarkan dari kelompok (${extended})` }).click()
  await expect(page.getByRole('status')).toHaveText(`Masukan ${extended} dikeluarkan dari kelompoknya.`)
  const remaining = page.getByRole('region').filter({ has: page.getByRole('link', { name: first, exact: true }) })
  await expect(remaining.getByRole('heading', { level: 2 })).toHaveText('Kelompok 2 masukan serupa')
  await expect(page.getByRole('link', { name: extended, exact: true })).toHaveCount(0)
  await expectAccessible(page)

  await page.goto(`/masukan/${extended}`)
  await expect(page.getByText(/Bagian dari kelompok/)).toHaveCount(0)
  await expect(page.getByRole('definition').filter({ hasText: title })).toBeVisible()
  await page.goto(`/masukan/${edited}`)
  await expect(page.getByText('Bagian dari kelompok 2 masukan serupa')).toBeVisible()
  await expectAccessible(page)
})

test('people outside the team cannot open the theme pages', async ({ page }) => {
  await signIn(page, 'moderator.plaju@rembuk.test')
  await openThemes(page)
  const url = page.url()
  await page.getByRole('button', { name: 'Keluar' }).click()
  await signIn(page, 'warga@rembuk.test')
  const response = await page.goto(url)
  expect(response?.status()).toBe(403)
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a moderator creates a theme, adds an input found by a search, and cites it', async ({ page, browser }) => {
    const token = `uji${uniqueSuffix()}`
    const number = await giveInput(
      browser,
      'warga@rembuk.test',
      `Hasil seleksi terbuka perlu diumumkan lewat radio komunitas Plaju (${token}) agar warga tanpa internet ikut tahu.`,
      { javaScriptEnabled: false, scan: true },
    )
    await signIn(page, 'moderator.plaju@rembuk.test')
    await openThemes(page, { javaScriptDisabled: true })

    await page.getByRole('button', { name: 'Buat tema', exact: true }).click()
    await expect(page.getByText('Wajib diisi.')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
    await page.getByLabel('Judul tema').fill('Pengumuman lewat radio komunitas')
    await page.getByRole('button', { name: 'Buat tema', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Pengumuman lewat radio komunitas' })).toBeVisible()
    await expect(page.getByText('Belum ada masukan dalam tema ini.')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByLabel('Cari kata atau nomor registrasi').fill(token)
    await page.getByRole('button', { name: 'Terapkan saringan' }).click()
    const free = page.getByRole('group', { name: 'Pilih masukan yang akan dimasukkan' })
    await expect(free.getByRole('checkbox')).toHaveCount(1)
    await expectAccessible(page, { javaScriptDisabled: true })
    await page.getByRole('button', { name: 'Masukkan ke tema' }).click()
    await expect(page.getByText('Pilih paling sedikit satu masukan.')).toBeVisible()
    await free.getByRole('checkbox', { name: new RegExp(number) }).check()
    await page.getByRole('button', { name: 'Masukkan ke tema' }).click()
    await expect(page.getByRole('status')).toHaveText('1 masukan dimasukkan ke tema.')
    await expect(page.getByLabel('Cari kata atau nomor registrasi')).toHaveValue(token)
    await expect(page.getByText('Tidak ada masukan tanpa tema yang cocok dengan saringan ini.')).toBeVisible()

    await page.getByLabel('Ringkasan', { exact: true }).fill('Seorang warga meminta hasil seleksi diumumkan juga lewat radio komunitas.')
    await page.getByRole('group', { name: 'Masukan yang dikutip' }).getByRole('checkbox', { name: new RegExp(number) }).check()
    await page.getByRole('button', { name: 'Simpan tema' }).click()
    await expect(page.getByRole('status')).toHaveText('Tema disimpan.')
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByRole('link', { name: 'Tema masukan', exact: true }).click()
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Pengumuman lewat radio komunitas' }) })
    await card.getByRole('link', { name: number, exact: true }).click()
    await expect(page.getByRole('definition').filter({ hasText: 'Pengumuman lewat radio komunitas' })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
  })
})
