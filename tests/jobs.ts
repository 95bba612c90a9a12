import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import pg from 'pg'
import type { Database } from '~db/schema'
import { isPostgres } from '~db/connection'
import type { JobDefinition } from '~/jobs/jobs.server'
import { type JobRunner, type JobRunnerOptions, startJobRunner } from '~/jobs/runner.server'

/** Waits until `check` returns a truthy value (polling); fails with `what` after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const started = performance.now()
  for (;;) {
    const value = await check()
    if (value) return value
    if (performance.now() - started > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * A job runner on a test database: in-process on SQLite; on PostgreSQL with pg-boss in a schema
 * of its own beside the test's, dropped by `stop`.
 */
export async function startTestRunner(
  db: Kysely<Database>,
  definitions: JobDefinition[],
  options: Partial<JobRunnerOptions> = {},
): Promise<JobRunner & { bossSchema: string | null }> {
  let bossSchema: string | null = null
  let postgres: JobRunnerOptions['postgres']
  if (isPostgres(db)) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
    bossSchema = `${rows[0].schema}_boss`
    postgres = { connectionString: process.env.TEST_DATABASE_URL!, schema: bossSchema, pollingIntervalSeconds: 0.5 }
  }
  const runner = await startJobRunner({ db, definitions, pollMs: 50, sweepMs: 200, leaseMs: 1000, postgres, ...options })
  return {
    ...runner,
    bossSchema,
    async stop() {
      await runner.stop()
    },
  }
}

/** Drops a pg-boss schema made by `startTestRunner` (after every runner using it stopped). */
export async function dropBossSchema(schema: string | null) {
  if (!schema) return
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
  await client.connect()
  await client.query(`drop schema if exists ${schema} cascade`)
  await client.end()
}
