import type { Kysely } from 'kysely'
import type { Database } from '~db/schema'

export type SectionText = { key: string; heading: string; body: string }

/**
 * Publishing is the drafting feature's work; here a later version is written directly, the way
 * it ends up in the database: a published row, its sections, an event, the policy's current version.
 */
export async function insertVersion(
  db: Kysely<Database>,
  policyId: number,
  number: number,
  sections: SectionText[],
  at: string,
  status: 'published' | 'draft' = 'published',
) {
  const version = await db
    .insertInto('policy_versions')
    .values({
      policy_id: policyId,
      number,
      status,
      title: `Rancangan versi ${number}`,
      note: '',
      created_by: null,
      created_at: at,
      published_at: status === 'published' ? at : null,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow()
  if (sections.length) {
    await db
      .insertInto('sections')
      .values(sections.map((s, i) => ({ version_id: version.id, key: s.key, position: i + 1, heading: s.heading, body: s.body })))
      .execute()
  }
  if (status === 'published') {
    await db.updateTable('policies').set({ current_version_id: version.id, updated_at: at }).where('id', '=', policyId).execute()
    await db
      .insertInto('policy_events')
      .values({ policy_id: policyId, kind: 'version_published', version_id: version.id, actor_id: null, note: '', occurred_at: at })
      .execute()
  }
  return version.id
}

