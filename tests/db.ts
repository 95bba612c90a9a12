import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { createDatabase, parseDatabaseUrl } from '~db/connection'
import { migrateToLatest } from '~db/migrate'
import type { Database } from '~db/schema'

export type Dialect = 'sqlite' | 'postgres'

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']

export interface TestDb {
  db: Kysely<Database>
  destroy: () => Promise<void>
}

/** A fresh, migrated database: a temporary SQLite file, or a new PostgreSQL schema. */
export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), `rembuk-${name}.sqlite`)
    const db = createDatabase({ dialect: 'sqlite', file })
    await migrateToLatest(db)
    return {
      db,
      destroy: async () => {
        await db.destroy()
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
      },
    }
  }
  const url = process.env.TEST_DATABASE_URL!
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${name}`)
  await admin.end()
  const db = createDatabase(parseDatabaseUrl(url), { schema: name })
  await migrateToLatest(db)
  return {
    db,
    destroy: async () => {
      await db.destroy()
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop schema ${name} cascade`)
      await cleanup.end()
    },
  }
}

export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
