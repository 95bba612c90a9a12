// `npm test`: every test. Domain and route tests in Vitest (SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set), then the browser tests in Chromium against a fresh build.
import fs from 'node:fs'
import path from 'node:path'
import { CHROMIUM_HELP, findChromium } from './find-chromium.mjs'
import { build, ensureInstalled, root, run } from './lib.mjs'

ensureInstalled()
// Types first: a type error is a failing test, and the route types must be generated for it.
const typecheck = run('npx', ['react-router', 'typegen']) || run('npx', ['tsc'])
if (typecheck !== 0) {
  console.error('\nThe type check failed; fix it before the tests run.')
  console.log('\nTests: 0 passed, 1 failed, 0 skipped')
  process.exit(1)
}
const tmp = path.join(root, 'tests', '.tmp')
fs.mkdirSync(tmp, { recursive: true })
const vitestJson = path.join(tmp, 'vitest.json')
const playwrightJson = path.join(tmp, 'playwright.json')
for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true })

console.log(
  process.env.TEST_DATABASE_URL
    ? `Database tests run on SQLite and on ${process.env.TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}.`
    : 'Database tests run on SQLite (set TEST_DATABASE_URL=postgres://… to add PostgreSQL).',
)
// The build comes first: the browser tests serve it, and so does the Vitest suite's test of the
// real server (tests/integration/request-guard.test.ts), which would otherwise be skipped.
build()
const unitStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
])

let e2eStatus = 0
const only = process.env.TEST_ONLY
if (only !== 'unit') {
  if (!findChromium()) {
    console.error(CHROMIUM_HELP)
    e2eStatus = 1
  } else {
    e2eStatus = run('npx', ['playwright', 'test'], { env: { ...process.env, PLAYWRIGHT_JSON: playwrightJson } })
  }
}

let passed = 0
let failed = 0
let skipped = 0
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += v.numPendingTests + (v.numTodoTests ?? 0)
}
if (fs.existsSync(playwrightJson)) {
  const s = JSON.parse(fs.readFileSync(playwrightJson, 'utf8')).stats
  passed += s.expected + s.flaky
  failed += s.unexpected
  skipped += s.skipped
}
if (unitStatus !== 0 && failed === 0) failed = 1
if (e2eStatus !== 0 && failed === 0) failed = 1
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(unitStatus !== 0 || e2eStatus !== 0 ? 1 : 0)
