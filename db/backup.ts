import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { type DatabaseConfig, DatabaseConfigError } from './connection'

// `npm run db:backup -- <file>` and `npm run db:restore -- <file>` (docs/decisions/018 names the
// choices): an online, consistent copy while the portal keeps serving, and its restore into an
// empty database. SQLite uses its backup API; PostgreSQL uses pg_dump and pg_restore.

/** A mistake a person must fix (a file in the way, a database not empty, a missing tool): one line. */
export class BackupError extends DatabaseConfigError {
  override name = 'BackupError'
}

// Every page in one step: the copy is one read snapshot, so writers elsewhere (WAL) never make it
// start over, however busy the portal is.
const ALL_PAGES = 0x7fffffff

export async function backupDatabase(config: DatabaseConfig, file: string): Promise<{ bytes: number }> {
  const target = path.resolve(file)
  if (fs.existsSync(target)) throw new BackupError(`${file} already exists; choose a new file name for the backup.`)
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`The folder of ${file} does not exist.`)
  if (config.dialect === 'sqlite') {
    if (!fs.existsSync(config.file)) throw new BackupError(`There is no SQLite database at ${config.file} to back up.`)
    const source = new SQLite(config.file, { fileMustExist: true })
    try {
      source.pragma('busy_timeout = 5000')
      await source.backup(target, { progress: () => ALL_PAGES })
    } finally {
      source.close()
    }
  } else {
    await pgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${target}`], config.connectionString)
  }
  return { bytes: fs.statSync(target).size }
}

export async function restoreDatabase(config: DatabaseConfig, file: string): Promise<void> {
  const source = path.resolve(file)
  if (!fs.existsSync(source)) throw new BackupError(`There is no backup at ${file}.`)
  if (config.dialect === 'sqlite') {
    await restoreSqlite(source, config.file)
    return
  }
  await assertEmptyPostgres(config.connectionString)
  await pgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', source], config.connectionString)
}

async function restoreSqlite(source: string, targetFile: string) {
  let backup: SQLite.Database
  try {
    backup = new SQLite(source, { readonly: true, fileMustExist: true })
    const check = backup.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new Error(String(check))
  } catch (error) {
    throw new BackupError(`${source} is not a usable SQLite backup: ${(error as Error).message}`)
  }
  try {
    if (fs.existsSync(targetFile)) {
      const target = new SQLite(targetFile)
      const tables = target.prepare(`select count(*) as n from sqlite_master where type = 'table'`).get() as { n: number }
      target.close()
      if (tables.n > 0) {
        throw new BackupError(
          `The database ${targetFile} is not empty; restore into a new DATABASE_URL (or stop the portal and move the file away first).`,
        )
      }
    }
    fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true })
    await backup.backup(path.resolve(targetFile), { progress: () => ALL_PAGES })
  } finally {
    backup.close()
  }
}

async function assertEmptyPostgres(connectionString: string) {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_toast%'`,
    )
    if (Number(rows[0].n) > 0) {
      throw new BackupError('The PostgreSQL database in DATABASE_URL is not empty; restore into a new, empty database (createdb).')
    }
  } finally {
    await client.end()
  }
}

/**
 * Runs pg_dump or pg_restore against the database. The password goes in the environment, not on
 * the command line where other users of the machine could read it.
 */
function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[], connectionString: string): Promise<void> {
  const url = new URL(connectionString)
  const env = { ...process.env }
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password)
  url.password = ''
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${url.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new BackupError(`${tool} is not installed; install the PostgreSQL client tools of the server's version (e.g. apt-get install postgresql-client).`)
          : error,
      )
    })
    child.on('close', (code) => {
      if (code === 0) return resolve()
      const line = stderr.trim().split('\n').find((l) => /error|mismatch|fatal/i.test(l)) ?? stderr.trim().split('\n')[0] ?? ''
      reject(
        new BackupError(
          /version mismatch/i.test(stderr)
            ? `${tool} is older than the PostgreSQL server; install the client tools of the server's version. (${line})`
            : `${tool} failed (exit ${code}): ${line}`,
        ),
      )
    })
  })
}
