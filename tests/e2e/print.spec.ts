import { expect, test } from '@playwright/test'
import { MAMUJU } from './helpers'

// Issue 8, item 19: the version page, the redline and the matrix printed. The PDFs Chromium makes
// are kept under test-results for a person to look at.

test('the printed version page has no follow button, consultation banner or "#" marks', async ({ page }, info) => {
  await page.goto(`${MAMUJU}/versi/2`)
  await expect(page.locator('.follow').getByRole('link', { name: 'Ikuti kebijakan ini' })).toBeVisible()
  await expect(page.locator('.consultation-banner')).toBeVisible()
  await expect(page.locator('.clause__anchor').first()).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.follow')).toBeHidden()
  await expect(page.locator('.consultation-banner')).toBeHidden()
  expect(await page.locator('.clause__anchor').evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').length)).toBe(0)
  // The text is still all there, across the page's width (the hidden contents leave no column).
  await expect(page.locator('.clause p').first()).toBeVisible()
  const [body, main] = await Promise.all([page.locator('.policy__body').boundingBox(), page.locator('main').boundingBox()])
  expect(body!.width).toBeGreaterThan(main!.width * 0.8)
  const headings = await page.locator('h1, h2, h3').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter))
  expect(headings.every((b) => b === 'avoid')).toBe(true)
  await page.pdf({ path: info.outputPath('version.pdf'), format: 'A4' })
  await page.screenshot({ path: info.outputPath('version-print.png'), fullPage: true })
})

test('the printed matrix keeps each card whole and the redline keeps headings with their text', async ({ page }, info) => {
  await page.goto(`${MAMUJU}/matriks`)
  await page.emulateMedia({ media: 'print' })
  const rows = page.locator('.matrix__table tr')
  if ((await rows.count()) > 0) {
    expect(await rows.evaluateAll((els) => els.every((e) => getComputedStyle(e).breakInside === 'avoid'))).toBe(true)
  }
  const themes = page.locator('.matrix__themes .panel')
  if ((await themes.count()) > 0) {
    expect(await themes.evaluateAll((els) => els.every((e) => getComputedStyle(e).breakInside === 'avoid'))).toBe(true)
  }
  expect((await rows.count()) + (await themes.count())).toBeGreaterThan(0)
  await page.pdf({ path: info.outputPath('matrix.pdf'), format: 'A4' })

  await page.goto(`${MAMUJU}/perbandingan`)
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('.redline-section h3').evaluateAll((els) => els.every((e) => getComputedStyle(e).breakAfter === 'avoid'))).toBe(true)
  await page.pdf({ path: info.outputPath('redline.pdf'), format: 'A4' })
})
