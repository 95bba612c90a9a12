import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { securityHeaders } from '~/lib/security-headers.server'

/** A small Express app with the middleware as server.ts mounts it, then a page and a static file. */
async function serve(options: { trustProxy?: string; publicUrl?: string }) {
  const app = express()
  if (options.trustProxy) app.set('trust proxy', options.trustProxy)
  app.use(securityHeaders({ publicUrl: options.publicUrl ?? 'http://localhost:3000' }))
  app.get('/assets/app.js', (_req, res) => {
    if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
    res.type('text/javascript').send('1')
  })
  app.all('*', (_req, res) => res.type('text/html').send(`<p>${res.locals.cspNonce}</p>`))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { base, close: () => new Promise((resolve) => server.close(resolve)) }
}

describe('security headers', () => {
  let plain: Awaited<ReturnType<typeof serve>>
  let proxied: Awaited<ReturnType<typeof serve>>
  let https: Awaited<ReturnType<typeof serve>>
  beforeAll(async () => {
    plain = await serve({})
    proxied = await serve({ trustProxy: 'loopback' })
    https = await serve({ publicUrl: 'https://rembuk.example.id' })
  })
  afterAll(async () => {
    await Promise.all([plain.close(), proxied.close(), https.close()])
  })

  test('every answer carries them; the policy allows only this request’s inline scripts', async () => {
    const a = await fetch(`${plain.base}/`)
    const b = await fetch(`${plain.base}/`)
    for (const r of [a, b]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff')
      expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(r.headers.get('x-frame-options')).toBe('DENY')
      expect(r.headers.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/)
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      expect(r.headers.get('strict-transport-security')).toBeNull()
      expect(r.headers.get('cache-control')).toBeNull()
    }
    const csp = a.headers.get('content-security-policy')!
    const nonce = (await a.text()).replace(/<\/?p>/g, '')
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
    expect(b.headers.get('content-security-policy')).not.toContain(nonce)
  })

  test('HSTS only over HTTPS: PUBLIC_URL https, or X-Forwarded-Proto https from a trusted proxy', async () => {
    expect((await fetch(`${https.base}/`)).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    const forwarded = { headers: { 'X-Forwarded-Proto': 'https' } }
    expect((await fetch(`${proxied.base}/`, forwarded)).headers.get('strict-transport-security')).toMatch(/max-age=31536000/)
    expect((await fetch(`${proxied.base}/`)).headers.get('strict-transport-security')).toBeNull()
    // Without TRUST_PROXY anyone could send the header: it is not believed.
    expect((await fetch(`${plain.base}/`, forwarded)).headers.get('strict-transport-security')).toBeNull()
  })

  test('no-store for the signed-in and on the team’s pages; built files keep their caching', async () => {
    const session = { headers: { Cookie: 'rembuk_lang=en; rembuk_session=abc123' } }
    expect((await fetch(`${plain.base}/kebijakan/x`, session)).headers.get('cache-control')).toBe('no-store')
    expect((await fetch(`${plain.base}/kebijakan/x.data`, session)).headers.get('cache-control')).toBe('no-store')
    expect((await fetch(`${plain.base}/kebijakan/x`, { headers: { Cookie: 'rembuk_lang=en' } })).headers.get('cache-control')).toBeNull()
    for (const path of ['/kelola', '/kelola.data', '/kelola/kebijakan/x', '/akun', '/admin/kotak-keluar', '/masuk']) {
      expect((await fetch(`${plain.base}${path}`)).headers.get('cache-control'), path).toBe('no-store')
    }
    expect((await fetch(`${plain.base}/kelolaan`)).headers.get('cache-control')).toBeNull()
    expect((await fetch(`${plain.base}/assets/app.js`, session)).headers.get('cache-control')).toMatch(/immutable/)
  })
})
