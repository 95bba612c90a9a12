import { type Page, expect, test } from '@playwright/test'
import { expectAccessible, signIn } from './helpers'

// Sawahlunto's demo consultation moderates before publication. Each test records the letters it
// moderates, with a word of its own, and finds them by searching: other tests share the database.
const SAWAHLUNTO = 'kebijakan-pengelolaan-kinerja-asn-sawahlunto'
const CONSULTATION = 'Indikator kinerja ASN Kota Sawahlunto, termasuk kepuasan masyarakat'
const PLAJU = '/kebijakan/implementasi-kebijakan-kepegawaian-plaju'

type A11y = { javaScriptDisabled?: boolean }

async function openConsultation(page: Page, a11y: A11y = {}) {
  await page.goto(`/kelola/kebijakan/${SAWAHLUNTO}`)
  await page.getByRole('link', { name: CONSULTATION }).click()
  await expect(page.getByRole('heading', { level: 1, name: CONSULTATION })).toBeVisible()
  await expectAccessible(page, a11y)
  return page.url()
}

async function recordLetters(page: Page, consultationUrl: string, word: string, count: number, a11y: A11y = {}) {
  await page.goto(`${consultationUrl}/masukan-luring`)
  const numbers: string[] = []
  for (let i = 1; i <= count; i++) {
    await page.getByRole('radio', { name: 'Surat' }).check()
    await page.getByLabel('Nama pengirim').fill(`Warga ${word} ${i}`)
    await page.getByRole('radio', { name: /Pertanyaan/ }).check()
    await page.getByLabel('Alasan', { exact: true }).fill(`Surat ${i} dari ${word}: bagaimana kepuasan warga ${word} diukur setiap enam bulan?`)
    await page.getByLabel('Topik').selectOption('kinerja')
    await page.getByLabel(/Persetujuan pengirim/).check()
    await page.getByLabel('Pengirim bersedia namanya ditampilkan').check()
    if (i === 1) await expectAccessible(page, a11y)
    await page.getByRole('button', { name: 'Simpan masukan' }).click()
    const saved = page.getByRole('status').filter({ hasText: 'Masukan tersimpan dengan nomor registrasi' })
    // Each save answers with a new number; wait for it before typing the next letter.
    for (const earlier of numbers) await expect(saved).not.toContainText(earlier)
    await expect(saved).toBeVisible()
    numbers.push(((await saved.textContent()) ?? '').match(/[2-9A-Z]{4}-[2-9A-Z]{4}/)![0])
  }
  return numbers
}

async function filterQueue(page: Page, word: string) {
  await page.getByText('Saring menurut bagian, jenis, topik, saluran, dan lainnya').click()
  await page.getByLabel('Saluran').selectOption({ label: 'Surat' })
  await page.getByLabel('Cari masukan').fill(word)
  await page.getByRole('button', { name: 'Cari', exact: true }).click()
}

