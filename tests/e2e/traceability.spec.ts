import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { expectAccessible, signIn } from './helpers'
import { TEST_NOW } from '../clock'

const SLUG = 'kebijakan-kepegawaian-asn-tanjungbalai'
const POLICY = `/kebijakan/${SLUG}`
const SECTION = 'evaluasi-dan-perbaikan-kebijakan'
const THEME = 'Transparansi hasil evaluasi promosi'

/**
 * The team groups Tanjungbalai's input on its six-monthly evaluation into a theme. Themes have a
 * page of their own; here the theme is written straight into the database the e2e server uses
 * (tests/.tmp/e2e.sqlite), so this test depends only on drafting, citing and the redline.
 */
function prepareTheme(): string {
  const db = new Database(fileURLToPath(new URL('../.tmp/e2e.sqlite', import.meta.url)))
  db.pragma('busy_timeout = 10000')
  try {
    return db.transaction(() => {
      const input = db
        .prepare(
          `select i.id, i.tracking_number, i.consultation_id from inputs i join policies p on p.id = i.policy_id
           where p.slug = ? and i.section_key = ? and i.status = 'published' order by i.id limit 1`,
        )
        .get(SLUG, SECTION) as { id: number; tracking_number: string; consultation_id: number }
      let theme = db.prepare('select id from themes where title = ?').get(THEME) as { id: number } | undefined
      if (!theme) {
        const at = TEST_NOW
        const result = db
          .prepare("insert into themes (consultation_id, title, summary, created_by, created_at, updated_at) values (?, ?, '', null, ?, ?)")
          .run(input.consultation_id, THEME, at, at)
        theme = { id: Number(result.lastInsertRowid) }
      }
      db.prepare('update inputs set theme_id = ? where id = ?').run(theme.id, input.id)
      return input.tracking_number
    })()
  } finally {
    db.close()
  }
}

test('version 2 is published citing a theme, and an input leads to the clause that changed', async ({ page, browser }) => {
  const trackingNumber = prepareTheme()

  await signIn(page, 'moderator.tanjungbalai@rembuk.test')
  await page.goto(`/kelola/kebijakan/${SLUG}`)
  await page.getByRole('button', { name: 'Mulai versi berikutnya' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Draf versi 2/ })).toBeVisible()

  const section = page.getByRole('region', { name: /Evaluasi dan Perbaikan Kebijakan$/ })
  await section
    .getByLabel('Isi bagian')
    .fill(
      'Evaluasi dilakukan setiap enam bulan. Hasil evaluasi sistem promosi dan tindak lanjutnya diumumkan kepada seluruh pegawai paling lambat satu bulan setelah evaluasi.',
    )
  await section.getByRole('button', { name: /^Simpan bagian/ }).click()
  await expect(page.getByRole('region', { name: /Evaluasi dan Perbaikan Kebijakan$/ }).getByRole('status')).toHaveText('Perubahan bagian disimpan.')

  await page.getByRole('link', { name: 'Alasan perubahan (kutip tema dan masukan)' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Alasan perubahan versi 2' })).toBeVisible()
  const change = page.getByRole('region', { name: /Evaluasi dan Perbaikan Kebijakan/ })
  await expect(change).toContainText('Diubah')
  await change.getByRole('checkbox', { name: new RegExp(THEME) }).check()
  await change.getByLabel('Nomor registrasi masukan').fill('ZZZZ-ZZZZ')
  await change.getByRole('button', { name: /Simpan kutipan/ }).click()
  await expect(page.getByText('Masukan ini tidak ditemukan di antara masukan terbit kebijakan ini: ZZZZ-ZZZZ')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('region', { name: /Evaluasi dan Perbaikan Kebijakan/ }).getByLabel('Nomor registrasi masukan').fill(trackingNumber.toLowerCase())
  await page.getByRole('region', { name: /Evaluasi dan Perbaikan Kebijakan/ }).getByRole('button', { name: /Simpan kutipan/ }).click()
  await expect(page.getByRole('status')).toHaveText('Kutipan untuk “Evaluasi dan Perbaikan Kebijakan” tersimpan.')
  await expect(page.getByText(`Tema: ${THEME}; Masukan ${trackingNumber}`)).toBeVisible()

  await page.getByRole('link', { name: /Versi 2/ }).first().click()
  const publish = page.getByRole('region', { name: 'Terbitkan versi 2' })
  await publish.getByLabel('Catatan versi (tidak wajib)').fill('Ditulis dari masukan Forum Diskusi ASN.')
  await publish.getByLabel('Saya mengerti bahwa versi yang sudah terbit tidak dapat diubah lagi.').check()
  await publish.getByRole('button', { name: 'Terbitkan versi 2' }).click()
  await expect(page.getByRole('status')).toContainText('Versi 2 terbit')

  // A visitor follows the input to the change in its clause.
  const visitor = await browser.newContext()
  const reader = await visitor.newPage()
  await reader.goto(`/masukan/${trackingNumber}`)
  const trace = reader.getByRole('region', { name: 'Tindak lanjut pada rancangan' })
  await expect(trace).toContainText('Bagian ini diubah pada versi 2.')
  await expect(trace).toContainText('Perubahan itu mengutip masukan ini atau temanya.')
  await expectAccessible(reader)
  await trace.getByRole('link', { name: 'Lihat perubahannya' }).click()
  await expect(reader).toHaveURL(`${POLICY}/perbandingan?dari=1&ke=2#perubahan-${SECTION}`)
  const changed = reader.locator(`#perubahan-${SECTION}`)
  await expect(changed.getByRole('insertion').first()).toBeVisible()
  await expect(changed.getByRole('link', { name: `Tema: ${THEME}` })).toBeVisible()
  await expect(changed.getByRole('link', { name: new RegExp(`Masukan ${trackingNumber}`) })).toHaveAttribute('href', `/masukan/${trackingNumber}`)
  await expectAccessible(reader)
  await visitor.close()
})
