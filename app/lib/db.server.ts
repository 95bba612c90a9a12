import type { Kysely } from 'kysely'
import { createDatabase, parseDatabaseUrl } from '~db/connection'
import type { Database } from '~db/schema'

let instance: Kysely<Database> | null = null

/** The process's database, opened from DATABASE_URL on first use. */
export function getDb(): Kysely<Database> {
  if (!instance) instance = createDatabase(parseDatabaseUrl(process.env.DATABASE_URL))
  return instance
}

/** Tests point loaders and actions at their own database. */
export function setDb(db: Kysely<Database> | null): void {
  instance = db
}
