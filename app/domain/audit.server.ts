import type { Kysely, Transaction } from 'kysely'
import type { Database } from '~db/schema'
import { clockNow } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

/**
 * The audit log: who did what, to what, when and why. Append-only — this module only inserts
 * and reads; nothing in the application updates or deletes an audit row.
 */

/** Actions written by the moderation queue and the consultation settings; other features add theirs. */
export const AUDIT_ACTIONS = [
  'input.publish',
  'input.hide',
  'input.unhide',
  'input.markComplaint',
  'input.unmarkComplaint',
  'input.hold',
  'consultation.flagThreshold',
] as const
export type KnownAuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEntry {
  organisationId: number | null
  /** null for what the system did by itself (e.g. holding an input flagged by many people). */
  actorId: number | null
  action: string
  targetType: string
  targetId: number | null
  reason?: string
  details?: Record<string, unknown>
  /** Defaults to now. */
  at?: Date
}

function row(entry: AuditEntry) {
  return {
    organisation_id: entry.organisationId,
    actor_id: entry.actorId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    reason: entry.reason ?? '',
    details: JSON.stringify(entry.details ?? {}),
    created_at: (entry.at ?? clockNow()).toISOString(),
  }
}

/** Records one action. Pass the transaction that made the change, so both land or neither. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(row(entry)).execute()
}

/** Records several actions at once (one row each), e.g. a bulk moderation. */
export async function recordAudits(db: Db, entries: AuditEntry[]): Promise<void> {
  // Inserted in slices: PostgreSQL and SQLite cap the parameters of one statement.
  for (let i = 0; i < entries.length; i += 200) {
    await db.insertInto('audit_log').values(entries.slice(i, i + 200).map(row)).execute()
  }
}

export const AUDIT_PAGE_SIZE = 50

export interface AuditItem {
  id: number
  action: string
  targetType: string
  targetId: number | null
  reason: string
  details: Record<string, unknown>
  createdAt: string
  actorId: number | null
  actorName: string | null
}

/** An organisation's audit log, newest first, a page at a time (the cursor is the last id seen). */
export async function listAudit(
  db: Db,
  organisationId: number,
  options: { cursor?: number; action?: string; limit?: number } = {},
): Promise<{ items: AuditItem[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(options.limit ?? AUDIT_PAGE_SIZE, 1), 200)
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.reason',
      'audit_log.details',
      'audit_log.created_at',
      'audit_log.actor_id',
      'users.display_name as actor_name',
    ])
    .where('audit_log.organisation_id', '=', organisationId)
  if (options.action) query = query.where('audit_log.action', '=', options.action)
  if (options.cursor !== undefined) query = query.where('audit_log.id', '<', options.cursor)
  const rows = await query.orderBy('audit_log.id', 'desc').limit(limit + 1).execute()
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    reason: r.reason,
    details: parseDetails(r.details),
    createdAt: r.created_at,
    actorId: r.actor_id,
    actorName: r.actor_name,
  }))
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}

/** The actions an organisation's log holds, for the log's filter. */
export async function listAuditActions(db: Db, organisationId: number): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().where('organisation_id', '=', organisationId).orderBy('action').execute()
  return rows.map((r) => r.action)
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
