import { type ChildProcess, spawn } from 'node:child_process'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { isPostgres } from '~db/connection'
import { type TestDb, createTestDb, dialects } from '../db'
import { dropBossSchema, waitFor } from '../jobs'
import { type Fixture, NOW, setUpConsultation } from './grouping-fixture'

/*
 * Issue 8 item 12: an input acknowledged just before the process died must still be stored once
 * and be in the duplicate index after the restart. A child process (tests/fixtures/submit-loop.ts)
 * starts as the server does (and runs the duplicate index's background job, as the server does)
 * and gives inputs from eight workers at once; it is killed mid-load and started again.
 */

interface Run {
  child: ChildProcess
  acks: { trackingNumber: string; kind: string }[]
  stdout: string
  stderr: string
  exited: Promise<number | null>
}

function startPortal(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/submit-loop.ts'], {
    env: { ...process.env, REMBUK_CLOCK_START: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const run: Run = { child, acks: [], stdout: '', stderr: '', exited: new Promise((resolve) => child.on('exit', resolve)) }
  let partial = ''
  child.stdout!.on('data', (d) => {
    run.stdout += d
    partial += d
    const lines = partial.split('\n')
    partial = lines.pop()!
    for (const line of lines) {
      const [word, trackingNumber, kind] = line.split(' ')
      if (word === 'ack') run.acks.push({ trackingNumber, kind })
    }
  })
  child.stderr!.on('data', (d) => (run.stderr += d))
  return run
}

describe.each(dialects)('a portal killed while inputs arrive on %s', (dialect) => {
  let t: TestDb
  let f: Fixture
  let env: Record<string, string>
  let bossSchema: string | null = null
  const children: ChildProcess[] = []

  beforeEach(async () => {
    t = await createTestDb(dialect)
    f = await setUpConsultation(t)
    // Enough accounts that the hourly limit per account never refuses one of these inputs.
    const users = await t.db
      .insertInto('users')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          email: `beban${i}@rembuk.test`,
          display_name: `Warga ${i}`,
          password_hash: 'x',
          created_at: NOW.toISOString(),
        })),
      )
      .returning('id')
      .execute()
    env = {
      SUBMIT_CONSULTATION: String(f.consultationId),
      SUBMIT_USERS: users.map((u) => u.id).join(','),
      SUBMIT_NOW: NOW.toISOString(),
      SUBMIT_CONCURRENCY: '8',
    }
    if (isPostgres(t.db)) {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.db)
      bossSchema = `${rows[0].schema}_boss`
      Object.assign(env, { SUBMIT_DB: process.env.TEST_DATABASE_URL!, SUBMIT_SCHEMA: rows[0].schema, BOSS_SCHEMA: bossSchema })
    } else {
      const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(t.db)
      env.SUBMIT_DB = rows[0].file
    }
  })
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
    await t.destroy()
    await dropBossSchema(bossSchema)
    bossSchema = null
  })

  test('every acknowledged input is stored exactly once and, after the restart, indexed and grouped', async () => {
    const load = startPortal({ ...env, SUBMIT_LOAD: '1' })
    children.push(load.child)
    await waitFor('100 inputs acknowledged', async () => {
      if (load.child.exitCode !== null) throw new Error(`the portal stopped: ${load.stderr}`)
      return load.acks.length >= 100
    }, 20_000)
    load.child.kill('SIGKILL')
    await load.exited
    const acks = [...load.acks]

    const restart = startPortal(env)
    children.push(restart.child)
    expect(await restart.exited).toBe(0)
    expect(restart.stdout).toMatch(/^repaired \d+$/m)

    // Stored exactly once: each acknowledged number is one row, and numbers are never repeated.
    const numbers = acks.map((a) => a.trackingNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
    const stored = await t.db
      .selectFrom('inputs')
      .leftJoin('input_signatures', 'input_signatures.input_id', 'inputs.id')
      .select(['inputs.id', 'inputs.tracking_number', 'inputs.duplicate_group_id', 'inputs.reason', 'input_signatures.input_id as signed'])
      .where('inputs.consultation_id', '=', f.consultationId)
      .execute()
    const byNumber = new Map(stored.map((s) => [s.tracking_number, s]))
    expect(stored).toHaveLength(byNumber.size)
    expect(numbers.filter((n) => !byNumber.has(n))).toEqual([])

    // Indexed: every stored input, acknowledged or not, has its signature.
    expect(stored.filter((s) => s.signed === null).map((s) => s.tracking_number)).toEqual([])

    // Grouped: the copies of each text, acknowledged before the kill, are in one group each.
    const kinds = new Map<string, Set<number | null>>()
    for (const { trackingNumber, kind } of acks) {
      if (!kinds.has(kind)) kinds.set(kind, new Set())
      kinds.get(kind)!.add(byNumber.get(trackingNumber)!.duplicate_group_id)
    }
    expect([...kinds.keys()].sort()).toEqual(['campaign', 'short2', 'short3', 'short4'])
    const groups = [...kinds.values()].map((ids) => [...ids])
    for (const ids of groups) {
      expect(ids).toHaveLength(1)
      expect(ids[0]).not.toBeNull()
    }
    expect(new Set(groups.map((ids) => ids[0])).size).toBe(4)
  }, 60_000)
})
