import { randomBytes } from 'node:crypto'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Kysely } from 'kysely'
import type { Database } from '~db/schema'
import { EmailTakenError, hashPassword, normaliseEmail, registerUser } from '~/domain/auth.server'
import { deliverOutbox } from '~/domain/notifications.server'
import { hit } from '~/domain/rate-limit.server'
import type { Locale } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import { clockNow } from '~/lib/clock'
import { absoluteUrl } from '~/lib/mailer.server'

// Registration and e-mail verification (docs/decisions/019-accounts-hardening.md).
// Registering answers the same whether or not the address has an account: a new address gets a
// verification link; an existing owner gets a mail saying someone tried, and nothing changes.

export const VERIFICATION_TTL_MS = 48 * 60 * 60_000
const HOUR_MS = 60 * 60_000
/** Mails to one address an hour (verification links, "someone tried to register"): no mail bombing. */
const MAILS_PER_ADDRESS_PER_HOUR = 3

/** REGISTRATIONS_PER_ADDRESS_PER_HOUR, 10 by default. */
export function registrationsPerAddressPerHour(): number {
  const raw = Number(process.env.REGISTRATIONS_PER_ADDRESS_PER_HOUR)
  return Number.isSafeInteger(raw) && raw > 0 ? raw : 10
}

/** Counts one registration from an address; when over the limit, how long until another. */
export async function registrationAllowed(db: Kysely<Database>, address: string | null, now = clockNow()) {
  if (!address) return { allowed: true as const }
  return hit(db, `register:${address}`, registrationsPerAddressPerHour(), HOUR_MS, now)
}

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export async function createVerificationToken(db: Kysely<Database>, userId: number, now = clockNow()): Promise<string> {
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20))
  await db
    .insertInto('email_verifications')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + VERIFICATION_TTL_MS).toISOString(),
    })
    .execute()
  return token
}

/** Marks the e-mail verified when the token is known and unexpired; every token of that account is then spent. */
export async function verifyEmailToken(db: Kysely<Database>, token: string, now = clockNow()): Promise<number | null> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('email_verifications').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst()
    if (!row || Date.parse(row.expires_at) <= now.getTime()) return null
    await trx
      .updateTable('users')
      .set({ email_verified_at: now.toISOString() })
      .where('id', '=', row.user_id)
      .where('email_verified_at', 'is', null)
      .execute()
    await trx.deleteFrom('email_verifications').where('user_id', '=', row.user_id).execute()
    return row.user_id
  })
}

async function queueMail(db: Kysely<Database>, mail: { userId: number; to: string; subject: string; body: string }, now: Date) {
  const row = await db
    .insertInto('outbox')
    .values({ user_id: mail.userId, to_address: mail.to, subject: mail.subject, body: mail.body, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  // Sending runs on after the answer; a failure stays in the outbox for a retry.
  void deliverOutbox(db, [row.id])
}

function verificationLink(token: string, redirectTo?: string) {
  const query = redirectTo && redirectTo !== '/' ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''
  return absoluteUrl(`/verifikasi-email/${token}${query}`)
}

export async function sendVerificationMail(
  db: Kysely<Database>,
  user: { id: number; email: string; displayName: string },
  locale: Locale,
  redirectTo?: string,
  now = clockNow(),
): Promise<boolean> {
  const limit = await hit(db, `mail:${user.email}`, MAILS_PER_ADDRESS_PER_HOUR, HOUR_MS, now)
  if (!limit.allowed) return false
  const token = await createVerificationToken(db, user.id, now)
  const t = translator(locale)
  const body = [
    t('mail.greeting', { name: user.displayName }),
    '',
    t('account.verify.mail.body'),
    '',
    verificationLink(token, redirectTo),
    '',
    t('account.verify.mail.expiry'),
    '',
    '-- ',
    t('mail.footer'),
    '',
  ].join('\n')
  await queueMail(db, { userId: user.id, to: user.email, subject: t('account.verify.mail.subject'), body }, now)
  return true
}

async function sendAlreadyRegisteredMail(
  db: Kysely<Database>,
  user: { id: number; email: string; display_name: string; locale: string | null },
  locale: Locale,
  now: Date,
) {
  const limit = await hit(db, `mail:${user.email}`, MAILS_PER_ADDRESS_PER_HOUR, HOUR_MS, now)
  if (!limit.allowed) return
  const t = translator(user.locale === 'en' || user.locale === 'id' ? user.locale : locale)
  const body = [
    t('mail.greeting', { name: user.display_name }),
    '',
    t('account.register.existing.body'),
    '',
    absoluteUrl('/masuk'),
    '',
    '-- ',
    t('mail.footer'),
    '',
  ].join('\n')
  await queueMail(db, { userId: user.id, to: user.email, subject: t('account.register.existing.subject'), body }, now)
}

/**
 * Registers a new account (unverified, with a link mailed to it), or, when the address already
 * has one, mails its owner instead. Both take the time of one password hash and return nothing.
 */
export async function registerOrNotify(
  db: Kysely<Database>,
  input: { email: string; displayName: string; password: string; locale: Locale; redirectTo?: string },
  now = clockNow(),
): Promise<void> {
  const email = normaliseEmail(input.email)
  const existing = await db.selectFrom('users').select(['id', 'email', 'display_name', 'locale']).where('email', '=', email).executeTakeFirst()
  if (existing) {
    await hashPassword(input.password)
    await sendAlreadyRegisteredMail(db, existing, input.locale, now)
    return
  }
  let user
  try {
    user = await registerUser(db, { email, displayName: input.displayName, password: input.password, locale: input.locale })
  } catch (error) {
    if (error instanceof EmailTakenError) return
    throw error
  }
  await sendVerificationMail(db, { id: user.id, email: user.email, displayName: user.display_name }, input.locale, input.redirectTo, now)
}
