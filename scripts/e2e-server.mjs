// The server the browser tests drive: a fresh SQLite file with the demo data, on PORT.
import fs from 'node:fs'
import path from 'node:path'
import { root, run } from './lib.mjs'

const file = path.join(root, 'tests', '.tmp', 'e2e.sqlite')
fs.mkdirSync(path.dirname(file), { recursive: true })
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
process.exit(
  run(process.execPath, ['--import', 'tsx', 'server.ts', '--seed-demo'], {
    env: { ...process.env, DATABASE_URL: file, HOST: '127.0.0.1' },
  }),
)
