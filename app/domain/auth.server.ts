import { createHmac, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding'
import type { Kysely } from 'kysely'
import { isPostgres } from '~db/connection'
import type { Database, User } from '~db/schema'
import { type PasswordProblem, passwordProblem } from '~/domain/passwords.server'
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
  input: { email: string; displayName: string; password: string; isDemo?: boolean; locale?: string; verified?: boolean },
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
        locale: input.locale ?? null,
        created_at: nowIso(),
        // Verified only by following the mailed link (docs/decisions/019-accounts-hardening.md).
        email_verified_at: input.verified ? nowIso() : null,
      })
      .returning(['id', 'email', 'display_name'])
      .executeTakeFirstOrThrow()
  } catch (error) {
    // Two registrations racing for one address: the unique index decides.
    if (/unique/i.test((error as Error).message)) throw new EmailTakenError(email)
    throw error
  }
}

// ---- Sign-in throttling (docs/decisions/019-accounts-hardening.md) ----
//
// Three counters, each in `login_throttle` so every instance shares them:
//   pair:<email>|<address>  one address guessing one account: 5 free, then progressive waits;
//   account:<email>         every address on one account: 20 free, then progressive waits;
//   address:<address>       one address on every account: 100 free, then progressive waits.
// The account and address counters never stop an address where the account has signed in
// successfully before (a "good history"): its owner still signs in while others hammer it, and a
// busy office behind one NAT is not locked out by one person's typos or one attacker.
// Each attempt is counted as a failure *before* its password is checked, in one transaction that
// locks the counters' rows, so parallel requests cannot all slip under the limit; a success
// takes its count back.

const THROTTLE_DECAY_MS = 60 * 60_000
const MAX_LOCK_MS = 15 * 60_000
const KNOWN_ADDRESS_MS = 180 * 24 * 60 * 60_000
export const FREE_FAILURES = { pair: 5, account: 20, address: 100 } as const

type ThrottleKind = keyof typeof FREE_FAILURES

function throttleKey(kind: ThrottleKind, email: string, address: string | null) {
  if (kind === 'pair') return `pair:${email}|${address}`
  if (kind === 'account') return `account:${email}`
  return `address:${address}`
}

/** After `failures` failures, how long the next attempt waits: 30 s, 1 min, 2 min … up to 15 min. */
function lockAfter(kind: ThrottleKind, failures: number): number {
  const over = failures - FREE_FAILURES[kind]
  return over < 0 ? 0 : Math.min(30_000 * 2 ** over, MAX_LOCK_MS)
}

const ADDRESS_KEY_NAME = 'sign_in_address_key'

