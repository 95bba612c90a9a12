import crypto from 'node:crypto'
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely'
import type { Database, JobStatus, JobTable } from '~db/schema'
import { nowIso, nowMs } from '~/lib/clock'

/*
 * Background jobs (docs/decisions/024-background-jobs.md).
 *
 * A job is named (`grouping.consultation`) and keyed (`42`): one row per name and key holds its
 * state, progress, checkpoint and latest result. Enqueueing a job that is already queued changes
 * nothing but its payload; enqueueing one that is running asks for one more run after this one
 * (the data changed since it started). Runs are claimed with a conditional update, so a job runs
 * on one worker at a time on either database, and a worker keeps its claim alive with a
 * heartbeat: a run whose heartbeat stops (the process was killed) is queued again and resumes
 * from its last checkpoint.
 *
 * This module holds everything both databases share. How queued rows reach a worker differs:
 * `runner.server.ts` polls the table in-process on SQLite and hands them to pg-boss on PostgreSQL.
 */

type Db = Kysely<Database> | Transaction<Database>
export type JobRow = Selectable<JobTable>
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export interface JobContext<P = unknown> {
  db: Kysely<Database>
  job: { id: number; name: string; key: string; attempt: number; payload: P; organisationId: number | null }
  /** What the previous, interrupted attempt saved with `checkpoint()`; null on a fresh run. */
  resumeFrom: unknown
  /** Progress shown to people; written at most every PROGRESS_INTERVAL_MS unless `force`. */
  progress(done: number, total?: number | null, note?: string, force?: boolean): Promise<void>
  /** Saves where to resume after a kill (and the progress so far), at once. */
  checkpoint(state: Json, done?: number, total?: number | null): Promise<void>
  /** Aborted when this worker lost the job (its heartbeat went stale) or the runner stops. */
  signal: AbortSignal
}

export interface JobDefinition<P = any> {
  name: string
  /** Tries before the job is marked failed (a kill counts as a try). Default 3. */
  maxAttempts?: number
  /** Seconds before the first retry; doubles each time. Default 5. */
  retryDelaySeconds?: number
  run(ctx: JobContext<P>): Promise<Json | void>
}

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(definition.name)) {
    throw new Error(`job name "${definition.name}" must look like "area.what"`)
  }
  return definition
}

export const DEFAULT_MAX_ATTEMPTS = 3
export const PROGRESS_INTERVAL_MS = 500
/** A running job whose heartbeat is older than this is taken to be dead and queued again. */
export const DEFAULT_LEASE_MS = 30_000

const iso = (ms: number) => new Date(ms).toISOString()

export class JobKeyError extends Error {
  override name = 'JobKeyError'
}

/**
 * Queues a run of job `name` for `key`. Safe inside the caller's transaction (the job is queued
 * exactly when the change that needs it commits); a runner in this process is woken after
 * `wakeJobRunners()`, which `enqueueJob` calls itself when not inside a transaction.
 */
export async function enqueueJob(
  db: Db,
  name: string,
  key: string | number,
  payload: Json = {},
  options: { organisationId?: number | null; maxAttempts?: number } = {},
): Promise<{ id: number; status: JobStatus; deduplicated: boolean }> {
  const jobKey = String(key)
  if (jobKey.length === 0 || jobKey.length > 200) throw new JobKeyError('a job key is 1 to 200 characters')
  const now = nowIso()
  const body = JSON.stringify(payload)
  // One statement: a new row is queued; a finished one is queued again; a queued one takes the
  // newest payload; a running one is asked to run once more when it ends.
  const row = await db
    .insertInto('jobs')
    .values({
      name,
      key: jobKey,
      status: 'queued',
      payload: body,
      organisation_id: options.organisationId ?? null,
      max_attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_after: now,
      queued_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['name', 'key']).doUpdateSet({
        payload: body,
        rerun: sql<number>`case when jobs.status = 'running' then 1 else jobs.rerun end`,
        attempts: sql<number>`case when jobs.status in ('done', 'failed') then 0 else jobs.attempts end`,
        run_after: sql<string>`case when jobs.status in ('done', 'failed') then ${now} else jobs.run_after end`,
        queued_at: sql<string>`case when jobs.status in ('done', 'failed') then ${now} else jobs.queued_at end`,
        error: sql<string>`case when jobs.status in ('done', 'failed') then '' else jobs.error end`,
        status: sql<JobStatus>`case when jobs.status in ('done', 'failed') then 'queued' else jobs.status end`,
        updated_at: now,
      }),
    )
    .returning(['id', 'status', 'queued_at', 'rerun'])
    .executeTakeFirstOrThrow()
  // Queued by this call when it was (re)queued just now and is not a rerun of a running job.
  const deduplicated = !(row.status === 'queued' && row.queued_at === now)
  if (!db.isTransaction) wakeJobRunners(name, jobKey)
  return { id: row.id, status: row.status, deduplicated }
}

