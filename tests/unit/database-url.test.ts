import { describe, expect, test } from 'vitest'
import { DEFAULT_SQLITE_FILE, DatabaseConfigError, connectDatabase, parseDatabaseUrl } from '~db/connection'

describe('parseDatabaseUrl', () => {
  test('empty means the default SQLite file', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: 'sqlite', file: DEFAULT_SQLITE_FILE })
    expect(parseDatabaseUrl('  ')).toEqual({ dialect: 'sqlite', file: DEFAULT_SQLITE_FILE })
  })
  test('a path or file: URL means SQLite', () => {
    expect(parseDatabaseUrl('data/x.sqlite')).toEqual({ dialect: 'sqlite', file: 'data/x.sqlite' })
    expect(parseDatabaseUrl('file:./data/y.db')).toEqual({ dialect: 'sqlite', file: './data/y.db' })
    expect(parseDatabaseUrl('file:///var/lib/rembuk/z.db')).toEqual({ dialect: 'sqlite', file: '/var/lib/rembuk/z.db' })
  })
  test('postgres:// means PostgreSQL, shown without its password', () => {
    const config = parseDatabaseUrl('postgres://app:s3cret@db.internal:5432/rembuk')
    expect(config).toMatchObject({ dialect: 'postgres', display: 'postgres://app@db.internal:5432/rembuk' })
    expect(parseDatabaseUrl('postgresql://u@h/d').dialect).toBe('postgres')
  })
  test.each([
    ['mysql://root@localhost/db', /scheme "mysql:" is not supported/],
    ['postgres://', /not a valid PostgreSQL URL|no host/],
    ['postgres://user@host:99999/db', /not a valid PostgreSQL URL/],
    ['postgres://user@host:5432', /names no database/],
    ['file:', /names no file/],
  ])('%s is refused with one clear line', (url, message) => {
    let caught: unknown
    try {
      parseDatabaseUrl(url)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(DatabaseConfigError)
    expect((caught as Error).message).toMatch(message)
    expect((caught as Error).message).not.toContain('\n')
  })
  test('an unreachable PostgreSQL server is reported in one line', async () => {
    const error = await connectDatabase(parseDatabaseUrl('postgres://nobody@127.0.0.1:1/none')).catch((e) => e)
    expect(error).toBeInstanceOf(DatabaseConfigError)
    expect(error.message).toMatch(/^Cannot reach the database \(PostgreSQL postgres:\/\/nobody@127\.0\.0\.1:1\/none\): .*ECONNREFUSED/)
  })
})
