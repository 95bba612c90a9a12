import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { SESSION_COOKIE } from '~/lib/session.server'

/**
 * Security headers on every answer of the portal (issue 8, item 11; docs/decisions/021):
 * pages, forms, API, downloads, static files and error pages alike. server.ts mounts it first:
 *
 *     app.use(securityHeaders())
 *
 * - A Content-Security-Policy whose scripts are the portal's own files plus the inline scripts
 *   React Router writes into each page (hydration data, module loader, scroll restoration), which
 *   carry this request's nonce (`res.locals.cspNonce`, handed to app/entry.server.tsx through the
 *   load context). No 'unsafe-inline', no 'unsafe-eval', nothing from another origin.
 * - No framing (frame-ancestors 'none' and X-Frame-Options DENY), no MIME sniffing, referrers only
 *   to the portal itself in full, no powerful browser features, a window of its own (COOP).
 * - HSTS only when the portal is served over HTTPS: PUBLIC_URL is https, or the request came over
 *   TLS (behind a proxy that says so in X-Forwarded-Proto, when TRUST_PROXY lets Express believe it).
 * - `Cache-Control: no-store` on every answer to a signed-in person (a session cookie came with the
 *   request) and on the team's pages (/kelola, /akun, /admin), so a shared computer's cache or a
 *   proxy never keeps a page meant for one person. Built files (/assets) keep their long caching.
 */

export const CSP_NONCE_BYTES = 16

/** Paths whose answers are for one person only, signed in or not. */
const PRIVATE_PREFIXES = ['/kelola', '/akun', '/admin', '/masuk', '/daftar', '/keluar']

/** Files that are the same for everyone: fingerprinted builds and the public folder. */
function isPublicFile(path: string): boolean {
  return path.startsWith('/assets/') || path === '/favicon.svg'
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; ')
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
].join(', ')

export const HSTS = 'max-age=31536000; includeSubDomains'

function hasSession(req: Request): boolean {
  const cookie = req.headers.cookie
  if (!cookie) return false
  return cookie.split(';').some((part) => {
    const [name, value] = part.trim().split('=')
    return name === SESSION_COOKIE && Boolean(value)
  })
}

function isPrivatePath(path: string): boolean {
  return PRIVATE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`))
}

export function securityHeaders(options: { publicUrl?: string } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(CSP_NONCE_BYTES).toString('base64')
    res.locals.cspNonce = nonce
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    const publicUrl = options.publicUrl ?? process.env.PUBLIC_URL ?? ''
    // req.secure: TLS to this process, or X-Forwarded-Proto: https from a trusted proxy (TRUST_PROXY).
    if (publicUrl.trim().toLowerCase().startsWith('https://') || req.secure) {
      res.setHeader('Strict-Transport-Security', HSTS)
    }
    if (!isPublicFile(req.path) && (isPrivatePath(req.path) || hasSession(req))) {
      res.setHeader('Cache-Control', 'no-store')
    }
    next()
  }
}
