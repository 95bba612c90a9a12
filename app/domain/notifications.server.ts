import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database, NotificationKind } from '~db/schema'
import { DEFAULT_LOCALE, type Locale, type MessageKey, isLocale } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import type { Actor } from '~/domain/permissions.server'
import { absoluteUrl, isMailConfigured, sendMail } from '~/lib/mailer.server'
import { formatDateTime, nowIso } from '~/lib/time'

type Db = Kysely<Database> | Transaction<Database>

/** Notifications not tied to an organisation are dated in WIB. */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta'
export const NOTIFICATIONS_PAGE_SIZE = 20
export const OUTBOX_PAGE_SIZE = 50
/** A mail that failed this often is left for a person to look at. */
export const MAX_SEND_ATTEMPTS = 5
// Keeps every IN list and multi-row insert well under SQLite's and PostgreSQL's parameter limits.
const CHUNK = 400

// ---------------------------------------------------------------------------------------------
// Text in the recipient's language

/** A value inside a message, written out in each recipient's language. */
export type TextVar = string | number | { key: MessageKey } | { dateTime: string; timeZone: string }

/** Text for a recipient: the same for everyone, one per language, or a catalogue message. */
export type LocalisedText = string | Record<Locale, string> | { key: MessageKey; vars?: Record<string, TextVar> }

export function renderText(text: LocalisedText, locale: Locale): string {
  if (typeof text === 'string') return text
  if (!('key' in text)) return text[locale] ?? text[DEFAULT_LOCALE]
  const t = translator(locale)
  const vars: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(text.vars ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') vars[name] = value
    else if ('key' in value) vars[name] = t(value.key)
    else vars[name] = formatDateTime(value.dateTime, value.timeZone, locale)
  }
  return t(text.key, vars)
}

function localeOf(stored: string | null): Locale {
  return isLocale(stored) ? stored : DEFAULT_LOCALE
}

/** The language a person's mail and notifications are written in (set when they choose one). */
export async function setUserLocale(db: Db, userId: number, locale: Locale): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute()
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function assertPortalPath(link: string): void {
  if (!link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) {
    throw new Error(`notification link must be a path inside the portal: ${link}`)
  }
}

// ---------------------------------------------------------------------------------------------
// Notifying

export type MailReason = 'policy' | 'input'

export interface NotifyInput {
  userIds: number[]
  kind: NotificationKind
  title: LocalisedText
  body: LocalisedText
  /** A path inside the portal; mails carry it as a full link (PUBLIC_URL). */
  link: string
  /** The policy it concerns: dates are shown in its organisation's time zone. */
  policyId?: number | null
  /** Why the person gets the mail, said at its foot. */
  reason?: MailReason
  at?: string
}

export interface DeliveryReport {
  tried: number
  sent: number
  failed: number
}

export interface NotifyResult {
  /** How many people were notified (each once). */
  notified: number
  outboxIds: number[]
  /**
   * Sending runs after the records are written and never rejects; await it only to wait for
   * the outcome (tests do). Inside a transaction nothing is sent: call deliverOutbox(db, outboxIds)
   * after the commit.
   */
  delivery: Promise<DeliveryReport>
}

const NO_DELIVERY: DeliveryReport = { tried: 0, sent: 0, failed: 0 }

/**
 * Notifies each person once, in the portal and by e-mail, in their own language.
 * The e-mail is recorded in the outbox first; sending never makes this call fail.
 */
export async function notify(db: Db, input: NotifyInput): Promise<NotifyResult> {
  assertPortalPath(input.link)
  const ids = [...new Set(input.userIds.filter((id) => Number.isInteger(id)))]
  if (ids.length === 0) return { notified: 0, outboxIds: [], delivery: Promise.resolve(NO_DELIVERY) }
  const at = input.at ?? nowIso()

  const record = async (trx: Db) => {
    const outboxIds: number[] = []
    let notified = 0
    for (const part of chunks(ids)) {
      const users = await trx
        .selectFrom('users')
        .select(['id', 'email', 'display_name', 'locale'])
        .where('id', 'in', part)
        .orderBy('id')
        .execute()
      if (users.length === 0) continue
      notified += users.length
      const written = users.map((user) => {
        const locale = localeOf(user.locale)
        return { user, locale, title: renderText(input.title, locale), body: renderText(input.body, locale) }
      })
      await trx
        .insertInto('notifications')
        .values(
          written.map((w) => ({
            user_id: w.user.id,
            kind: input.kind,
            title: w.title,
            body: w.body,
            link: input.link,
            policy_id: input.policyId ?? null,
            created_at: at,
            read_at: null,
          })),
        )
        .execute()
      const rows = await trx
        .insertInto('outbox')
        .values(
          written.map((w) => ({
            user_id: w.user.id,
            to_address: w.user.email,
            subject: w.title,
            body: composeMail({
              locale: w.locale,
              name: w.user.display_name,
              body: w.body,
              link: input.link,
              reason: input.reason,
            }),
            created_at: at,
          })),
        )
        .returning('id')
        .execute()
      outboxIds.push(...rows.map((r) => r.id))
    }
    return { notified, outboxIds }
  }

  const { notified, outboxIds } = db.isTransaction
    ? await record(db)
    : await (db as Kysely<Database>).transaction().execute(record)
  const delivery =
    db.isTransaction || !isMailConfigured() || outboxIds.length === 0
      ? Promise.resolve(NO_DELIVERY)
      : deliverOutbox(db as Kysely<Database>, outboxIds)
  return { notified, outboxIds, delivery }
}

