import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { threadId } from 'node:worker_threads'
import { comparableText, minhash, shingles } from '~/domain/minhash'
import { closeCpuPool, runOnWorker } from '~/jobs/cpu.server'
import { jobProgressData } from '~/jobs/job-progress'
import {
  type JobContext,
  claimJob,
  defineJob,
  enqueueJob,
  getJob,
  queuedJobCount,
  requeueStaleJobs,
} from '~/jobs/jobs.server'
import { testTime } from '../clock'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { dropBossSchema, startTestRunner, waitFor } from '../jobs'

describe.each(dialects)('background jobs on %s', (dialect) => {
  let t: TestDb
  const bossSchemas: (string | null)[] = []
  beforeEach(async () => {
    t = await createTestDb(dialect)
  })
  afterEach(async () => {
    await t.destroy()
    for (const s of bossSchemas.splice(0)) await dropBossSchema(s)
  })

  async function runner(definitions: Parameters<typeof startTestRunner>[1], options: Parameters<typeof startTestRunner>[2] = {}) {
    const r = await startTestRunner(t.db, definitions, options)
    bossSchemas.push(r.bossSchema)
    return r
  }

  test('a job queued twice with the same key is one job, with the newest payload', async () => {
    const first = await enqueueJob(t.db, 'test.count', 'k1', { n: 1 })
    const second = await enqueueJob(t.db, 'test.count', 'k1', { n: 2 })
    const other = await enqueueJob(t.db, 'test.count', 'k2', { n: 3 })
    expect(first).toMatchObject({ status: 'queued', deduplicated: false })
    expect(second).toMatchObject({ id: first.id, status: 'queued', deduplicated: true })
    expect(other.id).not.toBe(first.id)
    expect(await countRows(t.db, 'jobs')).toBe(2)
    const row = await t.db.selectFrom('jobs').select('payload').where('id', '=', first.id).executeTakeFirstOrThrow()
    expect(JSON.parse(row.payload)).toEqual({ n: 2 })
    expect(await queuedJobCount(t.db)).toEqual({ queued: 2, running: 0 })
  })

  test('a job queued inside a transaction that rolls back is not queued', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, 'test.count', 'k1')
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await countRows(t.db, 'jobs')).toBe(0)
  })

  test('a run reports progress, then its result with the time it was computed; the latest result stays while a new run goes', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    let runs = 0
    const job = defineJob<{ items: number }>({
      name: 'test.sum',
      async run(ctx) {
        runs++
        for (let i = 1; i <= ctx.job.payload.items; i++) await ctx.progress(i, ctx.job.payload.items, 'menjumlah', true)
        if (runs === 2) await gate
        return { sum: ctx.job.payload.items * runs }
      },
    })
    const r = await runner([job])
    try {
      const { id } = await enqueueJob(t.db, 'test.sum', 'a', { items: 4 }, { organisationId: null })
      const done = await waitFor('first run', async () => {
        const j = await getJob(t.db, 'test.sum', 'a')
        return j?.status === 'done' ? j : null
      })
      expect(done).toMatchObject({ id, active: false, result: { sum: 4 }, progress: { done: 4, total: 4, percent: 100, note: 'menjumlah' } })
      expect(done.resultAt! >= testTime(0)).toBe(true)

      // A second run: while it waits, the page still has the first result and its time.
      await enqueueJob(t.db, 'test.sum', 'a', { items: 4 })
      const running = await waitFor('second run to start', async () => {
        const j = await getJob(t.db, 'test.sum', 'a')
        return j?.status === 'running' && j.progress.done === 4 ? j : null
      })
      expect(running).toMatchObject({ active: true, result: { sum: 4 }, resultAt: done.resultAt })
      expect(jobProgressData(running)).toMatchObject({ active: true, done: 4, total: 4, percent: 100, failed: false })
      release()
      const second = await waitFor('second run', async () => {
        const j = await getJob(t.db, 'test.sum', 'a')
        return j?.status === 'done' && (j.result as { sum: number }).sum === 8 ? j : null
      })
      expect(second.resultAt! >= done.resultAt!).toBe(true)
    } finally {
      release()
      await r.stop()
    }
  })

  test('asked for again while running, a job runs once more after (and only once more)', async () => {
    const seen: number[] = []
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const job = defineJob<{ v: number }>({
      name: 'test.rerun',
      async run(ctx) {
        seen.push(ctx.job.payload.v)
        if (seen.length === 1) await gate
        return { v: ctx.job.payload.v }
      },
    })
    const r = await runner([job])
    try {
      await enqueueJob(t.db, 'test.rerun', 'x', { v: 1 })
      await waitFor('first run to start', async () => seen.length === 1)
      for (const v of [2, 3, 4]) await enqueueJob(t.db, 'test.rerun', 'x', { v })
      release()
      const done = await waitFor('rerun', async () => {
        const j = await getJob(t.db, 'test.rerun', 'x')
        return j?.status === 'done' && seen.length === 2 ? j : null
      })
      expect(seen).toEqual([1, 4])
      expect(done.result).toEqual({ v: 4 })
    } finally {
      release()
      await r.stop()
    }
  })

  test('a failing run is retried; after its last try the job is failed with the error, its earlier result kept', async () => {
    let calls = 0
    const flaky = defineJob({
      name: 'test.flaky',
      maxAttempts: 3,
      retryDelaySeconds: 0.05,
      async run() {
        calls++
        if (calls < 2) throw new Error('database busy')
        return { ok: calls }
      },
    })
    const broken = defineJob({
      name: 'test.broken',
      maxAttempts: 2,
      retryDelaySeconds: 0.05,
      async run() {
        throw new Error('always broken')
      },
    })
    const r = await runner([flaky, broken])
    try {
      await enqueueJob(t.db, 'test.flaky', '1', {}, { maxAttempts: 3 })
      await enqueueJob(t.db, 'test.broken', '1', {}, { maxAttempts: 2 })
      const ok = await waitFor('flaky to succeed', async () => {
        const j = await getJob(t.db, 'test.flaky', '1')
        return j?.status === 'done' ? j : null
      }, 30_000)
      expect(ok).toMatchObject({ attempts: 2, result: { ok: 2 }, error: '' })
      const failed = await waitFor('broken to fail', async () => {
        const j = await getJob(t.db, 'test.broken', '1')
        return j?.status === 'failed' ? j : null
      }, 30_000)
      expect(failed).toMatchObject({ attempts: 2, active: false, error: 'always broken', result: null })
      expect(jobProgressData(failed)?.failed).toBe(true)
    } finally {
      await r.stop()
    }
  })

  test('a run whose worker died (heartbeat stopped) is queued again and resumes from its checkpoint', async () => {
    const { id } = await enqueueJob(t.db, 'test.resume', 'r', { steps: 10 })
    // A worker that claimed it, saved a checkpoint at step 6, and was killed.
    const claimed = await claimJob(t.db, 'test.resume', 'r', 'dead-worker')
    expect(claimed?.attempts).toBe(1)
    await t.db
      .updateTable('jobs')
      .set({ checkpoint: JSON.stringify({ next: 6 }), progress_done: 6, progress_total: 10, heartbeat_at: testTime(-60_000) })
      .where('id', '=', id)
      .execute()
    // Nobody else may take a running job.
    expect(await claimJob(t.db, 'test.resume', 'r', 'another')).toBeNull()

    const started: unknown[] = []
    const job = defineJob<{ steps: number }>({
      name: 'test.resume',
      async run(ctx: JobContext<{ steps: number }>) {
        started.push(ctx.resumeFrom)
        const from = (ctx.resumeFrom as { next: number } | null)?.next ?? 0
        for (let i = from; i < ctx.job.payload.steps; i++) await ctx.checkpoint({ next: i + 1 }, i + 1, ctx.job.payload.steps)
        return { from, attempt: ctx.job.attempt }
      },
    })
    const r = await runner([job])
    try {
      const done = await waitFor('resumed run', async () => {
        const j = await getJob(t.db, 'test.resume', 'r')
        return j?.status === 'done' ? j : null
      })
      expect(started).toEqual([{ next: 6 }])
      expect(done).toMatchObject({ result: { from: 6, attempt: 2 }, attempts: 2, progress: { done: 10, total: 10 } })
      const row = await t.db.selectFrom('jobs').select(['checkpoint', 'owner']).where('id', '=', id).executeTakeFirstOrThrow()
      expect(row).toEqual({ checkpoint: null, owner: null })
    } finally {
      await r.stop()
    }
  })

  test('a job killed on its last try is failed, not retried for ever', async () => {
    const { id } = await enqueueJob(t.db, 'test.dies', 'd', {}, { maxAttempts: 1 })
    await claimJob(t.db, 'test.dies', 'd', 'dead-worker')
    await t.db.updateTable('jobs').set({ heartbeat_at: testTime(-60_000) }).where('id', '=', id).execute()
    expect(await requeueStaleJobs(t.db, 1000)).toEqual([])
    expect(await getJob(t.db, 'test.dies', 'd')).toMatchObject({ status: 'failed', error: 'worker stopped' })
  })

  test('two runners on one database run each job exactly once', async () => {
    const runs = new Map<string, number>()
    const job = defineJob({
      name: 'test.once',
      async run(ctx) {
        runs.set(ctx.job.key, (runs.get(ctx.job.key) ?? 0) + 1)
        await new Promise((resolve) => setTimeout(resolve, 5))
        return null
      },
    })
    const a = await runner([job])
    const b = await runner([job])
    try {
      const keys = Array.from({ length: 24 }, (_, i) => `k${i}`)
      for (const key of keys) await enqueueJob(t.db, 'test.once', key)
      await waitFor('every job', async () => {
        const n = await t.db.selectFrom('jobs').select('id').where('status', '=', 'done').execute()
        return n.length === keys.length
      }, 30_000)
      expect([...runs.keys()].sort()).toEqual([...keys].sort())
      expect([...runs.values()].every((n) => n === 1)).toBe(true)
    } finally {
      await a.stop()
      await b.stop()
    }
  })
})

describe('CPU-bound steps in worker threads', () => {
  afterEach(async () => {
    await closeCpuPool()
  })

  test('a task runs on another thread and returns what the same code computes here', async () => {
    const { threadId: worker } = await runOnWorker('spin', { ms: 5 })
    expect(worker).not.toBe(threadId)
    const texts = [
      { proposed_text: 'Seleksi terbuka diumumkan tiga puluh hari sebelumnya', reason: 'Agar pelamar bersiap.' },
      { proposed_text: '', reason: 'Pendek.' },
    ]
    const signatures = await runOnWorker('signatures', { texts })
    expect(signatures).toEqual(texts.map((x) => ({ normalised: comparableText(x), signature: minhash(shingles(comparableText(x))) })))
  })
})
