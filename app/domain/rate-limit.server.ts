import type { Kysely } from 'kysely'
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
  const row = await db.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst()
  const start = row ? Date.parse(row.window_start) : 0
  const fresh = !row || now.getTime() - start >= windowMs
  if (!fresh && row.count >= limit) return { allowed: false, retryAfterMs: start + windowMs - now.getTime() }
  const values = { key, window_start: fresh ? now.toISOString() : row.window_start, count: fresh ? 1 : row.count + 1 }
  await db
    .insertInto('rate_limits')
    .values(values)
    .onConflict((oc) => oc.column('key').doUpdateSet({ window_start: values.window_start, count: values.count }))
    .execute()
  return { allowed: true }
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
