// Runs in a worker thread (app/jobs/cpu.server.ts): CPU-bound steps of background jobs, so the
// server's event loop keeps answering requests. Only pure functions live behind these tasks.
import { threadId } from 'node:worker_threads'
import { comparableText, minhash, shingles } from '~/domain/minhash'

export interface CpuTasks {
  /** MinHash signatures of texts (proposed wording and reason of each input). */
  signatures(input: { texts: { proposed_text: string; reason: string }[] }): { normalised: string; signature: number[] }[]
  /** For tests: burns CPU for `ms` milliseconds on the worker, returns its thread id. */
  spin(input: { ms: number }): { threadId: number }
}

const tasks: CpuTasks = {
  signatures({ texts }) {
    return texts.map((t) => {
      const normalised = comparableText(t)
      return { normalised, signature: minhash(shingles(normalised)) }
    })
  },
  spin({ ms }) {
    const end = performance.now() + ms
    while (performance.now() < end) {
      // busy on purpose
    }
    return { threadId }
  },
}

export default function run({ task, input }: { task: keyof CpuTasks; input: any }) {
  const fn = tasks[task] as (input: unknown) => unknown
  if (!fn) throw new Error(`no CPU task named ${String(task)}`)
  return fn(input)
}
