import { type Page, expect, test } from '@playwright/test'
import { expectAccessible, signIn, uniqueSuffix } from './helpers'

const DRAFT = [
  'Rancangan Peraturan Bupati Mamuju tentang Pengembangan Kompetensi ASN',
  'Pasal 1',
  'Setiap ASN berhak atas pengembangan kompetensi paling sedikit 20 jam pelajaran dalam satu tahun.',
  '',
  'Pasal 2',
  'Pengembangan kompetensi dilaksanakan melalui pelatihan klasikal dan nonklasikal.',
  '',
  'Pasal 3',
  'Biaya pengembangan kompetensi dibebankan pada anggaran daerah.',
  '',
  'Pasal 4',
  'Peraturan ini berlaku sejak diundangkan.',
].join('\n')

/** The headings of the draft's sections, in order, as the editor's contents list shows them. */
async function contents(page: Page) {
  return page.getByRole('navigation', { name: 'Isi draf' }).getByRole('listitem').filter({ hasText: /^Pasal|^Ketentuan/ }).allTextContents()
}

test('the policy team creates a policy, writes its draft, publishes it and moves its stage', async ({ page }) => {
  const title = `Pengembangan Kompetensi ASN Mamuju ${uniqueSuffix()}`
  await signIn(page, 'moderator.mamuju@rembuk.test')
  await page.getByRole('link', { name: 'Kelola' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ruang kerja tim kebijakan' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Pemerintah Kabupaten Mamuju' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Buat kebijakan baru' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Buat kebijakan baru' })).toBeVisible()
  await expect(page.getByLabel('Instansi')).toHaveValue(/\d+/)
  await expectAccessible(page)
  await page.getByLabel('Judul kebijakan').fill('ASN')
  await page.getByLabel('Ringkasan').fill('Hak setiap ASN atas pelatihan minimal 20 jam pelajaran per tahun.')
  await page.getByRole('button', { name: 'Buat kebijakan' }).click()
  await expect(page.getByText('Minimal 5 karakter.')).toBeVisible()
  await expect(page.getByLabel('Ringkasan')).toHaveValue('Hak setiap ASN atas pelatihan minimal 20 jam pelajaran per tahun.')
  await expectAccessible(page)
  await page.getByLabel('Judul kebijakan').fill(title)
  await page.getByLabel('Topik (tidak wajib)').fill('pelatihan')
  await page.getByRole('button', { name: 'Buat kebijakan' }).click()

  await expect(page.getByRole('heading', { level: 1, name: `Draf versi 1: ${title}` })).toBeVisible()
  await expect(page.getByRole('status')).toContainText('Kebijakan dibuat.')
  await expectAccessible(page)

  await page.getByLabel('Tempel teks').fill(DRAFT)
  await page.getByRole('button', { name: 'Impor teks' }).click()
  await expect(page.getByText('Isi draf diganti dengan 4 bagian hasil impor.')).toBeVisible()
  await expect(page.getByText(/Baris pertama "Rancangan Peraturan Bupati Mamuju .*" dianggap judul dokumen/)).toBeVisible()
  expect(await contents(page)).toEqual(['Pasal 1', 'Pasal 2', 'Pasal 3', 'Pasal 4'])
  await expect(page.getByLabel('Tempel teks')).toHaveValue('')
  await expectAccessible(page)

  const pasal2 = page.getByRole('region', { name: /^2\. Pasal 2$/ })
  await pasal2.getByLabel('Judul bagian').fill('Pasal 2 Bentuk Pengembangan Kompetensi')
  await pasal2.getByLabel('Isi bagian').fill('Pengembangan kompetensi dilaksanakan melalui pelatihan klasikal, nonklasikal, dan magang.')
  await pasal2.getByRole('button', { name: /^Simpan bagian/ }).click()
  const renamed = page.getByRole('region', { name: /Pasal 2 Bentuk Pengembangan Kompetensi/ })
  await expect(renamed.getByRole('status')).toHaveText('Perubahan bagian disimpan.')

  await page.getByRole('region', { name: /^3\. Pasal 3$/ }).getByRole('button', { name: /^Naik/ }).click()
  await expect(page.getByRole('region', { name: /^2\. Pasal 3$/ }).getByRole('status')).toHaveText('Bagian dipindahkan.')
  expect(await contents(page)).toEqual(['Pasal 1', 'Pasal 3', 'Pasal 2 Bentuk Pengembangan Kompetensi', 'Pasal 4'])
  await expectAccessible(page)

  await page.getByRole('region', { name: /^4\. Pasal 4$/ }).getByRole('link', { name: /^Hapus/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Hapus bagian ini?' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Ya, hapus bagian' }).click()
  await expect(page.getByRole('status')).toHaveText('Bagian dihapus.')
  expect(await contents(page)).toEqual(['Pasal 1', 'Pasal 3', 'Pasal 2 Bentuk Pengembangan Kompetensi'])

  await page.getByRole('link', { name: 'Pratinjau draf' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByText(/Pratinjau draf versi 1/)).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Kembali menyunting' }).click()

  const publish = page.getByRole('region', { name: 'Terbitkan versi 1' })
  await publish.getByLabel('Catatan versi (tidak wajib)').fill('Versi pertama untuk konsultasi publik.')
  await publish.getByRole('button', { name: 'Terbitkan versi 1' }).click()
  await expect(publish.getByText('Centang kotak ini untuk menyatakan Anda siap menerbitkan.')).toBeVisible()
  await expect(publish.getByLabel('Catatan versi (tidak wajib)')).toHaveValue('Versi pertama untuk konsultasi publik.')
  await publish.getByLabel('Saya mengerti bahwa versi yang sudah terbit tidak dapat diubah lagi.').check()
  await publish.getByRole('button', { name: 'Terbitkan versi 1' }).click()

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByRole('status')).toContainText('Versi 1 terbit dan kini dapat dibaca semua orang.')
  await expect(page.getByRole('region', { name: 'Konsultasi' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Pindahkan ke tahap').selectOption({ label: 'Konsultasi publik' })
  await page.getByLabel('Catatan (tidak wajib)').fill('Konsultasi dibuka selama 30 hari.')
  await page.getByRole('button', { name: 'Pindahkan tahap' }).click()
  await expect(page.getByRole('status')).toHaveText('Tahap kebijakan dipindahkan dan dicatat di linimasa.')
  const history = page.getByRole('region', { name: 'Riwayat' })
  await expect(history.getByText('Tahap berpindah dari Penyusunan ke Konsultasi publik')).toBeVisible()
  await expect(history.getByText('Konsultasi dibuka selama 30 hari.')).toBeVisible()
  await expect(history.getByText(/WITA/).first()).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Halaman publik kebijakan' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByText(/Versi 1 · Diterbitkan .* WITA/)).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Tahapan kebijakan' }).locator('[aria-current="step"]')).toContainText(
    'Konsultasi publik',
  )
  await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: /^Pasal/ })).toHaveText([
    /^Pasal 1/,
    /^Pasal 3/,
    /^Pasal 2 Bentuk Pengembangan Kompetensi/,
  ])
  await expect(page.getByText('nonklasikal, dan magang.')).toBeVisible()
  await expectAccessible(page)
})

