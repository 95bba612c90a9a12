import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Page, expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { expectAccessible, signIn } from './helpers'
import { TEST_NOW } from '../clock'

/**
 * Answering inputs and the public response matrix, on Tanjungbalai's consultation (other browser
 * tests read Mamuju, Mulyorejo and Sawahlunto). Grouping inputs into themes belongs to another
 * feature, so the theme is written straight into the database the e2e server uses, as that
 * feature would leave it: the ASN's proposal and the forum's input in one theme.
 */
const SLUG = 'kebijakan-kepegawaian-asn-tanjungbalai'
const POLICY = `/kebijakan/${SLUG}`
const THEME = 'Keterbukaan hasil evaluasi'

let consultationId: number
let asnInput: string
let moderatorInput: string
let forumInput: string

test.beforeAll(() => {
  const db = new Database(fileURLToPath(new URL('../.tmp/e2e.sqlite', import.meta.url)))
  db.pragma('busy_timeout = 10000')
  try {
    db.transaction(() => {
      const consultation = db
        .prepare('select c.id from consultations c join policies p on p.id = c.policy_id where p.slug = ? order by c.id limit 1')
        .get(SLUG) as { id: number }
      consultationId = consultation.id
      const inputs = db
        .prepare("select id, tracking_number, channel, user_id from inputs where consultation_id = ? and status = 'published' order by id")
        .all(consultationId) as { id: number; tracking_number: string; channel: string; user_id: number | null }[]
      const asn = db.prepare("select id from users where email = 'asn.tanjungbalai@rembuk.test'").get() as { id: number }
      const moderator = db.prepare("select id from users where email = 'moderator.tanjungbalai@rembuk.test'").get() as { id: number }
      const byAsn = inputs.find((i) => i.user_id === asn.id)!
      const forum = inputs.find((i) => i.channel === 'forum')!
      asnInput = byAsn.tracking_number
      forumInput = forum.tracking_number
      moderatorInput = inputs.find((i) => i.user_id === moderator.id)!.tracking_number
      if (db.prepare('select 1 from themes where consultation_id = ? and title = ?').get(consultationId, THEME)) return
      const at = TEST_NOW
      const theme = db
        .prepare('insert into themes (consultation_id, title, summary, created_by, created_at, updated_at) values (?, ?, ?, null, ?, ?)')
        .run(consultationId, THEME, 'Pegawai meminta hasil evaluasi enam bulanan dan tindak lanjutnya diumumkan.', at, at)
      db.prepare('update inputs set theme_id = ? where id in (?, ?)').run(theme.lastInsertRowid, byAsn.id, forum.id)
    })()
  } finally {
    db.close()
  }
})

function inputCard(page: Page, trackingNumber: string) {
  return page.getByRole('article').filter({ has: page.getByRole('link', { name: trackingNumber, exact: true }) })
}

