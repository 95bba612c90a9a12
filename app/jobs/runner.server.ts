import type { Kysely } from 'kysely'
import PgBoss from 'pg-boss'
import type { Database } from '~db/schema'
import { nowMs } from '~/lib/clock'
import {
  DEFAULT_LEASE_MS,
  type JobDefinition,
  claimJob,
  dueJobs,
  newWorkerId,
  onJobQueued,
  requeueStaleJobs,
  runClaimedJob,
} from '~/jobs/jobs.server'

/*
 * Runs queued jobs (docs/decisions/024-background-jobs.md). Two ways to the same rows:
 * - SQLite (one process): an in-process loop takes due rows, woken at once by `enqueueJob`.
 * - PostgreSQL (several instances): pg-boss carries "job name+key is due" to the workers of every
 *   instance; whichever claims the row runs it. pg-boss retries a failed run with backoff.
 * Both sweep for runs whose heartbeat stopped (a killed instance) and queue them again.
 */

export interface JobRunnerOptions {
  db: Kysely<Database>
  definitions: JobDefinition[]
  /** Jobs run at once by this process. Default 2. */
  concurrency?: number
  leaseMs?: number
  /** How often the SQLite loop looks for due rows without being woken. Default 1000. */
  pollMs?: number
  /** How often stale runs are queued again (and, on PostgreSQL, due rows handed to pg-boss). */
  sweepMs?: number
  /** PostgreSQL: use pg-boss, in this schema (created when missing). */
  postgres?: { connectionString: string; schema?: string; pollingIntervalSeconds?: number }
  /** Called with each run's outcome (tests, metrics). */
  onOutcome?: (event: { name: string; key: string; outcome: string; workerId: string }) => void
}

export interface JobRunner {
  workerId: string
  /** Jobs this process is running now. */
  running(): number
  stop(): Promise<void>
}

