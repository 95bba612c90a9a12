import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { clockNow, nowIso, setClock } from '~/lib/clock'
import { TEST_NOW } from '../clock'

const root = path.resolve(import.meta.dirname, '..', '..')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sourceFiles(full)
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [full] : []
  })
}

describe('one clock', () => {
  test('nothing but app/lib/clock.ts reads the system clock: app, seed, server, scripts and tests ask the portal’s clock', () => {
    const files = [...['app', 'db', 'scripts', 'tests'].flatMap((d) => sourceFiles(path.join(root, d))), path.join(root, 'server.ts')]
    const readers = files
      .filter((f) => path.relative(root, f) !== path.join('app', 'lib', 'clock.ts') && f !== import.meta.filename)
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(root, f)}:${i + 1}` }))
          .filter(({ line }) => /\bDate\.now\(\)|new Date\(\)/.test(line.replace(/\/\/.*$/, '')))
          .map(({ at }) => at),
      )
    expect(readers).toEqual([])
  })

  test('the suite’s clock starts at the same instant in every test file and runs on from there', async () => {
    const first = clockNow().getTime()
    expect(first).toBeGreaterThanOrEqual(Date.parse(TEST_NOW))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(clockNow().getTime()).toBeGreaterThan(first)
    setClock('2030-01-01T00:00:00.000Z')
    expect(nowIso().slice(0, 10)).toBe('2030-01-01')
    setClock(TEST_NOW)
  })
})