// Runners in this process register here. The server's runner and the request handlers may be two
// copies of this module (tsx and the Vite build), so the registry lives on globalThis.
type Wake = (name: string, key: string) => void
const WAKERS = Symbol.for('rembuk.jobs.wakers')
function wakers(): Set<Wake> {
  const g = globalThis as unknown as Record<symbol, Set<Wake> | undefined>
  return (g[WAKERS] ??= new Set())
}
export function onJobQueued(wake: Wake): () => void {
  wakers().add(wake)
  return () => wakers().delete(wake)
}
/** Tells this process's runners that a job was queued (call after the enqueueing transaction commits). */
export function wakeJobRunners(name: string, key: string | number): void {
  for (const wake of wakers()) wake(name, String(key))
}

export interface JobView {
  id: number
  name: string
  key: string
  status: JobStatus
  /** A run is queued or in progress. */
  active: boolean
  progress: { done: number; total: number | null; note: string; percent: number | null }
  attempts: number
  startedAt: string | null
  finishedAt: string | null
  /** The latest successful result and when it was computed (kept while a new run is going). */
  result: unknown
  resultAt: string | null
  error: string
}

export function jobView(row: JobRow): JobView {
  const total = row.progress_total === null ? null : Number(row.progress_total)
  const done = Number(row.progress_done)
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    status: row.status,
    active: row.status === 'queued' || row.status === 'running',
    progress: {
      done,
      total,
      note: row.progress_note,
      percent: total && total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : null,
    },
    attempts: Number(row.attempts),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result === null ? null : JSON.parse(row.result),
    resultAt: row.result_at,
    error: row.error,
  }
}

export async function getJob(db: Db, name: string, key: string | number): Promise<JobView | null> {
  const row = await db.selectFrom('jobs').selectAll().where('name', '=', name).where('key', '=', String(key)).executeTakeFirst()
  return row ? jobView(row) : null
}

export async function getJobById(db: Db, id: number): Promise<(JobView & { organisationId: number | null }) | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? { ...jobView(row), organisationId: row.organisation_id } : null
}

/** Jobs waiting to run (queued, due or not): the queue depth operators watch. */
export async function queuedJobCount(db: Db): Promise<{ queued: number; running: number }> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['queued', 'running'])
    .groupBy('status')
    .execute()
  const of = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0)
  return { queued: of('queued'), running: of('running') }
}

// ---- Running (shared by both runners) ----

/** A name for this process's workers, unique per start. */
export function newWorkerId(): string {
  return `${process.pid}-${crypto.randomBytes(4).toString('hex')}`
}

/** Takes a due queued job for this worker; null when it is not queued or not due (another worker has it). */
export async function claimJob(db: Kysely<Database>, name: string, key: string, owner: string): Promise<JobRow | null> {
  const now = nowIso()
  const row = await db
    .updateTable('jobs')
    .set({
      status: 'running',
      owner,
      heartbeat_at: now,
      started_at: now,
      finished_at: null,
      attempts: sql<number>`attempts + 1`,
      rerun: 0,
      progress_done: sql<number>`case when checkpoint is null then 0 else progress_done end`,
      progress_total: sql<number | null>`case when checkpoint is null then null else progress_total end`,
      updated_at: now,
    })
    .where('name', '=', name)
    .where('key', '=', key)
    .where('status', '=', 'queued')
    .where('run_after', '<=', now)
    .returningAll()
    .executeTakeFirst()
  return row ?? null
}

/** Due queued jobs, oldest first (the SQLite runner's and the PostgreSQL sweep's list). */
export async function dueJobs(db: Kysely<Database>, limit: number): Promise<{ name: string; key: string }[]> {
  return db
    .selectFrom('jobs')
    .select(['name', 'key'])
    .where('status', '=', 'queued')
    .where('run_after', '<=', nowIso())
    .orderBy('run_after')
    .orderBy('id')
    .limit(limit)
    .execute()
}

/**
 * Queues again every running job whose heartbeat is older than the lease: its worker died
 * (SIGKILL, power loss). The try counts; its checkpoint is kept, so it resumes.
 */
export async function requeueStaleJobs(db: Kysely<Database>, leaseMs = DEFAULT_LEASE_MS): Promise<{ name: string; key: string }[]> {
  const now = nowIso()
  const rows = await db
    .updateTable('jobs')
    .set({
      status: sql<JobStatus>`case when attempts >= max_attempts then 'failed' else 'queued' end`,
      error: sql<string>`case when attempts >= max_attempts then 'worker stopped' else error end`,
      finished_at: sql<string | null>`case when attempts >= max_attempts then ${now} else null end`,
      owner: null,
      run_after: now,
      updated_at: now,
    })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', iso(nowMs() - leaseMs))
    .returning(['name', 'key', 'status'])
    .execute()
  return rows.filter((r) => r.status === 'queued').map((r) => ({ name: r.name, key: r.key }))
}

