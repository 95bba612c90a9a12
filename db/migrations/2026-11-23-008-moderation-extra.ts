import type { Kysely } from 'kysely'

// Frozen in time: never import application code here.
// The moderation queue's extras: when a moderator last reviewed an input's flags, and the audit
// log read per organisation filtered by action.

export async function up(db: Kysely<any>): Promise<void> {
  // Flags given before a moderator published (or restored) an input were already weighed: only
  // flags after this time count towards holding it again.
  await db.schema.alterTable('inputs').addColumn('flags_reviewed_at', 'text').execute()
  await db.schema.createIndex('audit_log_organisation_action').on('audit_log').columns(['organisation_id', 'action', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_organisation_action').execute()
  await db.schema.alterTable('inputs').dropColumn('flags_reviewed_at').execute()
}
