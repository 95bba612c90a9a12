import { type APIRequestContext, expect, test } from '@playwright/test'
import { signIn } from './helpers'

// Issue 8, item 14: the Nu HTML checker's errors on the portal's pages. Each page reached by
// following links (public, a policy team's, the platform admin's) is read as served and checked
// for the two patterns it reported: a required single <select> whose first option is not an
// empty placeholder, and ARIA roles on a table's own elements.

const LIMIT = 70

function problems(html: string): string[] {
  const found: string[] = []
  for (const match of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const [, attributes, body] = match as unknown as [string, string, string]
    if (!/\srequired(=|\s|$)/.test(attributes) || /\smultiple(=|\s|$)/.test(attributes)) continue
    const size = Number(attributes.match(/\ssize="(\d+)"/)?.[1] ?? 1)
    if (size > 1) continue
    const first = body.match(/<option\b([^>]*)>([\s\S]*?)<\/option>/)
    const empty = first && (/\svalue=""/.test(first[1]!) || first[2]!.trim() === '')
    if (!empty) found.push(`select${attributes.match(/\sid="[^"]*"/)?.[0] ?? ''} without an empty first option`)
  }
  for (const match of html.matchAll(/<(table|thead|tbody|tfoot|tr|th|td)\b[^>]*\srole="([^"]*)"/g)) {
    found.push(`<${match[1]} role="${match[2]}">`)
  }
  return found
}

async function crawl(request: APIRequestContext, starts: string[]): Promise<Map<string, string[]>> {
  const seen = new Set<string>()
  const queue = [...starts]
  const results = new Map<string, string[]>()
  while (queue.length && seen.size < LIMIT) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    seen.add(path)
    const response = await request.get(path)
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue
    const html = await response.text()
    results.set(path, problems(html))
    for (const [, href] of html.matchAll(/<a\b[^>]*\shref="(\/[^"#?]*)/g)) {
      const target = href!.replace(/&amp;/g, '&')
      if (/\.(csv|pdf|ndjson|json|data)$|^\/api\/|^\/keluar/.test(target)) continue
      if (!seen.has(target)) queue.push(target)
    }
  }
  return results
}

test('no page has a required select without an empty first option, or roles on table elements', async ({ page, browser }) => {
  // Up to 70 pages in three sessions: more than the default minute on a busy machine.
  test.setTimeout(180_000)
  const pages = new Map<string, string[]>()
  const add = (found: Map<string, string[]>) => found.forEach((v, k) => pages.set(k, v))

  add(await crawl(page.request, ['/', '/kebijakan/kebijakan-kepegawaian-asn-mamuju/perbandingan']))

  await signIn(page, 'moderator.sawahlunto@rembuk.test')
  add(await crawl(page.request, ['/kelola', '/kelola/kebijakan/baru', '/kelola/kebijakan/perwako-pengelolaan-kinerja-asn-sawahlunto']))

  const admin = await browser.newContext()
  const adminPage = await admin.newPage()
  await signIn(adminPage, 'admin@rembuk.test')
  add(await crawl(adminPage.request, ['/admin/kotak-keluar', '/akun/verifikasi-asn']))
  await admin.close()

  for (const must of ['/kelola/kebijakan/baru', '/admin/kotak-keluar', '/kebijakan/kebijakan-kepegawaian-asn-mamuju/perbandingan']) {
    expect([...pages.keys()], must).toContain(must)
  }
  expect(pages.size).toBeGreaterThan(30)
  const bad = [...pages].filter(([, found]) => found.length).map(([path, found]) => `${path}: ${found.join('; ')}`)
  expect(bad).toEqual([])
})
