import { type ChildProcess, spawn } from 'node:child_process'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { isPostgres } from '~db/connection'
import { enqueueJob, getJob } from '~/jobs/jobs.server'
import { type TestDb, createTestDb, dialects } from '../db'
import { dropBossSchema, waitFor } from '../jobs'

/** A job runner in its own process (tests/fixtures/job-worker.ts), as the server runs one. */
function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/job-worker.ts'], {
    env: { ...process.env, REMBUK_CLOCK_START: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let err = ''
    // Forwarded, so a worker that fails after it was ready says why in the test's output.
    child.stderr!.on('data', (d) => {
      err += d
      process.stderr.write(d)
    })
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve(child))
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${err}`)))
  })
}

describe.each(dialects)('a job whose process is killed on %s', (dialect) => {
  let t: TestDb
  let env: Record<string, string>
  let bossSchema: string | null = null
  const children: ChildProcess[] = []

  beforeEach(async () => {
    t = await createTestDb(dialect)
    if (isPostgres(t.db)) {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.db)
      bossSchema = `${rows[0].schema}_boss`
      env = { JOB_DB: process.env.TEST_DATABASE_URL!, JOB_SCHEMA: rows[0].schema, BOSS_SCHEMA: bossSchema }
    } else {
      const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(t.db)
      env = { JOB_DB: rows[0].file }
    }
  })
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
    await t.destroy()
    await dropBossSchema(bossSchema)
  })

  test('SIGKILL mid-run: another process takes the job over and resumes it from its last checkpoint', async () => {
    // Queued by the portal (the clock of the test), run by the workers (their own clocks).
    await t.db.transaction().execute((trx) => enqueueJob(trx, 'test.steps', 'k', { steps: 40 }))
    await sql`update jobs set run_after = '2000-01-01T00:00:00.000Z'`.execute(t.db)

    const first = await startWorker(env)
    children.push(first)
    const midway = await waitFor('the first process to be midway', async () => {
      const job = await getJob(t.db, 'test.steps', 'k')
      return job && job.progress.done >= 8 ? job : null
    }, 60_000)
    first.kill('SIGKILL')
    expect(midway.status).toBe('running')

    const second = await startWorker(env)
    children.push(second)
    const done = await waitFor('the job to finish in the second process', async () => {
      const job = await getJob(t.db, 'test.steps', 'k')
      return job?.status === 'done' ? job : null
    }, 60_000)
    const result = done.result as { resumedFrom: number; attempt: number; pid: number }
    expect(result.pid).toBe(second.pid)
    expect(result.attempt).toBe(2)
    expect(result.resumedFrom).toBeGreaterThanOrEqual(midway.progress.done)
    expect(result.resumedFrom).toBeLessThan(40)
    expect(done.progress).toMatchObject({ done: 40, total: 40 })
  }, 120_000)
})