test('a moderator answers by theme and overrides one input; a visitor reads the matrix and downloads it; the submitter is told', async ({ page, browser }) => {
  await signIn(page, 'moderator.tanjungbalai@rembuk.test')
  await page.goto(`/kelola/konsultasi/${consultationId}`)
  await page.getByRole('link', { name: 'Tanggapi masukan', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tanggapi masukan' })).toBeVisible()
  await expect(page.getByText('0 dari 3 masukan sudah ditanggapi, 3 belum.')).toBeVisible()
  await expectAccessible(page)

  // Answering the theme answers both of its inputs.
  const theme = page.getByRole('article', { name: THEME, exact: true })
  await theme.getByLabel('Keputusan').selectOption({ label: 'Diterima sebagian: sebagian usul dimasukkan ke rancangan' })
  await theme.getByLabel('Alasan tanggapan').fill('Hasil evaluasi akan diumumkan; rincian nilai per pegawai tidak, karena data pribadi.')
  await theme.getByRole('button', { name: 'Simpan tanggapan tema untuk Tema: Keterbukaan hasil evaluasi' }).click()
  await expect(page.getByRole('status')).toHaveText(`Tanggapan untuk “${THEME}” tersimpan; 1 pengirim diberi tahu.`)
  await expect(page.getByText('2 dari 3 masukan sudah ditanggapi, 1 belum.')).toBeVisible()
  await expect(inputCard(page, asnInput)).toContainText(`Mengikuti tema “${THEME}”: Diterima sebagian.`)
  await expect(inputCard(page, forumInput)).toContainText(`Mengikuti tema “${THEME}”: Diterima sebagian.`)
  await expectAccessible(page)

  // A reason is required: the error sits next to the field and the choice is kept.
  const forum = inputCard(page, forumInput)
  await forum.getByLabel('Keputusan').selectOption('ditolak')
  await forum.getByRole('button', { name: `Simpan tanggapan untuk ${forumInput}` }).click()
  await expect(forum.getByText('Tulis alasan tanggapan.')).toBeVisible()
  await expect(forum.getByLabel('Alasan tanggapan')).toHaveAttribute('aria-invalid', 'true')
  await expect(forum.getByLabel('Keputusan')).toHaveValue('ditolak')
  await expectAccessible(page)

  // The forum's input gets a response of its own.
  await forum.getByLabel('Alasan tanggapan').fill('Pelatihan penilai sudah dijadwalkan dalam program lain.')
  await forum.getByRole('button', { name: `Simpan tanggapan untuk ${forumInput}` }).click()
  await expect(page.getByRole('status')).toHaveText(`Tanggapan untuk ${forumInput} tersimpan.`)
  await expect(inputCard(page, forumInput)).toContainText('Tanggapan sendiri: Ditolak.')
  await expect(inputCard(page, asnInput)).toContainText(`Mengikuti tema “${THEME}”`)
  await expect(inputCard(page, forumInput).getByRole('button', { name: `Hapus tanggapan sendiri, ikuti tema untuk ${forumInput}` })).toBeVisible()
  await expectAccessible(page)

  // Filtering to what is still unanswered.
  await page.getByLabel('Status tanggapan').selectOption('belum')
  await page.getByRole('button', { name: 'Terapkan' }).click()
  await expect(page.getByRole('article')).toHaveCount(2) // the theme, and the one input left
  await expect(inputCard(page, moderatorInput)).toBeVisible()
  await expectAccessible(page)

  // A visitor, signed out, reads the matrix from the policy page.
  const visitorContext = await browser.newContext({ acceptDownloads: true })
  const visitor = await visitorContext.newPage()
  await visitor.goto(POLICY)
  await visitor.getByRole('link', { name: 'Matriks tanggapan', exact: true }).click()
  await expect(visitor.getByRole('heading', { level: 1, name: 'Matriks tanggapan' })).toBeVisible()
  await expect(visitor.getByText('2 dari 3 masukan sudah ditanggapi, 1 belum.')).toBeVisible()
  const table = visitor.getByRole('table', { name: /Masukan dan tanggapan/ })
  await expect(table.getByRole('columnheader')).toHaveText(['No.', 'Nomor registrasi', 'Bagian', 'Jenis', 'Pengirim', 'Isi masukan', 'Keputusan', 'Alasan tanggapan'])
  const asnRow = table.getByRole('row').filter({ has: visitor.getByRole('rowheader', { name: asnInput }) })
  await expect(asnRow).toContainText('Diterima sebagian')
  await expect(asnRow).toContainText(`melalui tema “${THEME}”`)
  const forumRow = table.getByRole('row').filter({ has: visitor.getByRole('rowheader', { name: forumInput }) })
  await expect(forumRow).toContainText('Ditolak')
  await expect(forumRow).toContainText('Tanpa nama')
  await expect(table.getByRole('row').filter({ has: visitor.getByRole('rowheader', { name: moderatorInput }) })).toContainText('Belum ditanggapi')
  await expect(visitor.getByRole('img', { name: 'Keputusan atas masukan' })).toBeVisible()
  await visitor.getByText('Lihat sebagai tabel').click()
  await expect(visitor.getByRole('table', { name: 'Keputusan atas masukan' }).getByRole('row', { name: /Diterima sebagian/ })).toContainText('1')
  await expectAccessible(visitor)

  const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('link', { name: 'CSV (untuk spreadsheet)' }).click()])
  expect(download.suggestedFilename()).toMatch(/^matriks-tanggapan-kebijakan-kepegawaian-asn-tanjungbalai-\d+\.csv$/)
  const csv = fs.readFileSync((await download.path())!, 'utf8')
  const lines = csv.replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/)
  expect(lines[0]).toContain('Nomor registrasi,Jumlah,Bagian')
  expect(lines).toHaveLength(4)
  expect(lines.find((l) => l.includes(asnInput))).toContain('Diterima sebagian')
  expect(lines.find((l) => l.includes(asnInput))).toContain(THEME)
  expect(lines.find((l) => l.includes(forumInput))).toContain('Ditolak')
  expect(csv).not.toContain('@rembuk.test')

  const [pdf] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('link', { name: 'PDF (untuk dicetak)' }).click()])
  expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-')

  await visitor.getByRole('link', { name: 'Ringkasan dan grafik masukan' }).click()
  await expect(visitor.getByRole('heading', { level: 1, name: 'Ringkasan masukan' })).toBeVisible()
  await expect(visitor.getByRole('img', { name: 'Seberapa adil sistem promosi ASN saat ini menurut Anda?' })).toBeVisible()
  await expect(visitor.getByRole('img', { name: 'Jenis masukan per bagian' })).toBeVisible()
  await expectAccessible(visitor)
  await visitorContext.close()

  // The ASN who gave the input is told, and reads the answer on the input's page.
  await page.getByRole('button', { name: 'Keluar' }).click()
  await signIn(page, 'asn.tanjungbalai@rembuk.test')
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: /^Pemberitahuan/ }).click()
  await page.getByRole('link', { name: `Masukan ${asnInput} sudah ditanggapi` }).click()
  await expect(page).toHaveURL(`/masukan/${asnInput}`)
  await expect(page.getByText('Hasil evaluasi akan diumumkan; rincian nilai per pegawai tidak, karena data pribadi.')).toBeVisible()
  await expect(page.getByText(`(melalui tema “${THEME}”)`)).toBeVisible()
  await expectAccessible(page)
})

