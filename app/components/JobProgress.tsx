import { useEffect, useState } from 'react'
import { useRevalidator } from 'react-router'
import { type JobProgressData, jobStatusPath } from '~/jobs/job-progress'
import { useLocale, useT } from '~/i18n/use-t'
import { formatDateTime, formatNumber } from '~/lib/time'

/**
 * A background job's state on a page: a <progress> with its numbers in words while it runs, and
 * when the result shown was computed. Without JavaScript the page refreshes itself (the route's
 * `handle.refreshWhile`, rendered by root.tsx) and offers a plain link; with JavaScript it polls
 * the job's small JSON status and reloads the page's data when the run ends.
 */
export function JobProgress(props: { job: JobProgressData | null; timeZone: string; id?: string }) {
  const t = useT()
  const locale = useLocale()
  const revalidator = useRevalidator()
  const [job, setJob] = useState(props.job)
  useEffect(() => setJob(props.job), [props.job])

  const active = job?.active ?? false
  const jobId = job?.id
  useEffect(() => {
    if (!active || jobId === undefined) return
    let stopped = false
    const timer = setInterval(async () => {
      try {
        const response = await fetch(jobStatusPath(jobId), { headers: { Accept: 'application/json' } })
        if (!response.ok || stopped) return
        const next = (await response.json()) as JobProgressData
        setJob(next)
        if (!next.active) {
          stopped = true
          clearInterval(timer)
          revalidator.revalidate()
        }
      } catch {
        // The next tick tries again.
      }
    }, 2000)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [active, jobId, revalidator])

  const n = (v: number) => formatNumber(v, locale)
  const labelId = `${props.id ?? 'tugas'}-label`
  return (
    <div className="job-progress" id={props.id}>
      {job?.active ? (
        <div role="status" aria-live="polite">
          <p id={labelId}>{job.status === 'queued' ? t('job.queued') : t('job.running')}</p>
          <progress
            aria-labelledby={labelId}
            max={job.total ?? undefined}
            value={job.total ? Math.min(job.done, job.total) : undefined}
          />
          <p className="job-progress__numbers">
            {job.total
              ? t('job.progress', { done: n(job.done), total: n(job.total), percent: job.percent ?? 0 })
              : job.done > 0
                ? t('job.progressCount', { done: n(job.done) })
                : null}
          </p>
          <p className="job-progress__refresh">
            <a href="">{t('job.refresh')}</a>
          </p>
        </div>
      ) : null}
      {job?.failed ? <p className="notice">{t('job.failed')}</p> : null}
      <p className="job-progress__when">
        {job?.resultAt ? t('job.lastResult', { at: formatDateTime(job.resultAt, props.timeZone, locale) }) : t('job.noResult')}
      </p>
    </div>
  )
}