export const PG_BOSS_QUEUE = 'rembuk-jobs'
export const DEFAULT_BOSS_SCHEMA = 'rembuk_pgboss'

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { db } = options
  const definitions = new Map(options.definitions.map((d) => [d.name, d]))
  const concurrency = Math.max(1, options.concurrency ?? 2)
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const workerId = newWorkerId()
  const stopping = new AbortController()
  const inFlight = new Set<Promise<unknown>>()
  const report = (name: string, key: string, outcome: string) => options.onOutcome?.({ name, key, outcome, workerId })

  async function runOne(name: string, key: string) {
    const definition = definitions.get(name)
    if (!definition) return { outcome: 'unknown' as const }
    if (stopping.signal.aborted) return { outcome: 'stopped' as const }
    const row = await claimJob(db, name, key, workerId)
    if (!row) return { outcome: 'not-claimed' as const }
    const result = await runClaimedJob(db, definition, row, workerId, { leaseMs, stopSignal: stopping.signal })
    if (result.outcome === 'failed' || result.outcome === 'retry') {
      console.warn(`Job ${name} ${key} failed (${result.outcome}): ${(result.error as Error)?.message ?? result.error}`)
    }
    report(name, key, result.outcome)
    return result
  }

  function track<T>(promise: Promise<T>, set = inFlight): Promise<T> {
    set.add(promise)
    promise.finally(() => set.delete(promise)).catch(() => {})
    return promise
  }
  // Sweeps and polls under way, awaited by stop() so none touches the database after it.
  const chores = new Set<Promise<unknown>>()
  const chore = (promise: Promise<unknown>) => void track(promise, chores)

  const timers: NodeJS.Timeout[] = []
  let unsubscribe: () => void = () => {}
  let boss: PgBoss | null = null

  if (!options.postgres) {
    // ---- SQLite: in-process ----
    const local = new Set<string>()
    let pumping = false
    let again = false
    const pump = async () => {
      if (stopping.signal.aborted) return
      if (pumping) {
        again = true
        return
      }
      pumping = true
      try {
        do {
          again = false
          if (local.size >= concurrency) break
          const due = await dueJobs(db, concurrency * 4)
          for (const { name, key } of due) {
            if (local.size >= concurrency || stopping.signal.aborted) break
            const id = `${name}\u0000${key}`
            if (local.has(id) || !definitions.has(name)) continue
            local.add(id)
            track(
              runOne(name, key)
                .then((r) => {
                  if (r.outcome === 'retry' && 'runAfter' in r && r.runAfter) {
                    const t = setTimeout(() => void pump(), Math.max(0, Date.parse(r.runAfter) - nowMs()))
                    t.unref()
                  }
                })
                .catch((error) => console.error(`Job ${name} ${key} could not run: ${(error as Error).message}`))
                .finally(() => {
                  local.delete(id)
                  void pump()
                }),
            )
          }
        } while (again)
      } catch (error) {
        if (!stopping.signal.aborted) console.error(`Job runner: ${(error as Error).message}`)
      } finally {
        pumping = false
      }
    }
    const sweep = async () => {
      try {
        await requeueStaleJobs(db, leaseMs)
      } catch (error) {
        if (!stopping.signal.aborted) console.error(`Job sweep: ${(error as Error).message}`)
      }
      await pump()
    }
    unsubscribe = onJobQueued(() => chore(pump()))
    timers.push(setInterval(() => chore(pump()), options.pollMs ?? 1000))
    timers.push(setInterval(() => chore(sweep()), options.sweepMs ?? 5000))
    chore(sweep())
  } else {
    // ---- PostgreSQL: pg-boss ----
    const pgOptions = options.postgres
    boss = new PgBoss({
      connectionString: pgOptions.connectionString,
      schema: pgOptions.schema ?? DEFAULT_BOSS_SCHEMA,
      application_name: 'rembuk-jobs',
      max: 3,
      schedule: false,
      // Runs of ours that outlive this are still guarded by the row's claim and heartbeat.
      expireInHours: 6,
    })
    boss.on('error', (error) => {
      if (!stopping.signal.aborted) console.error(`pg-boss: ${error.message}`)
    })
    await boss.start()
    if (!(await boss.getQueue(PG_BOSS_QUEUE))) {
      try {
        // "short": at most one waiting message per job, however often it is asked for.
        await boss.createQueue(PG_BOSS_QUEUE, { name: PG_BOSS_QUEUE, policy: 'short', retryLimit: 5, retryDelay: 5, retryBackoff: true })
      } catch (error) {
        // Another instance created it at the same moment.
        if ((error as { code?: string }).code !== '23505') throw error
      }
    }
    const theBoss = boss
    const workerIds: string[] = []
    const send = async (name: string, key: string) => {
      if (stopping.signal.aborted) return
      await theBoss.send(PG_BOSS_QUEUE, { name, key }, { singletonKey: `${name}|${key}` })
      for (const id of workerIds) theBoss.notifyWorker(id)
    }
    const sendQuietly = (name: string, key: string) =>
      send(name, key).catch((error) => {
        if (!stopping.signal.aborted) console.error(`pg-boss send: ${(error as Error).message}`)
      })
    for (let i = 0; i < concurrency; i++) {
      workerIds.push(
        await boss.work<{ name: string; key: string }>(
          PG_BOSS_QUEUE,
          { batchSize: 1, pollingIntervalSeconds: pgOptions.pollingIntervalSeconds ?? 2 },
          async ([job]) => {
            const { name, key } = job.data
            if (!definitions.has(name)) throw new Error(`no job named ${name} in this instance`)
            const result = await track(runOne(name, key))
            // pg-boss retries the message with backoff; the row says when it may run.
            if (result.outcome === 'retry') throw result.error instanceof Error ? result.error : new Error(String(result.error))
            if (result.outcome === 'requeued') await sendQuietly(name, key)
          },
        ),
      )
    }
    const sweep = async () => {
      try {
        for (const job of await requeueStaleJobs(db, leaseMs)) await sendQuietly(job.name, job.key)
        // A message lost between a commit and its send (or never sent: jobs queued inside a
        // transaction, by another process) is sent again; pg-boss keeps one waiting per job.
        for (const job of await dueJobs(db, 100)) if (definitions.has(job.name)) await sendQuietly(job.name, job.key)
      } catch (error) {
        if (!stopping.signal.aborted) console.error(`Job sweep: ${(error as Error).message}`)
      }
    }
    unsubscribe = onJobQueued((name, key) => chore(sendQuietly(name, key)))
    timers.push(setInterval(() => chore(sweep()), options.sweepMs ?? 5000))
    chore(sweep())
  }
  for (const t of timers) t.unref()

  return {
    workerId,
    running: () => inFlight.size,
    async stop() {
      stopping.abort()
      unsubscribe()
      for (const t of timers) clearInterval(t)
      await Promise.allSettled([...inFlight, ...chores])
      if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}