/** The plain-text mail: greeting, the message, the full link, and why it was sent. */
export function composeMail(input: { locale: Locale; name: string; body: string; link: string; reason?: MailReason }): string {
  const t = translator(input.locale)
  const lines = [t('mail.greeting', { name: input.name }), '', input.body, '', t('mail.open'), absoluteUrl(input.link), '', '-- ']
  if (input.reason) lines.push(t(input.reason === 'policy' ? 'mail.why.policy' : 'mail.why.input'))
  lines.push(t('mail.all'), absoluteUrl('/akun/pemberitahuan'), '', t('mail.footer'), '')
  return lines.join('\n')
}

/**
 * Tries to send the given outbox mails, one by one, and records each outcome on its row.
 * Never rejects. Mails already sent are skipped, so calling it twice sends nothing twice.
 */
export async function deliverOutbox(db: Kysely<Database>, outboxIds: number[]): Promise<DeliveryReport> {
  const report: DeliveryReport = { tried: 0, sent: 0, failed: 0 }
  if (!isMailConfigured()) return report
  for (const id of outboxIds) {
    try {
      const mail = await db
        .selectFrom('outbox')
        .leftJoin('users', 'users.id', 'outbox.user_id')
        .select(['outbox.id', 'outbox.to_address', 'outbox.subject', 'outbox.body', 'users.display_name'])
        .where('outbox.id', '=', id)
        .where('outbox.sent_at', 'is', null)
        .executeTakeFirst()
      if (!mail) continue
      report.tried++
      const outcome = await sendMail({
        to: mail.to_address,
        toName: mail.display_name ?? undefined,
        subject: mail.subject,
        text: mail.body,
      })
      if (outcome.ok) report.sent++
      else report.failed++
      await db
        .updateTable('outbox')
        .set({
          attempts: sql<number>`attempts + 1`,
          sent_at: outcome.ok ? nowIso() : null,
          last_error: outcome.ok ? null : outcome.error.slice(0, 2000),
        })
        .where('id', '=', id)
        .execute()
    } catch (error) {
      // The database itself failed (e.g. closed during shutdown); the row stays unsent for a retry.
      console.warn(`Rembuk could not record mail ${id}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return report
}

/** Retries every unsent mail that has not failed too often, oldest first. */
export async function deliverPending(db: Kysely<Database>, limit = 200): Promise<DeliveryReport> {
  if (!isMailConfigured()) return { ...NO_DELIVERY }
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('attempts', '<', MAX_SEND_ATTEMPTS)
    .orderBy('id')
    .limit(limit)
    .execute()
  return deliverOutbox(
    db,
    rows.map((r) => r.id),
  )
}

// ---------------------------------------------------------------------------------------------
// Reading one's notifications

export async function listNotifications(
  db: Db,
  userId: number,
  options: { cursor?: number | null; limit?: number } = {},
) {
  const limit = options.limit ?? NOTIFICATIONS_PAGE_SIZE
  let query = db
    .selectFrom('notifications')
    .leftJoin('policies', 'policies.id', 'notifications.policy_id')
    .leftJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.title',
      'notifications.body',
      'notifications.link',
      'notifications.created_at',
      'notifications.read_at',
      'organisations.time_zone',
    ])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.id', 'desc')
    .limit(limit + 1)
  if (options.cursor) query = query.where('notifications.id', '<', options.cursor)
  const rows = await query.execute()
  const items = rows.slice(0, limit).map((r) => ({ ...r, time_zone: r.time_zone ?? DEFAULT_TIME_ZONE }))
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Marks some (or all) of a person's own notifications read; returns how many changed. */
export async function markRead(db: Db, userId: number, which: number[] | 'all', at = nowIso()): Promise<number> {
  if (which !== 'all' && which.length === 0) return 0
  let query = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
  if (which !== 'all') query = query.where('id', 'in', which.slice(0, CHUNK))
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

// ---------------------------------------------------------------------------------------------
// Following a policy

/** Returns true when the person was not following yet. */
export async function followPolicy(db: Db, userId: number, policyId: number, at = nowIso()): Promise<boolean> {
  const result = await db
    .insertInto('policy_followers')
    .values({ policy_id: policyId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['policy_id', 'user_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/** Returns true when the person was following. */
export async function unfollowPolicy(db: Db, userId: number, policyId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('policy_followers')
    .where('policy_id', '=', policyId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function isFollowing(db: Db, userId: number, policyId: number): Promise<boolean> {
  const row = await db
    .selectFrom('policy_followers')
    .select('id')
    .where('policy_id', '=', policyId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

export async function listFollowerIds(db: Db, policyId: number): Promise<number[]> {
  const rows = await db.selectFrom('policy_followers').select('user_id').where('policy_id', '=', policyId).orderBy('user_id').execute()
  return rows.map((r) => r.user_id)
}

export interface FollowState {
  signedIn: boolean
  following: boolean
}

/** What the follow button shows; policy pages put it in their loader data as `follow`. */
export async function getFollowState(db: Db, actor: Pick<Actor, 'id'> | null, policyId: number): Promise<FollowState> {
  if (!actor) return { signedIn: false, following: false }
  return { signedIn: true, following: await isFollowing(db, actor.id, policyId) }
}

// ---------------------------------------------------------------------------------------------
// What happens to a policy, and to an input

export type PolicyEventNotice =
  | { event: 'version_published'; versionNumber: number }
  | { event: 'consultation_opened'; closesAt?: string | null }
  | { event: 'consultation_closed' }

export type PolicyEventInput = PolicyEventNotice & {
  policyId: number
  /** Everyone else to tell, e.g. everyone who gave input on the policy. */
  extraUserIds?: number[]
  /** People not to tell, e.g. the moderator who did it. */
  excludeUserIds?: number[]
  /** Defaults to the policy page (for a version: that version's page). */
  link?: string
  at?: string
}

/** Tells the policy's followers, and the extra people given, once each. */
export async function notifyPolicyEvent(db: Db, input: PolicyEventInput): Promise<NotifyResult> {
  const policy = await db
    .selectFrom('policies')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .select(['policies.id', 'policies.slug', 'policies.title', 'organisations.name as organisation', 'organisations.time_zone'])
    .where('policies.id', '=', input.policyId)
    .executeTakeFirst()
  if (!policy) throw new Error(`no policy ${input.policyId}`)

  const excluded = new Set(input.excludeUserIds ?? [])
  const userIds = [...(await listFollowerIds(db, policy.id)), ...(input.extraUserIds ?? [])].filter((id) => !excluded.has(id))
  const vars = { policy: policy.title, organisation: policy.organisation }
  const base = `/kebijakan/${policy.slug}`

  let title: LocalisedText
  let body: LocalisedText
  let link = base
  switch (input.event) {
    case 'version_published':
      title = { key: 'notify.versionPublished.title', vars: { ...vars, version: input.versionNumber } }
      body = { key: 'notify.versionPublished.body', vars: { ...vars, version: input.versionNumber } }
      link = `${base}/versi/${input.versionNumber}`
      break
    case 'consultation_opened':
      title = { key: 'notify.consultationOpened.title', vars }
      body = input.closesAt
        ? {
            key: 'notify.consultationOpened.body',
            vars: { ...vars, closesAt: { dateTime: input.closesAt, timeZone: policy.time_zone } },
          }
        : { key: 'notify.consultationOpened.bodyOpenEnded', vars }
      break
    case 'consultation_closed':
      title = { key: 'notify.consultationClosed.title', vars }
      body = { key: 'notify.consultationClosed.body', vars }
      break
  }
  return notify(db, {
    userIds,
    kind: input.event,
    title,
    body,
    link: input.link ?? link,
    policyId: policy.id,
    reason: 'policy',
    at: input.at,
  })
}

export type Decision = 'diterima' | 'diterima_sebagian' | 'ditolak' | 'sudah_diakomodasi' | 'dicatat'

/** Tells the person who gave an input that it has been answered, and how. */
export async function notifyInputAnswered(
  db: Db,
  input: { userId: number; trackingNumber: string; decision: Decision; link: string; policyId?: number | null; at?: string },
): Promise<NotifyResult> {
  const policy = input.policyId
    ? await db.selectFrom('policies').select(['id', 'title']).where('id', '=', input.policyId).executeTakeFirst()
    : undefined
  const vars = {
    trackingNumber: input.trackingNumber,
    decision: { key: `notify.decision.${input.decision}` as MessageKey },
    policy: policy?.title ?? '',
  }
  return notify(db, {
    userIds: [input.userId],
    kind: 'input_answered',
    title: { key: 'notify.inputAnswered.title', vars },
    body: { key: policy ? 'notify.inputAnswered.bodyPolicy' : 'notify.inputAnswered.body', vars },
    link: input.link,
    policyId: policy?.id ?? null,
    reason: 'input',
    at: input.at,
  })
}

// ---------------------------------------------------------------------------------------------
// The outbox, for platform admins

export async function listOutbox(db: Db, options: { cursor?: number | null; limit?: number } = {}) {
  const limit = options.limit ?? OUTBOX_PAGE_SIZE
  let query = db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'created_at', 'sent_at', 'attempts', 'last_error'])
    .orderBy('id', 'desc')
    .limit(limit + 1)
  if (options.cursor) query = query.where('id', '<', options.cursor)
  const rows = await query.execute()
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}

export async function getOutboxMail(db: Db, id: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'body', 'created_at', 'sent_at', 'attempts', 'last_error'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export type MailStatus = 'sent' | 'failed' | 'waiting'

export function mailStatus(mail: { sent_at: string | null; last_error: string | null }): MailStatus {
  if (mail.sent_at) return 'sent'
  return mail.last_error ? 'failed' : 'waiting'
}
