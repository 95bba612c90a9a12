import os from 'node:os'
import path from 'node:path'
import { threadId } from 'node:worker_threads'
import Piscina from 'piscina'
import type { CpuTasks } from '~/jobs/cpu-worker'

/*
 * A pool of worker threads (piscina) for the CPU-bound steps of background jobs: hashing a
 * million texts or clustering them must not hold the server's one event loop. The worker runs
 * app/jobs/cpu-worker.ts under tsx, like the server itself, so it shares the app's pure modules.
 */

let pool: Piscina | null = null

function workerFile(): string {
  // The server runs from the project's root (npm start, the tests); REMBUK_ROOT says otherwise.
  return path.resolve(process.env.REMBUK_ROOT ?? process.cwd(), 'app/jobs/cpu-worker.ts')
}

export function cpuPool(): Piscina {
  pool ??= new Piscina({
    filename: workerFile(),
    execArgv: ['--import', 'tsx'],
    // Leave a core to the event loop; at least one thread.
    maxThreads: Math.max(1, Number(process.env.JOB_THREADS ?? Math.max(1, os.availableParallelism() - 1))),
    minThreads: 0,
    idleTimeout: 30_000,
  })
  return pool
}

/** Runs a CPU task on a worker thread and resolves with its result. */
export function runOnWorker<K extends keyof CpuTasks>(
  task: K,
  input: Parameters<CpuTasks[K]>[0],
  signal?: AbortSignal,
): Promise<ReturnType<CpuTasks[K]>> {
  return cpuPool().run({ task, input }, { signal: signal ?? null })
}

export async function closeCpuPool(): Promise<void> {
  const p = pool
  pool = null
  if (p) await p.destroy()
}

/** The thread this code runs on (0 is the main thread). */
export const currentThreadId = threadId
