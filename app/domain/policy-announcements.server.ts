import type { Kysely } from 'kysely'
import type { Database } from '~db/schema'
import { listInputGiverIds } from '~/domain/inputs.server'
import { notifyPolicyEvent } from '~/domain/notifications.server'
import { clockNow } from '~/lib/clock'

// Followers of a policy, and everyone who gave input on it, hear when a version is published and
// when a consultation opens or closes.

export async function announceVersionPublished(
  db: Kysely<Database>,
  input: { policyId: number; versionNumber: number; actorId: number | null },
) {
  return notifyPolicyEvent(db, {
    policyId: input.policyId,
    event: 'version_published',
    versionNumber: input.versionNumber,
    extraUserIds: await listInputGiverIds(db, input.policyId),
    excludeUserIds: input.actorId !== null ? [input.actorId] : [],
  })
}

/**
 * Announces every consultation that has opened or closed since the last sweep, once: each row
 * is claimed by an update that only one instance can win. Run periodically by the server.
 */
export async function announceConsultationChanges(db: Kysely<Database>, now = clockNow()) {
  const at = now.toISOString()
  const opened = await db
    .updateTable('consultations')
    .set({ opened_notified_at: at })
    .where('opened_notified_at', 'is', null)
    .where('opens_at', '<=', at)
    .where('closes_at', '>', at)
    .returning(['id', 'policy_id', 'closes_at'])
    .execute()
  for (const c of opened) {
    await notifyPolicyEvent(db, {
      policyId: c.policy_id,
      event: 'consultation_opened',
      closesAt: c.closes_at,
      extraUserIds: await listInputGiverIds(db, c.policy_id),
    })
  }
  const closed = await db
    .updateTable('consultations')
    .set({ closed_notified_at: at })
    .where('closed_notified_at', 'is', null)
    .where('closes_at', '<=', at)
    .returning(['id', 'policy_id', 'opened_notified_at'])
    .execute()
  // A consultation that opened and closed between two sweeps is announced as closed only.
  const unopened = closed.filter((c) => c.opened_notified_at === null).map((c) => c.id)
  if (unopened.length) {
    await db.updateTable('consultations').set({ opened_notified_at: at }).where('id', 'in', unopened).execute()
  }
  for (const c of closed) {
    await notifyPolicyEvent(db, {
      policyId: c.policy_id,
      event: 'consultation_closed',
      extraUserIds: await listInputGiverIds(db, c.policy_id),
    })
  }
  return { opened: opened.length, closed: closed.length }
}