async function addressHash(db: Kysely<Database>, userId: number, address: string): Promise<string> {
  let row = await db.selectFrom('app_secrets').select('value').where('name', '=', ADDRESS_KEY_NAME).executeTakeFirst()
  if (!row) {
    await db
      .insertInto('app_secrets')
      .values({ name: ADDRESS_KEY_NAME, value: randomBytes(32).toString('hex'), created_at: nowIso() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
    row = await db.selectFrom('app_secrets').select('value').where('name', '=', ADDRESS_KEY_NAME).executeTakeFirstOrThrow()
  }
  return createHmac('sha256', row.value).update(`${userId}\n${address}`).digest('hex')
}

/** Whether this account has signed in successfully from this address in the last six months. */
async function isKnownAddress(db: Kysely<Database>, email: string, address: string | null, now: Date): Promise<boolean> {
  if (!address) return false
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (!user) return false
  const row = await db
    .selectFrom('sign_in_addresses')
    .select('last_success_at')
    .where('user_id', '=', user.id)
    .where('address_hash', '=', await addressHash(db, user.id, address))
    .executeTakeFirst()
  return !!row && now.getTime() - Date.parse(row.last_success_at) < KNOWN_ADDRESS_MS
}

async function rememberAddress(db: Kysely<Database>, userId: number, address: string | null, now: Date) {
  if (!address) return
  const values = { user_id: userId, address_hash: await addressHash(db, userId, address), last_success_at: now.toISOString() }
  await db
    .insertInto('sign_in_addresses')
    .values(values)
    .onConflict((oc) => oc.columns(['user_id', 'address_hash']).doUpdateSet({ last_success_at: values.last_success_at }))
    .execute()
}

type Reservation = { ok: true; keys: { key: string; kind: ThrottleKind }[] } | { ok: false; retryAfterMs: number }

/**
 * Checks the counters and, when the attempt may go ahead, counts it as a failure, atomically:
 * the rows are created if missing and locked (PostgreSQL: FOR UPDATE; SQLite: one writer at a
 * time) before they are read.
 */
async function reserveAttempt(
  db: Kysely<Database>,
  email: string,
  address: string | null,
  known: boolean,
  now: Date,
): Promise<Reservation> {
  const kinds: ThrottleKind[] = address ? ['pair', 'account', 'address'] : ['account']
  const wanted = kinds.map((kind) => ({ kind, key: throttleKey(kind, email, address) })).sort((a, b) => (a.key < b.key ? -1 : 1))
  const nowIsoString = now.toISOString()
  const run = async (trx: Kysely<Database>): Promise<Reservation> => {
    await trx
      .insertInto('login_throttle')
      .values(wanted.map(({ key }) => ({ key, failures: 0, first_failure_at: nowIsoString, locked_until: null, last_attempt_at: null })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    let query = trx.selectFrom('login_throttle').selectAll().where('key', 'in', wanted.map((w) => w.key)).orderBy('key')
    if (isPostgres(db)) query = query.forUpdate()
    const rows = new Map((await query.execute()).map((row) => [row.key, row]))
    let wait = 0
    const counts = new Map<string, number>()
    for (const { kind, key } of wanted) {
      const row = rows.get(key)!
      const lockedUntil = row.locked_until ? Date.parse(row.locked_until) : 0
      const last = row.last_attempt_at ? Date.parse(row.last_attempt_at) : 0
      const decayed = now.getTime() - last >= THROTTLE_DECAY_MS && now.getTime() >= lockedUntil
      counts.set(key, decayed ? 0 : row.failures)
      // The owner at an address with a good history is held only by that address's own failures.
      if (known && kind !== 'pair') continue
      if (!decayed && lockedUntil > now.getTime()) wait = Math.max(wait, lockedUntil - now.getTime())
    }
    if (wait > 0) return { ok: false, retryAfterMs: wait }
    for (const { kind, key } of wanted) {
      const failures = counts.get(key)! + 1
      const lock = lockAfter(kind, failures)
      await trx
        .updateTable('login_throttle')
        .set({
          failures,
          first_failure_at: failures === 1 ? nowIsoString : rows.get(key)!.first_failure_at,
          last_attempt_at: nowIsoString,
          locked_until: lock > 0 ? new Date(now.getTime() + lock).toISOString() : null,
        })
        .where('key', '=', key)
        .execute()
    }
    return { ok: true, keys: wanted }
  }
  return db.isTransaction ? run(db) : db.transaction().execute(run)
}

/** A correct password: this address owes nothing on the account, and the shared counts take back this attempt. */
async function releaseAttempt(db: Kysely<Database>, keys: { key: string; kind: ThrottleKind }[]) {
  await db.transaction().execute(async (trx) => {
    for (const { kind, key } of keys) {
      if (kind === 'pair') {
        await trx.deleteFrom('login_throttle').where('key', '=', key).execute()
        continue
      }
      const row = await trx.selectFrom('login_throttle').select(['failures', 'locked_until']).where('key', '=', key).executeTakeFirst()
      if (!row) continue
      const failures = Math.max(0, row.failures - 1)
      await trx
        .updateTable('login_throttle')
        .set({ failures, locked_until: lockAfter(kind, failures) > 0 ? row.locked_until : null })
        .where('key', '=', key)
        .execute()
    }
  })
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
  const known = await isKnownAddress(db, email, input.address, now)
  const reservation = await reserveAttempt(db, email, input.address, known, now)
  if (!reservation.ok) return { ok: false, reason: 'throttled', retryAfterMs: reservation.retryAfterMs }

  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst()
  const valid = await verifyPassword(user?.password_hash ?? (await getDummyHash()), input.password)
  if (!user || !valid) return { ok: false, reason: 'invalid' }
  await releaseAttempt(db, reservation.keys)
  await rememberAddress(db, user.id, input.address, now)
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

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now = clockNow(),
  userAgent = '',
): Promise<string> {
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
      user_agent: userAgent.slice(0, 400),
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

/** Every session but `keepId` (the one in use): "sign out everywhere else". */
export async function invalidateOtherSessions(db: Kysely<Database>, userId: number, keepId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** One of this person's own sessions; another person's session id changes nothing. */
export async function invalidateOwnSession(db: Kysely<Database>, userId: number, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', sessionId).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Active sessions, the most recently used first; idle-expired ones are not active. */
export async function listSessions(db: Kysely<Database>, userId: number, now = clockNow()) {
  const since = new Date(now.getTime() - SESSION_INACTIVITY_MS).toISOString()
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_verified_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('last_verified_at', '>', since)
    .orderBy('last_verified_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
}

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; field: 'currentPassword'; error: 'auth.error.currentPassword' }
  | { ok: false; field: 'newPassword'; error: PasswordProblem }

/**
 * Changes the password when the current one is right, and ends every other session: whoever
 * else held one (perhaps the reason for the change) is signed out.
 */
export async function changePassword(
  db: Kysely<Database>,
  input: { userId: number; sessionId: string; currentPassword: string; newPassword: string },
): Promise<ChangePasswordResult> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'display_name', 'password_hash'])
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow()
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    return { ok: false, field: 'currentPassword', error: 'auth.error.currentPassword' }
  }
  const problem = passwordProblem(input.newPassword, { email: user.email, displayName: user.display_name })
  if (problem) return { ok: false, field: 'newPassword', error: problem }
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', input.userId).execute()
    await trx.deleteFrom('sessions').where('user_id', '=', input.userId).where('id', '!=', input.sessionId).execute()
  })
  return { ok: true }
}
