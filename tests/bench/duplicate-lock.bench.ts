// Benchmark: how long do inputs sent together to one consultation wait on the duplicate index's
// per-consultation lock? Run on demand on PostgreSQL (SQLite has no such lock):
//   TEST_DATABASE_URL=postgres://… node --import tsx tests/bench/duplicate-lock.bench.ts
// Fires BENCH_CONCURRENT submissions at once (each from its own account, as from many browsers),
// ROUNDS times, and reports per round the time the requests spent waiting for the lock against
// their whole time, the latency of a submission, how many were left to the background job (run
// here by a job runner, as the server runs one) and how long after the last answer it was done.
import { performance } from 'node:perf_hooks'
import { DUPLICATE_INDEX_JOB, duplicateIndexJob, duplicateLockStats, indexUnindexedInputs } from '~/domain/duplicates.server'
import { getJob } from '~/jobs/jobs.server'
import { type OnlineInput, submitInput } from '~/domain/inputs.server'
import { loadActor } from '~/domain/permissions.server'
import { createTestDb } from '../db'
import { dropBossSchema, startTestRunner, waitFor } from '../jobs'
import { CAMPAIGN, NOW, UNRELATED, setUpConsultation } from '../integration/grouping-fixture'
import { plainObjection } from '../objection'

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 64)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

function input(consultationId: number, n: number): OnlineInput {
  // Half a campaign's copies, half other texts: the lookup finds a group or founds none.
  const reason = n % 2 ? `Salam hormat, nomor ${n}. ${CAMPAIGN}` : `${UNRELATED[n % 10]} Catatan ${n}: ${UNRELATED[(n * 7) % 10]}`
  return plainObjection(consultationId, reason)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]

async function main() {
  const dialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'
  const t = await createTestDb(dialect)
  const runner = await startTestRunner(t.db, [duplicateIndexJob])
  try {
    const f = await setUpConsultation(t)
    const users = await t.db
      .insertInto('users')
      .values(
        Array.from({ length: CONCURRENT * ROUNDS }, (_, i) => ({
          email: `bench${i}@rembuk.test`,
          display_name: `Warga ${i}`,
          password_hash: 'x',
          created_at: NOW.toISOString(),
        })),
      )
      .returning('id')
      .execute()
    const actors = await Promise.all(users.map((u) => loadActor(t.db, u.id)))
    console.log(`${dialect}: ${ROUNDS} rounds of ${CONCURRENT} submissions at once to one consultation`)
    const rows: { wall: number; latencySum: number; waited: number; median: number; p95: number; settled: number }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      duplicateLockStats(true)
      const started = performance.now()
      const latencies = await Promise.all(
        Array.from({ length: CONCURRENT }, async (_, i) => {
          const n = round * CONCURRENT + i
          const begun = performance.now()
          const result = await submitInput(t.db, input(f.consultationId, n), { actor: actors[n], address: null, verifiedRole: async () => null, now: NOW })
          if (!result.ok) throw new Error(JSON.stringify(result.errors))
          return performance.now() - begun
        }),
      )
      const wall = performance.now() - started
      const { waitedMs, deferred } = duplicateLockStats(true)
      await waitFor('the background indexing', async () => !(await getJob(t.db, DUPLICATE_INDEX_JOB, f.consultationId))?.active, 60_000)
      const settled = performance.now() - started - wall
      const latencySum = latencies.reduce((a, b) => a + b, 0)
      rows.push({ wall, latencySum, waited: waitedMs, median: median(latencies), p95: p95(latencies), settled })
      console.log(
        `round ${round + 1}: wall ${wall.toFixed(0)} ms; waiting to index ${waitedMs.toFixed(0)} of ${latencySum.toFixed(0)} request-ms ` +
          `(${((100 * waitedMs) / latencySum).toFixed(1)}%); latency median ${median(latencies).toFixed(0)} ms, p95 ${p95(latencies).toFixed(0)} ms; ` +
          `${deferred} left to the job, all indexed ${settled.toFixed(0)} ms after the last answer`,
      )
    }
    // Whatever a submission left to the background is indexed now, and timed as part of the run.
    const drain = performance.now()
    const { indexed } = await indexUnindexedInputs(t.db)
    const drainMs = performance.now() - drain
    const all = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k]))
    console.log(
      `median of rounds: wall ${all('wall').toFixed(0)} ms, waiting to index ${all('waited').toFixed(0)} request-ms, ${((100 * all('waited')) / all('latencySum')).toFixed(1)}% of request time, ` +
        `latency median ${all('median').toFixed(0)} ms, p95 ${all('p95').toFixed(0)} ms, indexed ${all('settled').toFixed(0)} ms after the last answer; left unindexed at the end: ${indexed} (indexed in ${drainMs.toFixed(0)} ms)`,
    )
  } finally {
    await runner.stop()
    await t.destroy()
    await dropBossSchema(runner.bossSchema)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
