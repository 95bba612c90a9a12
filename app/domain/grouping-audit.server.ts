import type { Kysely, Transaction } from 'kysely'
import type { Database } from '~db/schema'
import { nowIso } from '~/lib/time'

type Db = Kysely<Database> | Transaction<Database>

/**
 * Appends one row to the audit log for a grouping decision (duplicates and themes). Kept to this
 * one helper so it can give way to the shared audit module in one edit.
 */
export async function auditGrouping(
  db: Db,
  entry: {
    consultationId: number
    actorId: number | null
    action: string
    targetType: 'input' | 'theme' | 'duplicate_group' | 'consultation'
    targetId: number | null
    reason?: string
    details?: Record<string, unknown>
  },
) {
  const org = await db
    .selectFrom('consultations')
    .innerJoin('policies', 'policies.id', 'consultations.policy_id')
    .select('policies.organisation_id')
    .where('consultations.id', '=', entry.consultationId)
    .executeTakeFirst()
  await db
    .insertInto('audit_log')
    .values({
      organisation_id: org?.organisation_id ?? null,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason ?? '',
      details: JSON.stringify({ consultationId: entry.consultationId, ...entry.details }),
      created_at: nowIso(),
    })
    .execute()
}
