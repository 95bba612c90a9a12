import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { CurrentSchemaPostgresDialect } from './current-schema-introspector'
import { StripNulPlugin } from './strip-nul'

export const DEFAULT_SQLITE_FILE = 'data/rembuk.sqlite'

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; connectionString: string; display: string }

/** A problem with DATABASE_URL that a person must fix; its message is one plain line. */
export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError'
}

/**
 * Reads DATABASE_URL: empty means the default SQLite file; a path or `file:` URL means SQLite;
 * `postgres://` or `postgresql://` means PostgreSQL.
 */
export function parseDatabaseUrl(raw: string | undefined): DatabaseConfig {
  const value = (raw ?? '').trim()
  if (value === '') return { dialect: 'sqlite', file: DEFAULT_SQLITE_FILE }

  if (/^postgres(ql)?:\/\//i.test(value)) {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new DatabaseConfigError(
        `DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user@host:5432/database).`,
      )
    }
    if (!url.hostname) {
      throw new DatabaseConfigError(`DATABASE_URL has no host name (expected postgres://user@host:5432/database).`)
    }
    if (url.pathname.replace(/^\//, '') === '') {
      throw new DatabaseConfigError(`DATABASE_URL names no database (expected postgres://user@host:5432/database).`)
    }
    const display = `postgres://${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}${url.pathname}`
    return { dialect: 'postgres', connectionString: value, display }
  }

  if (/^file:/i.test(value)) {
    let file: string
    if (value.startsWith('file://')) {
      try {
        file = decodeURIComponent(new URL(value).pathname)
      } catch {
        throw new DatabaseConfigError(`DATABASE_URL is not a valid file: URL.`)
      }
    } else {
      file = value.slice('file:'.length).split('?')[0]
    }
    if (!file) throw new DatabaseConfigError(`DATABASE_URL "file:" names no file.`)
    return { dialect: 'sqlite', file }
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const scheme = value.slice(0, value.indexOf(':'))
    throw new DatabaseConfigError(
      `DATABASE_URL scheme "${scheme}:" is not supported; use a file path, a file: URL or postgres://.`,
    )
  }
  return { dialect: 'sqlite', file: value }
}

export function describeDatabase(config: DatabaseConfig): string {
  return config.dialect === 'sqlite' ? `SQLite ${config.file}` : `PostgreSQL ${config.display}`
}

export interface CreateOptions {
  /** PostgreSQL only: put every table in this schema (tests use one schema per test file). */
  schema?: string
}

export function createDatabase(config: DatabaseConfig, options: CreateOptions = {}): Kysely<Database> {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true })
    let sqlite: SQLite.Database
    try {
      sqlite = new SQLite(config.file)
    } catch (error) {
      throw new DatabaseConfigError(`Cannot open SQLite file ${config.file}: ${(error as Error).message}`)
    }
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('synchronous = NORMAL')
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new StripNulPlugin()] })
  }

  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  // An idle client losing its connection must not crash the process.
  pool.on('error', (error) => console.error(`PostgreSQL pool error: ${error.message}`))
  return new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }), plugins: [new StripNulPlugin()] })
}

/** Opens the database and proves it answers; any failure becomes one DatabaseConfigError line. */
export async function connectDatabase(
  config: DatabaseConfig,
  options: CreateOptions = {},
): Promise<Kysely<Database>> {
  const db = createDatabase(config, options)
  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    await db.destroy().catch(() => {})
    const reason = (error as Error).message || (error as { code?: string }).code || String(error)
    throw new DatabaseConfigError(`Cannot reach the database (${describeDatabase(config)}): ${reason}`)
  }
  return db
}

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter'
}
