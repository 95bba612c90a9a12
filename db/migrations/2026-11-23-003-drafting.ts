import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.

// At most one draft per policy, whoever else is editing at the same moment: the draft is the
// one place the team writes the next version. A partial unique index, on both dialects.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('policy_versions_one_draft')
    .on('policy_versions')
    .column('policy_id')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('draft'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('policy_versions_one_draft').execute()
}