test('people outside the policy team do not see the workspace', async ({ page }) => {
  await signIn(page, 'asn.mamuju@rembuk.test')
  await expect(page.getByRole('link', { name: 'Kelola' })).toHaveCount(0)
  const response = await page.goto('/kelola')
  expect(response?.status()).toBe(403)
  await expect(page.getByText('Anda tidak berhak membuka halaman ini.')).toBeVisible()
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a policy is created, published, and its next version written, reordered, trimmed and published', async ({ page }) => {
    // A policy of its own, so the demo policies other tests read stay as seeded.
    const title = `Penilaian Kinerja ASN Mamuju ${uniqueSuffix()}`
    await signIn(page, 'moderator.mamuju@rembuk.test')
    await page.getByRole('link', { name: 'Kelola' }).click()
    await expectAccessible(page, { javaScriptDisabled: true })
    await page.getByRole('link', { name: 'Buat kebijakan baru' }).click()
    await page.getByLabel('Judul kebijakan').fill(title)
    await page.getByLabel('Ringkasan').fill('Tata cara penilaian kinerja ASN setiap semester.')
    await page.getByLabel('Analisis kebutuhan').check()
    await page.getByRole('button', { name: 'Buat kebijakan' }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Draf versi 1: ${title}` })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByLabel('Tempel teks').fill('Pendahuluan\nPenilaian kinerja dilakukan setiap semester.\n\nPasal 1\nPenilaian memakai SKP.')
    await page.getByRole('button', { name: 'Impor teks' }).click()
    await expect(page.getByText('Isi draf diganti dengan 2 bagian hasil impor.')).toBeVisible()
    await page.getByLabel('Saya mengerti bahwa versi yang sudah terbit tidak dapat diubah lagi.').check()
    await page.getByRole('button', { name: 'Terbitkan versi 1' }).click()
    await expect(page.getByRole('status')).toContainText('Versi 1 terbit')
    await expect(page.getByRole('region', { name: 'Riwayat' }).getByText('Kebijakan dibuat pada tahap Analisis kebutuhan')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByRole('button', { name: 'Mulai versi berikutnya' }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Draf versi 2: ${title}` })).toBeVisible()
    await expect(page.getByRole('status')).toHaveText('Draf versi baru dimulai dari salinan versi yang berlaku.')
    await expect(page.getByRole('region', { name: /^1\. Pendahuluan$/ })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    const add = page.getByRole('region', { name: 'Tambah bagian' })
    await add.getByLabel('Isi bagian').fill('Kebijakan ini ditinjau setiap enam bulan.')
    await add.getByRole('button', { name: 'Tambah bagian' }).click()
    await expect(page.getByRole('region', { name: /Bagian tanpa judul/ }).getByRole('status')).toHaveText('Bagian ditambahkan.')

    await page.getByRole('region', { name: 'Tambah bagian' }).getByLabel('Isi bagian').fill('Teks tanpa judul kedua.')
    await page.getByRole('region', { name: 'Tambah bagian' }).getByLabel('Judul bagian').fill('x'.repeat(201))
    await page.getByRole('region', { name: 'Tambah bagian' }).getByRole('button', { name: 'Tambah bagian' }).click()
    await expect(page.getByText('Maksimal 200 karakter.')).toBeVisible()
    await expect(page.getByRole('region', { name: 'Tambah bagian' }).getByLabel('Isi bagian')).toHaveValue('Teks tanpa judul kedua.')
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByRole('region', { name: /Bagian tanpa judul/ }).getByRole('button', { name: /^Naik/ }).click()
    await expect(page.getByRole('region', { name: /Bagian tanpa judul/ }).getByRole('status')).toHaveText('Bagian dipindahkan.')
    const toc = page.getByRole('navigation', { name: 'Isi draf' }).getByRole('listitem')
    await expect(toc.nth(0)).toHaveText('Pendahuluan')
    await expect(toc.nth(1)).toHaveText('Bagian tanpa judul')
    await expect(toc.nth(2)).toHaveText('Pasal 1')

    await page.getByRole('region', { name: /Pendahuluan/ }).getByRole('link', { name: /^Hapus/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Hapus bagian ini?' })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
    await page.getByRole('link', { name: 'Batal' }).click()
    await expect(page.getByRole('region', { name: /Pendahuluan/ })).toBeVisible()
    await page.getByRole('region', { name: /Pendahuluan/ }).getByRole('link', { name: /^Hapus/ }).click()
    await page.getByRole('button', { name: 'Ya, hapus bagian' }).click()
    await expect(page.getByRole('status')).toHaveText('Bagian dihapus.')
    await expect(page.getByRole('region', { name: /Pendahuluan/ })).toHaveCount(0)

    const publish = page.getByRole('region', { name: 'Terbitkan versi 2' })
    await publish.getByLabel('Catatan versi (tidak wajib)').fill('Pendahuluan dihapus; ketentuan peninjauan ditambahkan.')
    await publish.getByRole('button', { name: 'Terbitkan versi 2' }).click()
    await expect(page.getByText('Centang kotak ini untuk menyatakan Anda siap menerbitkan.')).toBeVisible()
    await expect(page.getByLabel('Catatan versi (tidak wajib)')).toHaveValue('Pendahuluan dihapus; ketentuan peninjauan ditambahkan.')
    await expectAccessible(page, { javaScriptDisabled: true })
    await page.getByLabel('Saya mengerti bahwa versi yang sudah terbit tidak dapat diubah lagi.').check()
    await page.getByRole('region', { name: 'Terbitkan versi 2' }).getByRole('button', { name: 'Terbitkan versi 2' }).click()
    await expect(page.getByRole('status')).toContainText('Versi 2 terbit')

    await page.getByLabel('Pindahkan ke tahap').selectOption({ label: 'Konsultasi publik' })
    await page.getByLabel('Catatan (tidak wajib)').fill('Dibuka untuk masukan masyarakat.')
    await page.getByRole('button', { name: 'Pindahkan tahap' }).click()
    await expect(page.getByRole('region', { name: 'Riwayat' }).getByText('Tahap berpindah dari Analisis kebutuhan ke Konsultasi publik')).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByRole('link', { name: 'Halaman publik kebijakan' }).click()
    await expect(page.getByText(/^Versi 2 · Diterbitkan/)).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: /Pendahuluan/ })).toHaveCount(0)
    await expect(page.getByText('Kebijakan ini ditinjau setiap enam bulan.')).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Tahapan kebijakan' }).locator('[aria-current="step"]')).toContainText(
      'Konsultasi publik',
    )
    await expectAccessible(page, { javaScriptDisabled: true })
  })
})
