import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? files(full) : /\.(ts|tsx)$/.test(e.name) ? [full] : []
  })
}

test('nothing in the application updates or deletes audit rows', () => {
  const offenders = files(path.resolve('app')).filter((file) =>
    /(updateTable|deleteFrom)\(\s*['"]audit_log['"]|(update|delete\s+from)\s+audit_log\b/i.test(fs.readFileSync(file, 'utf8')),
  )
  expect(offenders).toEqual([])
})