export type RunOutcome = 'done' | 'requeued' | 'retry' | 'failed' | 'lost'

/**
 * Runs a claimed job to its end: heartbeat while it runs, then its result (or its error) written
 * only if this worker still owns it. Never throws for the job's own failure.
 */
export async function runClaimedJob(
  db: Kysely<Database>,
  definition: JobDefinition,
  row: JobRow,
  owner: string,
  options: { leaseMs?: number; stopSignal?: AbortSignal } = {},
): Promise<{ outcome: RunOutcome; error?: unknown; runAfter?: string }> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const controller = new AbortController()
  const stop = () => controller.abort(new Error('runner stopped'))
  options.stopSignal?.addEventListener('abort', stop)
  const mine = (q: any) => q.where('id', '=', row.id).where('owner', '=', owner).where('status', '=', 'running')

  let lastProgress = 0
  const beat = async () => {
    const result = await mine(db.updateTable('jobs').set({ heartbeat_at: nowIso() })).executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) controller.abort(new Error('job lost'))
  }
  const heartbeat = setInterval(() => beat().catch(() => {}), Math.max(200, Math.floor(leaseMs / 3)))
  heartbeat.unref?.()

  const ctx: JobContext = {
    db,
    job: {
      id: row.id,
      name: row.name,
      key: row.key,
      attempt: Number(row.attempts),
      payload: JSON.parse(row.payload),
      organisationId: row.organisation_id,
    },
    resumeFrom: row.checkpoint === null ? null : JSON.parse(row.checkpoint),
    signal: controller.signal,
    async progress(done, total, note, force) {
      const at = nowMs()
      if (!force && at - lastProgress < PROGRESS_INTERVAL_MS) return
      lastProgress = at
      await mine(
        db.updateTable('jobs').set({
          progress_done: Math.floor(done),
          ...(total !== undefined ? { progress_total: total === null ? null : Math.floor(total) } : {}),
          ...(note !== undefined ? { progress_note: note.slice(0, 200) } : {}),
          heartbeat_at: iso(at),
        }),
      ).execute()
    },
    async checkpoint(state, done, total) {
      lastProgress = nowMs()
      await mine(
        db.updateTable('jobs').set({
          checkpoint: JSON.stringify(state),
          ...(done !== undefined ? { progress_done: Math.floor(done) } : {}),
          ...(total !== undefined ? { progress_total: total === null ? null : Math.floor(total) } : {}),
          heartbeat_at: nowIso(),
        }),
      ).execute()
    },
  }

  try {
    const result = await definition.run(ctx)
    if (controller.signal.aborted) throw controller.signal.reason
    const now = nowIso()
    const finished = await mine(
      db.updateTable('jobs').set({
        status: sql<JobStatus>`case when rerun = 1 then 'queued' else 'done' end`,
        attempts: sql<number>`case when rerun = 1 then 0 else attempts end`,
        run_after: now,
        queued_at: sql<string>`case when rerun = 1 then ${now} else queued_at end`,
        rerun: 0,
        owner: null,
        checkpoint: null,
        result: JSON.stringify(result ?? null),
        result_at: now,
        finished_at: now,
        error: '',
        updated_at: now,
      }),
    )
      .returning(['status'])
      .executeTakeFirst()
    if (!finished) return { outcome: 'lost' }
    return { outcome: finished.status === 'queued' ? 'requeued' : 'done' }
  } catch (error) {
    if (controller.signal.aborted && (controller.signal.reason as Error)?.message === 'job lost') return { outcome: 'lost', error }
    if (options.stopSignal?.aborted) {
      // Stopped on purpose (shutdown): give the job back untouched; it resumes from its checkpoint.
      await mine(
        db.updateTable('jobs').set({ status: 'queued', owner: null, attempts: sql<number>`attempts - 1`, updated_at: nowIso() }),
      ).execute()
      return { outcome: 'requeued' }
    }
    const attempts = Number(row.attempts)
    const max = Number(row.max_attempts)
    const message = ((error as Error)?.message ?? String(error)).slice(0, 500)
    const now = nowMs()
    const retry = attempts < max
    const runAfter = iso(now + (definition.retryDelaySeconds ?? 5) * 1000 * 2 ** (attempts - 1))
    await mine(
      db.updateTable('jobs').set({
        status: retry ? 'queued' : 'failed',
        owner: null,
        run_after: retry ? runAfter : iso(now),
        finished_at: retry ? null : iso(now),
        error: message,
        updated_at: iso(now),
      }),
    ).execute()
    return retry ? { outcome: 'retry', error, runAfter } : { outcome: 'failed', error }
  } finally {
    clearInterval(heartbeat)
    options.stopSignal?.removeEventListener('abort', stop)
  }
}
