import { expect, test } from '@playwright/test'
import { MAMUJU, expectAccessible } from './helpers'

// Issue 8, item 15 (WCAG 3.1.2): with English chosen, the Indonesian policy text, its sections and
// the citizens' inputs say they are Indonesian, so a screen reader pronounces them so.

test('English pages mark Indonesian policy text, sections and inputs with lang="id"', async ({ page }) => {
  // Five pages, each scanned with axe: more than the default minute on a busy machine.
  test.setTimeout(180_000)
  await page.goto(MAMUJU)
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  const title = page.getByRole('heading', { level: 1 })
  await expect(title).toHaveAttribute('lang', 'id')
  const clause = page.locator('.clause').first()
  await expect(clause.locator('h2 span[lang="id"]')).toHaveCount(1)
  const paragraphs = page.locator('.clause > p:not(.clause__participation)')
  expect(await paragraphs.count()).toBeGreaterThan(3)
  expect(await paragraphs.evaluateAll((ps) => ps.filter((p) => p.getAttribute('lang') !== 'id').length)).toBe(0)
  // The portal's own words stay English.
  await expect(page.getByRole('navigation', { name: 'Contents' })).not.toHaveAttribute('lang', 'id')
  await expectAccessible(page)

  // A list of published inputs, and one input's page.
  let listed = false
  for (const slug of ['kebijakan-kepegawaian-asn-mamuju', 'kebijakan-kepegawaian-asn-tanjungbalai', 'implementasi-kebijakan-kepegawaian-plaju', 'kebijakan-pengelolaan-kepegawaian-mulyorejo']) {
    await page.goto(`/kebijakan/${slug}/masukan`)
    const card = page.locator('.input-card:not(.input-card--hidden)').first()
    if ((await card.count()) === 0) continue
    await expect(card.locator('p.prewrap')).toHaveAttribute('lang', 'id')
    await expectAccessible(page)
    await card.getByRole('link', { name: /^View input / }).first().click()
    await expect(page.locator('.input-body p.prewrap')).toHaveAttribute('lang', 'id')
    await expectAccessible(page)
    listed = true
    break
  }
  expect(listed).toBe(true)

  await page.goto(`${MAMUJU}/perbandingan`)
  const bodies = page.locator('.redline-body')
  expect(await bodies.count()).toBeGreaterThan(0)
  expect(await bodies.evaluateAll((els) => els.filter((e) => e.getAttribute('lang') !== 'id').length)).toBe(0)
  await expectAccessible(page)

  await page.goto(`${MAMUJU}/matriks`)
  const reasons = page.locator('.matrix__input .matrix__text > span[lang="id"]')
  expect(await reasons.count()).toBeGreaterThan(0)
  await expectAccessible(page)

  // In Bahasa Indonesia nothing needs a mark of its own.
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'id')
  await page.goto(MAMUJU)
  await expect(page.locator('.clause [lang]')).toHaveCount(0)
})
