import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BackupError, backupDatabase, restoreDatabase } from '~db/backup'
import { type DatabaseConfig, createDatabase, isPostgres, parseDatabaseUrl } from '~db/connection'
import { migrateToLatest } from '~db/migrate'
import type { Database } from '~db/schema'
import { seedDemo } from '~db/seed/demo'
import { TEST_NOW } from '../clock'
import { type Dialect, dialects } from '../db'

// Tables the busy writer below changes; every other table must come back exactly as it was.
const WRITTEN = new Set(['inputs', 'input_consents', 'section_input_counts'])

/** A fresh, empty database of its own (the backup and restore commands work on whole databases). */
async function freshDatabase(dialect: Dialect, dir: string, name: string) {
  if (dialect === 'sqlite') {
    const config: DatabaseConfig = { dialect: 'sqlite', file: path.join(dir, `${name}.sqlite`) }
    return { config, drop: async () => {} }
  }
  const base = new URL(process.env.TEST_DATABASE_URL!)
  const database = `rembuk_${name}_${crypto.randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: base.toString() })
  await admin.connect()
  await admin.query(`create database ${database}`)
  await admin.end()
  base.pathname = `/${database}`
  const config = parseDatabaseUrl(base.toString())
  return {
    config,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${database} with (force)`)
      await cleanup.end()
    },
  }
}

async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const rows = isPostgres(db)
    ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows
  return rows.map((r) => r.name).sort()
}

/** Every row of a table, as comparable text, in a stable order. */
async function rowsOf(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)
  return rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort()
}

/**
 * Gives inputs, each in one transaction with its consent and its section's count, until told to
 * stop: the portal at work while the backup runs.
 */
function startWriting(db: Kysely<Database>) {
  let stop = false
  let written = 0
  const done = (async () => {
    const template = await db.selectFrom('inputs').selectAll().where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow()
    while (!stop) {
      await db.transaction().execute(async (trx) => {
        const { id: _id, ...rest } = template
        const row = await trx
          .insertInto('inputs')
          .values({ ...rest, tracking_number: `BK${String(written).padStart(2, '0')}-${crypto.randomBytes(2).toString('hex').toUpperCase()}`, client_token: null, duplicate_group_id: null, theme_id: null })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx.insertInto('input_consents').values({ input_id: row.id, purpose: 'processing', statement: `Salinan ${written}`, given_at: TEST_NOW }).execute()
        await trx
          .updateTable('section_input_counts')
          .set({ published: sql`published + 1` })
          .where('version_id', '=', template.version_id)
          .where('section_key', '=', template.section_key)
          .execute()
      })
      written++
      // Let other work run between transactions, as requests do (SQLite's driver never waits).
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  return {
    written: () => written,
    stop: async () => {
      stop = true
      await done
    },
  }
}

describe.each(dialects)('backup and restore on %s', (dialect) => {
  let dir: string
  const drops: (() => Promise<void>)[] = []
  const open: Kysely<Database>[] = []

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rembuk-backup-'))
  })
  afterAll(async () => {
    for (const db of open) await db.destroy()
    for (const drop of drops) await drop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('a backup of a busy demo restores into a fresh database with every table row by row', async () => {
    const source = await freshDatabase(dialect, dir, 'source')
    drops.push(source.drop)
    const db = createDatabase(source.config)
    open.push(db)
    await migrateToLatest(db)
    await seedDemo(db, new Date(TEST_NOW), { story: true })
    const before = Number((await db.selectFrom('inputs').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow()).max)

    const writer = startWriting(db)
    while (writer.written() < 5) await new Promise((r) => setTimeout(r, 5))
    const startedAt = writer.written()
    const file = path.join(dir, dialect === 'sqlite' ? 'backup.sqlite' : 'backup.dump')
    await backupDatabase(source.config, file)
    const duringBackup = writer.written() - startedAt
    await writer.stop()
    expect(duringBackup, 'inputs given while the backup ran').toBeGreaterThan(0)

    const target = await freshDatabase(dialect, dir, 'restored')
    drops.push(target.drop)
    await restoreDatabase(target.config, file)
    const restored = createDatabase(target.config)
    open.push(restored)

    const tables = await tableNames(db)
    expect(await tableNames(restored)).toEqual(tables)
    expect(tables.length).toBeGreaterThan(30)
    for (const table of tables.filter((t) => !WRITTEN.has(t))) {
      expect(await rowsOf(restored, table), table).toEqual(await rowsOf(db, table))
    }

    // The written tables hold one moment: every input up to some point, each with its consent,
    // and the section counts that match them: never half a transaction.
    const restoredInputs = await restored.selectFrom('inputs').select('id').orderBy('id').execute()
    const cut = restoredInputs[restoredInputs.length - 1].id
    expect(cut).toBeGreaterThan(before)
    expect(cut).toBeLessThan(before + writer.written() + 1)
    const sourceUpTo = async (k: Kysely<Database>, table: 'inputs' | 'input_consents') => {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(table === 'inputs' ? 'id' : 'input_id')} <= ${cut}`.execute(k)
      return rows.map((r) => JSON.stringify(Object.keys(r).sort().map((key) => [key, r[key]]))).sort()
    }
    expect(await sourceUpTo(restored, 'inputs')).toEqual(await sourceUpTo(db, 'inputs'))
    expect(await rowsOf(restored, 'inputs')).toEqual(await sourceUpTo(db, 'inputs'))
    expect(await rowsOf(restored, 'input_consents')).toEqual(await sourceUpTo(db, 'input_consents'))
    const counted = await restored
      .selectFrom('inputs')
      .select(['version_id', 'section_key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'published')
      .groupBy(['version_id', 'section_key'])
      .execute()
    const counts = await restored.selectFrom('section_input_counts').select(['version_id', 'section_key', 'published']).execute()
    for (const c of counted) {
      const stored = counts.find((s) => s.version_id === c.version_id && s.section_key === c.section_key)
      expect(Number(stored?.published), `${c.version_id}/${c.section_key}`).toBe(Number(c.n))
    }
  }, 120_000)

  test('a restore never overwrites a database that holds data, and a backup never overwrites a file', async () => {
    const source = await freshDatabase(dialect, dir, 'busy')
    drops.push(source.drop)
    const db = createDatabase(source.config)
    open.push(db)
    await migrateToLatest(db)
    const file = path.join(dir, `again-${dialect}`)
    await backupDatabase(source.config, file)
    await expect(backupDatabase(source.config, file)).rejects.toThrow(BackupError)
    await expect(restoreDatabase(source.config, file)).rejects.toThrow(/not empty/)
    await expect(restoreDatabase(source.config, path.join(dir, 'missing'))).rejects.toThrow(/no backup/)
  }, 60_000)
})