test('a moderator filters the queue, publishes by keyboard in bulk, hides one with a reason; visitors see the reason', async ({ page }) => {
  const word = 'Silungkang'
  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  const consultationUrl = await openConsultation(page)
  const numbers = await recordLetters(page, consultationUrl, word, 3)

  await page.goto(consultationUrl)
  await page.getByRole('link', { name: /Antrean moderasi \(\d+ menunggu\)/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Moderasi masukan' })).toBeVisible()
  await expect(page.getByRole('link', { name: /Menunggu/ })).toHaveAttribute('aria-current', 'page')
  await expectAccessible(page)

  await filterQueue(page, word)
  await expect(page).toHaveURL(/saluran=letter/)
  const rows = page.getByRole('listitem').filter({ has: page.getByRole('checkbox') })
  await expect(rows).toHaveCount(3)
  await expect(page.getByText('3 masukan di halaman ini, terbaru lebih dulu.')).toBeVisible()
  await expectAccessible(page)

  // Select all three with the keyboard: Space ticks, Tab moves past the row's link to the next box.
  const boxes = page.getByRole('checkbox', { name: new RegExp(`^Pilih .*${word}`) })
  await boxes.first().focus()
  for (let i = 0; i < 3; i++) {
    await expect(boxes.nth(i)).toBeFocused()
    await page.keyboard.press('Space')
    await expect(boxes.nth(i)).toBeChecked()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
  }
  await expect(page.getByText('3 dipilih')).toBeVisible()
  await page.getByLabel('Tindakan', { exact: true }).focus()
  await page.getByLabel('Tindakan', { exact: true }).selectOption({ label: 'Terbitkan' })
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Jalankan' })).toBeFocused()
  await page.keyboard.press('Enter')

  await expect(page.getByRole('status')).toHaveText('3 masukan diterbitkan.')
  await expect(page.getByRole('status')).toBeFocused()
  await expect(page.getByLabel('Cari masukan')).toHaveValue(word)
  await expect(page.getByText('Tidak ada masukan untuk pilihan ini.')).toBeVisible()
  await expectAccessible(page)

  // The same filters on the "Terbit" tab; hiding needs a reason.
  await page.getByRole('link', { name: /^Terbit/ }).click()
  await expect(rows).toHaveCount(3)
  const first = boxes.first()
  const label = (await page.locator(`label[for="${await first.getAttribute('id')}"]`).textContent()) ?? ''
  const number = label.match(/[2-9A-Z]{4}-[2-9A-Z]{4}/)![0]
  expect(numbers).toContain(number)
  await first.check()
  await page.getByLabel('Tindakan', { exact: true }).selectOption({ label: 'Sembunyikan' })
  await page.getByRole('button', { name: 'Jalankan' }).click()
  await expect(page.getByText('Pilih alasan untuk menyembunyikan masukan.')).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Alasan disembunyikan').selectOption({ label: 'di luar topik' })
  await page.getByRole('button', { name: 'Jalankan' }).click()
  await expect(page.getByRole('status')).toHaveText('1 masukan disembunyikan (di luar topik).')
  await expect(rows).toHaveCount(2)
  await page.getByRole('link', { name: /^Disembunyikan/ }).click()
  await expect(page.getByText('Disembunyikan: di luar topik')).toBeVisible()
  await expectAccessible(page)

  // A signed-out visitor sees the reason in place of the text, on the input's page and in the list.
  await page.getByRole('button', { name: 'Keluar' }).click()
  await page.goto(`/masukan/${number}`)
  await expect(page.getByText('Disembunyikan: di luar topik')).toBeVisible()
  await expect(page.getByText(`dari ${word}`)).toHaveCount(0)
  await expect(page.getByText(`Warga ${word}`)).toHaveCount(0)
  await expectAccessible(page)
  await page.goto(`/kebijakan/${SAWAHLUNTO}/masukan?jenis=question`)
  const placeholder = page.getByRole('article').filter({ has: page.getByRole('link', { name: `Lihat masukan ${number}` }) })
  await expect(placeholder.getByRole('heading', { name: 'Disembunyikan: di luar topik' })).toBeVisible()
  await expect(page.getByText(`Surat 2 dari ${word}`).or(page.getByText(`Surat 3 dari ${word}`)).first()).toBeVisible()
  await expectAccessible(page)
})

test('an organisation admin reads the audit log from the workspace and filters it', async ({ page }) => {
  await signIn(page, 'admin.sawahlunto@rembuk.test')
  const consultationUrl = await openConsultation(page)
  await page.goto(consultationUrl)
  const threshold = page.getByLabel('Jumlah laporan sebelum masukan ditahan')
  const before = await threshold.inputValue()
  await threshold.fill('0')
  await page.getByRole('button', { name: 'Simpan batas laporan' }).click()
  await expect(page.getByText('Isi bilangan bulat dari 1 sampai 100.')).toBeVisible()
  const next = before === '4' ? '5' : '4'
  await threshold.fill(next)
  await page.getByRole('button', { name: 'Simpan batas laporan' }).click()
  await expect(page.getByRole('status')).toHaveText(`Batas laporan disimpan: ${next} pembaca.`)

  await page.goto('/kelola')
  await page.getByRole('link', { name: /^Log audit\W+Pemerintah Kota Sawahlunto$/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Log audit/ })).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: 'Mengubah batas laporan pembaca' }).first()
  await expect(row).toContainText('Admin Kota Sawahlunto')
  await expect(row).toContainText(`dari ${before} menjadi ${next} laporan`)
  await expect(row).toContainText(/WIB/)
  await expectAccessible(page)

  await page.getByLabel('Tindakan').selectOption({ label: 'Mengubah batas laporan pembaca' })
  await page.getByRole('button', { name: 'Terapkan' }).click()
  await expect(page).toHaveURL(/tindakan=consultation.flagThreshold/)
  const body = page.getByRole('row').filter({ has: page.getByRole('cell') })
  await expect(body.first()).toContainText('Mengubah batas laporan pembaca')
  expect(await body.filter({ hasNotText: 'Mengubah batas laporan pembaca' }).count()).toBe(0)
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a citizen reports an input once, and not their own', async ({ page }) => {
    await signIn(page, 'warga@rembuk.test')
    // Plaju's demo support input is by its civil servant; the citizen's own inputs there have no report form.
    await page.goto(`${PLAJU}/masukan?jenis=support`)
    const card = page.getByRole('article').filter({ hasText: 'Aplikasi pengajuan izin usaha' })
    await card.getByText(/^Laporkan masukan ini/).click()
    await card.getByRole('radio', { name: 'spam atau iklan' }).check()
    await expectAccessible(page, { javaScriptDisabled: true })
    await card.getByRole('button', { name: /Kirim laporan/ }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Terima kasih. Laporan Anda tentang masukan' })).toBeVisible()
    await expect(page).toHaveURL(/jenis=support/)
    await expect(card.getByText('Anda sudah melaporkan masukan ini.')).toBeVisible()
    await expect(card.getByText(/^Laporkan masukan ini/)).toHaveCount(0)
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.goto(`${PLAJU}/masukan?jenis=delete`)
    const own = page.getByRole('article').filter({ hasText: 'Warga Plaju Ilir' })
    await expect(own).toBeVisible()
    await expect(own.getByText(/^Laporkan masukan ini/)).toHaveCount(0)
  })

  test('a moderator selects a whole page, is told what is missing, and marks a service complaint', async ({ page }) => {
    const word = 'Talawi'
    await signIn(page, 'moderator.sawahlunto@rembuk.test')
    const consultationUrl = await openConsultation(page, { javaScriptDisabled: true })
    const [number] = await recordLetters(page, consultationUrl, word, 1, { javaScriptDisabled: true })
    await page.goto(`${consultationUrl}/moderasi`)
    await filterQueue(page, word)
    await page.getByRole('link', { name: 'Pilih semua di halaman ini' }).click()
    const box = page.getByRole('checkbox', { name: new RegExp(`^Pilih ${number}`) })
    await expect(box).toBeChecked()
    await page.getByRole('button', { name: 'Jalankan' }).click()
    // The server names what is missing and keeps the selection.
    await expect(page.getByText('Pilih tindakan dari daftar.')).toBeVisible()
    await expect(box).toBeChecked()
    await expect(page.getByLabel('Cari masukan')).toHaveValue(word)
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByLabel('Tindakan', { exact: true }).selectOption({ label: 'Tandai sebagai pengaduan layanan (arahkan ke SP4N-LAPOR!)' })
    await page.getByRole('button', { name: 'Jalankan' }).click()
    await expect(page.getByRole('status')).toHaveText('1 masukan ditandai sebagai pengaduan layanan.')
    await expect(page.getByRole('listitem').getByText('Pengaduan layanan', { exact: true })).toBeVisible()
    await box.check()
    await page.getByLabel('Tindakan', { exact: true }).selectOption({ label: 'Terbitkan' })
    await page.getByRole('button', { name: 'Jalankan' }).click()
    await expect(page.getByRole('status')).toHaveText('1 masukan diterbitkan.')
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByRole('button', { name: 'Keluar' }).click()
    await page.goto(`/masukan/${number}`)
    await expect(page.getByRole('heading', { name: 'Pengaduan layanan publik' })).toBeVisible()
    await expect(page.getByRole('link', { name: /SP4N-LAPOR!/ })).toHaveAttribute('href', 'https://www.lapor.go.id')
    await expectAccessible(page, { javaScriptDisabled: true })
  })
})
