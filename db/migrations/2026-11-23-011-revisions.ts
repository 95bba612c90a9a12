import type { Kysely } from 'kysely'

// Frozen in time: never import application code here.
// When followers and participants were told that a consultation opened or closed, so that the
// periodic sweep tells them once, whichever instance runs it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultations').addColumn('opened_notified_at', 'text').execute()
  await db.schema.alterTable('consultations').addColumn('closed_notified_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultations').dropColumn('closed_notified_at').execute()
  await db.schema.alterTable('consultations').dropColumn('opened_notified_at').execute()
}
