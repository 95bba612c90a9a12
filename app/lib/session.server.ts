import { getDb } from '~/lib/db.server'
import {
  SESSION_INACTIVITY_MS,
  createSession,
  invalidateOtherSessions,
  invalidateSession,
  validateSessionToken,
} from '~/domain/auth.server'
import { clockNow } from '~/lib/clock'
import { type Actor, loadActor } from '~/domain/permissions.server'

export const SESSION_COOKIE = 'rembuk_session'

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return null
      }
    }
  }
  return null
}
export { readCookie }

function isSecure(request: Request): boolean {
  if (process.env.COOKIE_SECURE === 'true') return true
  if (process.env.COOKIE_SECURE === 'false') return false
  // A portal people reach over https (PUBLIC_URL) keeps its cookies off plain http, even when
  // the proxy in front is not trusted to say so (docs/decisions/019-accounts-hardening.md).
  if (process.env.PUBLIC_URL?.trim().toLowerCase().startsWith('https:')) return true
  return new URL(request.url).protocol === 'https:'
}

export function serializeCookie(
  request: Request,
  name: string,
  value: string,
  maxAgeSeconds: number,
  httpOnly = true,
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`]
  if (httpOnly) parts.push('HttpOnly')
  if (isSecure(request)) parts.push('Secure')
  return parts.join('; ')
}

export async function getActor(request: Request): Promise<Actor | null> {
  const token = readCookie(request, SESSION_COOKIE)
  if (!token) return null
  const db = getDb()
  const session = await validateSessionToken(db, token)
  if (!session) return null
  return loadActor(db, session.userId)
}

/** Signs in on this device; with `signOutOthers`, every other session of the person ends. */
export async function startSession(request: Request, userId: number, options: { signOutOthers?: boolean } = {}): Promise<string> {
  const db = getDb()
  const token = await createSession(db, userId, clockNow(), request.headers.get('User-Agent') ?? '')
  if (options.signOutOthers) await invalidateOtherSessions(db, userId, token.split('.')[0])
  return serializeCookie(request, SESSION_COOKIE, token, SESSION_INACTIVITY_MS / 1000)
}

/** The id of the session this request carries (check it with getActor first). */
export function currentSessionId(request: Request): string | null {
  return readCookie(request, SESSION_COOKIE)?.split('.')[0] || null
}

export async function endSession(request: Request): Promise<string> {
  const token = readCookie(request, SESSION_COOKIE)
  const id = token?.split('.')[0]
  if (id) await invalidateSession(getDb(), id)
  return serializeCookie(request, SESSION_COOKIE, '', 0)
}

