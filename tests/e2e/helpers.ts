import AxeBuilder from '@axe-core/playwright'
import { randomBytes } from 'node:crypto'
import { type Page, expect } from '@playwright/test'

export const DEMO_PASSWORD = 'rembuk-demo-2026'
export const MAMUJU = '/kebijakan/kebijakan-kepegawaian-asn-mamuju'

/** A few letters that make a name or address unique to this run (never the clock). */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex')
}

async function scan(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`,
  )
}

/**
 * Every page a test visits is scanned; any WCAG 2.1 A/AA violation fails the test.
 * axe needs JavaScript, so a page seen with JavaScript off is scanned as served: its HTML,
 * scripts removed, replayed at the same address in a second page that may run axe.
 */
export async function expectAccessible(page: Page, options: { javaScriptDisabled?: boolean } = {}) {
  if (!options.javaScriptDisabled) {
    expect(await scan(page), `accessibility violations on ${page.url()}`).toEqual([])
    return
  }
  const url = page.url()
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '')
  const browser = page.context().browser()!
  const context = await browser.newContext({ javaScriptEnabled: true })
  const copy = await context.newPage()
  await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }))
  await copy.goto(url)
  try {
    expect(await scan(copy), `accessibility violations on ${url} (without JavaScript)`).toEqual([])
  } finally {
    await context.close()
  }
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/masuk')
  await page.getByLabel('Alamat e-mail').fill(email)
  await page.getByLabel('Kata sandi').fill(password)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible()
}

/**
 * A newcomer's verification: the platform admin's outbox (no mail server in the tests) holds the
 * mail; its link's path is opened in `page` and the button pressed, which signs the newcomer in.
 */
export async function followVerificationLink(page: Page, email: string) {
  const admin = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin })
  const outbox = await admin.newPage()
  await signIn(outbox, 'admin@rembuk.test')
  await outbox.goto('/admin/kotak-keluar')
  await outbox.getByRole('row').filter({ hasText: email }).getByRole('link', { name: 'Verifikasi alamat e-mail Anda di Rembuk' }).first().click()
  const body = await outbox.locator('pre.mail-body').innerText()
  await admin.close()
  const link = body.match(/https?:\/\/\S+(\/verifikasi-email\/\S+)/)
  if (!link) throw new Error(`no verification link in the mail to ${email}`)
  await page.goto(link[1])
  await page.getByRole('button', { name: 'Verifikasi e-mail saya' }).click()
}
