import { type APIResponse, type Page, expect, test } from '@playwright/test'
import { MAMUJU, signIn } from './helpers'

// Issue 8, item 11: every route family of the running portal answers with the security headers,
// and pages still work with JavaScript on under the Content-Security-Policy.

const EVALUATED = '/kebijakan/perwako-pengelolaan-kinerja-asn-sawahlunto'

function expectHeaders(response: APIResponse, what: string, options: { noStore?: boolean } = {}) {
  const h = response.headers()
  expect(h['content-security-policy'], what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(h['content-security-policy'], what).toContain("frame-ancestors 'none'")
  expect(h['content-security-policy'], what).not.toContain('unsafe-inline')
  expect(h['x-content-type-options'], what).toBe('nosniff')
  expect(h['referrer-policy'], what).toBe('strict-origin-when-cross-origin')
  expect(h['x-frame-options'], what).toBe('DENY')
  expect(h['permissions-policy'], what).toContain('camera=()')
  expect(h['cross-origin-opener-policy'], what).toBe('same-origin')
  // Served over plain HTTP here (PUBLIC_URL unset): no HSTS.
  expect(h['strict-transport-security'], what).toBeUndefined()
  if (options.noStore) expect(h['cache-control'], what).toContain('no-store')
  else expect(h['cache-control'] ?? '', what).not.toContain('no-store')
}

test('every route family answers with the security headers', async ({ request }) => {
  const families: [string, string, number][] = [
    ['reading page', '/', 200],
    ['policy page', MAMUJU, 200],
    ['page data', `${MAMUJU}.data`, 200],
    ['form', `${MAMUJU}/masukan/baru`, 200],
    ['evaluation', `${EVALUATED}/evaluasi`, 200],
    ['API', '/api/v1/policies', 200],
    ['API error', '/api/v1/tidak-ada', 404],
    ['CSV', `${MAMUJU}/matriks.csv`, 200],
    ['report PDF', `${EVALUATED}/evaluasi/semester-i-2026/laporan.pdf`, 200],
    ['error page', '/kebijakan/tidak-ada', 404],
    ['favicon', '/favicon.svg', 200],
  ]
  for (const [what, path, status] of families) {
    const response = await request.get(path)
    expect(response.status(), `${what} ${path}`).toBe(status)
    // Downloads are never cached (export headers); everything else public may be.
    expectHeaders(response, `${what} ${path}`, { noStore: /\.(csv|pdf)$/.test(path) })
  }
  // A built script: long cached, and the headers too.
  const html = await (await request.get('/')).text()
  const script = html.match(/<link rel="modulepreload" href="(\/assets\/[^"]+\.js)"/)?.[1]
  expect(script).toBeTruthy()
  const asset = await request.get(script!)
  expect(asset.status()).toBe(200)
  expectHeaders(asset, 'asset')
  expect(asset.headers()['cache-control']).toContain('immutable')

  // A cross-origin write refused by the CSRF check carries them too.
  const refused = await request.post('/masuk', { headers: { Origin: 'https://evil.example' }, form: { email: 'x', password: 'y' } })
  expect(refused.status()).toBe(403)
  expectHeaders(refused, 'refused write', { noStore: true })

  // The team's pages, and any page a signed-in person sees, are never stored.
  for (const path of ['/masuk', '/kelola', '/akun']) {
    const response = await request.get(path, { maxRedirects: 0 })
    expectHeaders(response, path, { noStore: true })
  }
})

function watchCsp(page: Page): string[] {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  page.on('pageerror', (error) => violations.push(error.message))
  return violations
}

test('with JavaScript on, the pages hydrate under the policy: no violation, client navigation works', async ({ page }) => {
  const violations = watchCsp(page)
  await page.goto('/')
  const nonces = await page.locator('script').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce))
  expect(nonces.length).toBeGreaterThan(0)
  expect(nonces.every((n) => n.length > 0)).toBe(true)
  // A client-side navigation (no document request) proves React Router hydrated.
  let documents = 0
  page.on('request', (r) => {
    if (r.resourceType() === 'document') documents++
  })
  await page.getByRole('link', { name: 'Penyusunan Kebijakan Kepegawaian ASN di Mamuju' }).click()
  await expect(page).toHaveURL(MAMUJU)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
  expect(documents).toBe(0)

  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  const home = await page.goto('/')
  expect(home?.headers()['cache-control']).toBe('no-store')
  await page.goto('/kelola')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(violations).toEqual([])
})