test('non-team members may not open the answering page', async ({ page }) => {
  await signIn(page, 'asn.tanjungbalai@rembuk.test')
  const response = await page.goto(`/kelola/konsultasi/${consultationId}/tanggapan`)
  expect(response?.status()).toBe(403)
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('answering an input and reading the matrix work as plain forms and pages', async ({ page }) => {
    await signIn(page, 'moderator.tanjungbalai@rembuk.test')
    await page.goto(`/kelola/konsultasi/${consultationId}/tanggapan`)
    const card = inputCard(page, moderatorInput)
    await card.getByLabel('Keputusan').selectOption('dicatat')
    await card.getByRole('button', { name: `Simpan tanggapan untuk ${moderatorInput}` }).click()
    await expect(page.getByRole('alert').first()).toContainText('Tanggapan belum tersimpan.')
    await expect(inputCard(page, moderatorInput).getByText('Tulis alasan tanggapan.')).toBeVisible()
    await expect(inputCard(page, moderatorInput).getByLabel('Keputusan')).toHaveValue('dicatat')
    await expectAccessible(page, { javaScriptDisabled: true })

    await inputCard(page, moderatorInput).getByLabel('Alasan tanggapan').fill('Usulan forum akan dicatat sebagai masukan resmi melalui petugas.')
    await inputCard(page, moderatorInput).getByRole('button', { name: `Simpan tanggapan untuk ${moderatorInput}` }).click()
    await expect(page.getByRole('status')).toContainText(`Tanggapan untuk ${moderatorInput} tersimpan`)
    await expect(inputCard(page, moderatorInput)).toContainText('Tanggapan sendiri: Dicatat.')
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.goto(`${POLICY}/matriks`)
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: moderatorInput }) })
    await expect(row).toContainText('Dicatat')
    await expect(row).toContainText('Usulan forum akan dicatat sebagai masukan resmi melalui petugas.')
    await expectAccessible(page, { javaScriptDisabled: true })
    await page.goto(`${POLICY}/ringkasan`)
    await expect(page.getByRole('heading', { level: 1, name: 'Ringkasan masukan' })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })
  })
})
