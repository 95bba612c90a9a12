import { hash, verify } from '@node-rs/argon2'
import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding'
import type { Kysely } from 'kysely'
import type { Database, User } from '~db/schema'
import { clockNow, nowIso } from '~/lib/time'

// Argon2id with OWASP's minimum settings (19 MiB, 2 passes, 1 lane). 2 = Algorithm.Argon2id.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verified against when the e-mail is unknown, so both paths take the same time.
let dummyHash: Promise<string> | null = null
const getDummyHash = () => (dummyHash ??= hashPassword('rembuk-timing-equaliser'))

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export class EmailTakenError extends Error {}

export async function registerUser(
  db: Kysely<Database>,
  input: { email: string; displayName: string; password: string; isDemo?: boolean },
): Promise<Pick<User, 'id' | 'email' | 'display_name'>> {
  const email = normaliseEmail(input.email)
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (existing) throw new EmailTakenError(email)
  const passwordHash = await hashPassword(input.password)
  try {
    return await db
      .insertInto('users')
      .values({
        email,
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        is_demo: input.isDemo ? 1 : 0,
        created_at: nowIso(),
      })
      .returning(['id', 'email', 'display_name'])
      .executeTakeFirstOrThrow()
  } catch (error) {
    // Two registrations racing for one address: the unique index decides.
    if (/unique/i.test((error as Error).message)) throw new EmailTakenError(email)
    throw error
  }
}

// ---- Sign-in throttling, per account and per address, stored so every instance shares it ----

const THROTTLE_WINDOW_MS = 15 * 60_000
const MAX_LOCK_MS = 15 * 60_000
const FREE_FAILURES = { account: 5, address: 20 }

type ThrottleKind = keyof typeof FREE_FAILURES

function throttleKey(kind: ThrottleKind, value: string) {
  return `${kind}:${value}`
}

/** When a key is locked, how long until it may try again. */
export async function signInLockRemainingMs(
  db: Kysely<Database>,
  keys: { email: string; address: string | null },
  now = clockNow(),
): Promise<number> {
  const wanted = [throttleKey('account', normaliseEmail(keys.email))]
  if (keys.address) wanted.push(throttleKey('address', keys.address))
  const rows = await db.selectFrom('login_throttle').select(['locked_until']).where('key', 'in', wanted).execute()
  let remaining = 0
  for (const row of rows) {
    if (row.locked_until) remaining = Math.max(remaining, Date.parse(row.locked_until) - now.getTime())
  }
  return Math.max(0, remaining)
}

async function recordFailure(db: Kysely<Database>, kind: ThrottleKind, value: string, now: Date) {
  const key = throttleKey(kind, value)
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst()
  const fresh = !row || now.getTime() - Date.parse(row.first_failure_at) > THROTTLE_WINDOW_MS
  const failures = fresh ? 1 : row.failures + 1
  const over = failures - FREE_FAILURES[kind]
  // Each failure past the free ones doubles the wait: 30 s, 1 min, 2 min … up to 15 min.
  const lockedUntil = over > 0 ? new Date(now.getTime() + Math.min(30_000 * 2 ** (over - 1), MAX_LOCK_MS)).toISOString() : null
  const values = {
    key,
    failures,
    first_failure_at: fresh ? now.toISOString() : row.first_failure_at,
    locked_until: lockedUntil,
  }
  await db
    .insertInto('login_throttle')
    .values(values)
    .onConflict((oc) => oc.column('key').doUpdateSet({
      failures: values.failures,
      first_failure_at: values.first_failure_at,
      locked_until: values.locked_until,
    }))
    .execute()
}

export type SignInResult =
  | { ok: true; user: Pick<User, 'id' | 'email' | 'display_name'> }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number }

export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; address: string | null },
  now = clockNow(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email)
  const locked = await signInLockRemainingMs(db, { email, address: input.address }, now)
  if (locked > 0) return { ok: false, reason: 'throttled', retryAfterMs: locked }

  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst()
  const valid = await verifyPassword(user?.password_hash ?? (await getDummyHash()), input.password)
  if (!user || !valid) {
    await recordFailure(db, 'account', email, now)
    if (input.address) await recordFailure(db, 'address', input.address, now)
    return { ok: false, reason: 'invalid' }
  }
  await db.deleteFrom('login_throttle').where('key', '=', throttleKey('account', email)).execute()
  return { ok: true, user: { id: user.id, email: user.email, display_name: user.display_name } }
}

// ---- Sessions, as lucia-auth.com's guide describes them ----

export const SESSION_INACTIVITY_MS = 10 * 24 * 60 * 60_000
const SESSION_ACTIVITY_CHECK_MS = 60 * 60_000

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(24)
  crypto.getRandomValues(bytes)
  let out = ''
  for (const byte of bytes) out += ALPHABET[byte >> 3]
  return out
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret))
}

export async function createSession(db: Kysely<Database>, userId: number, now = clockNow()): Promise<string> {
  const id = generateSecureRandomString()
  const secret = generateSecureRandomString()
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      secret_hash: encodeHexLowerCase(hashSecret(secret)),
      created_at: now.toISOString(),
      last_verified_at: now.toISOString(),
    })
    .execute()
  return `${id}.${secret}`
}

export interface ValidSession {
  id: string
  userId: number
}

export async function validateSessionToken(
  db: Kysely<Database>,
  token: string,
  now = clockNow(),
): Promise<ValidSession | null> {
  const parts = token.split('.')
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null
  const [sessionId, secret] = parts
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst()
  if (!row) return null
  let stored: Uint8Array
  try {
    stored = decodeHex(row.secret_hash)
  } catch {
    return null
  }
  if (!constantTimeEqual(hashSecret(secret), stored)) return null

  const idle = now.getTime() - Date.parse(row.last_verified_at)
  if (idle >= SESSION_INACTIVITY_MS) {
    await invalidateSession(db, row.id)
    return null
  }
  if (idle >= SESSION_ACTIVITY_CHECK_MS) {
    await db.updateTable('sessions').set({ last_verified_at: now.toISOString() }).where('id', '=', row.id).execute()
  }
  return { id: row.id, userId: row.user_id }
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

export async function invalidateAllSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}
