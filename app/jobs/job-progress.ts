// What a page needs to show a background job's progress (safe for the browser: no server code).
import type { JobStatus } from '~db/schema'

export interface JobProgressData {
  id: number
  status: JobStatus
  active: boolean
  done: number
  total: number | null
  percent: number | null
  resultAt: string | null
  failed: boolean
}

export function jobProgressData(
  job: { id: number; status: JobStatus; active: boolean; progress: { done: number; total: number | null; percent: number | null }; resultAt: string | null } | null,
): JobProgressData | null {
  if (!job) return null
  return {
    id: job.id,
    status: job.status,
    active: job.active,
    done: job.progress.done,
    total: job.progress.total,
    percent: job.progress.percent,
    resultAt: job.resultAt,
    failed: job.status === 'failed',
  }
}

/** Where the page polls (with JavaScript) for a job's progress. */
export const jobStatusPath = (id: number) => `/tugas/${id}`

/**
 * For a route's `handle`: while this returns true for the route's data, the page refreshes itself
 * every few seconds when JavaScript is off (root.tsx renders a <noscript> refresh).
 */
export interface RefreshHandle {
  refreshWhile?: (data: unknown) => boolean
}
export const REFRESH_SECONDS = 5
