import type { Kysely } from 'kysely'
import { isPostgres } from '~db/connection'
import type { Database } from '~db/schema'
import { clockNow } from '~/lib/clock'

/**
 * Fixed-window counters in the database, shared by every instance. `hit` counts one attempt
 * and says whether it is within the limit; when not, how long until the window ends.
 */
export async function hit(
  db: Kysely<Database>,
  key: string,
  limit: number,
  windowMs: number,
  now = clockNow(),
): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
  // Read and count in one transaction holding the row (FOR UPDATE on PostgreSQL; SQLite has one
  // writer), so parallel requests cannot all pass under the limit.
  const run = async (trx: Kysely<Database>) => {
    await trx
      .insertInto('rate_limits')
      .values({ key, window_start: now.toISOString(), count: 0 })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    let query = trx.selectFrom('rate_limits').selectAll().where('key', '=', key)
    if (isPostgres(db)) query = query.forUpdate()
    const row = await query.executeTakeFirstOrThrow()
    const start = Date.parse(row.window_start)
    const fresh = now.getTime() - start >= windowMs
    if (!fresh && row.count >= limit) return { allowed: false as const, retryAfterMs: start + windowMs - now.getTime() }
    await trx
      .updateTable('rate_limits')
      .set({ window_start: fresh ? now.toISOString() : row.window_start, count: fresh ? 1 : row.count + 1 })
      .where('key', '=', key)
      .execute()
    return { allowed: true as const }
  }
  return db.isTransaction ? run(db) : db.transaction().execute(run)
}

/** Checks without counting. */
export async function isLimited(
  db: Kysely<Database>,
  key: string,
  limit: number,
  windowMs: number,
  now = clockNow(),
): Promise<number> {
  const row = await db.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst()
  if (!row) return 0
  const start = Date.parse(row.window_start)
  if (now.getTime() - start >= windowMs || row.count < limit) return 0
  return start + windowMs - now.getTime()
}
