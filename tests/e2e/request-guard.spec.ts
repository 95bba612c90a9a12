import { expect, test } from '@playwright/test'
import { expectAccessible } from './helpers'

// The page answered before React Router (issue 8 item 3): Indonesian first, English after, a way home.
test('an address that does not decode gets the portal’s bilingual error page, accessible, with a link home', async ({ page }) => {
  const response = await page.goto('/kebijakan/%ff/masukan')
  expect(response?.status()).toBe(400)
  await expect(page.getByRole('heading', { level: 1, name: 'Permintaan tidak dapat dibaca' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Bad request' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Kembali ke beranda' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})
