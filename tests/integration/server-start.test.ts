import { spawnSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() }
}

describe('starting the portal with a bad configuration', () => {
  test.each([
    ['an unsupported scheme', { DATABASE_URL: 'mysql://root@localhost/rembuk' }, /scheme "mysql:" is not supported/],
    ['a malformed PostgreSQL URL', { DATABASE_URL: 'postgres://user@host:99999/db' }, /not a valid PostgreSQL URL/],
    ['an unreachable PostgreSQL server', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/rembuk' }, /Cannot reach the database .*ECONNREFUSED/],
    ['a port that is not a number', { PORT: 'delapan' }, /PORT "delapan" is not a port number/],
  ])('%s stops it with one clear line', (_, env, message) => {
    const { status, stderr } = start(env)
    expect(status).toBe(1)
    expect(stderr.split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^Rembuk cannot start: /)
    expect(stderr).toMatch(message)
  })
})
