import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely'
import { isPostgres } from './connection'
import { migrations } from './migrations/index'
import type { Database } from './schema'

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one; with several
  // schemas in one database (tests, or other apps) it would find another schema's tables.
  const schema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Features are built on branches and land in any order: a database that already ran a later
    // migration still takes one that sorts before it (each migration stands on its own).
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    throw new Error(
      `Migration ${failed?.migrationName ?? ''} failed: ${(result.error as Error).message ?? result.error}`,
    )
  }
  return result
}
