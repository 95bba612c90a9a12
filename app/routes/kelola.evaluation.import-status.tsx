import { useEffect } from 'react'
import { Link, useRevalidator } from 'react-router'
import type { Route } from './+types/kelola.evaluation.import-status'
import { getSurveyImport } from '~/domain/evaluations/import.server'
import { getLocale } from '~/i18n/locale.server'
import { type MessageKey, translateError } from '~/i18n/messages'
import type { PageHandle } from '~/lib/page-handle'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { requirePeriodTeam } from '~/lib/evaluation-team.server'
import { dbInteger } from '~/lib/ids'

const ACTIVE = ['validating', 'importing']

// While the import runs the page refreshes itself every two seconds, with or without JavaScript.
export const handle: PageHandle = { i18n: ['evaluations'] }

export const meta: Route.MetaFunction = ({ data }) =>
  data ? [{ title: `${data.title} · Rembuk` }, ...(ACTIVE.includes(data.job.status) ? [{ httpEquiv: 'refresh', content: '2' } as const] : [])] : []

/** One CSV import: its progress while it runs; then what was imported, or every row's errors and nothing imported. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, period } = await requirePeriodTeam(request, params.id)
  const id = dbInteger(params.importId)
  const job = id ? await getSurveyImport(db, period.id, id) : null
  if (!job) throw new Response('Not found', { status: 404 })
  return { title: translator(getLocale(request))('evaluations.import.statusTitle', { file: job.file_name }), period: { id: period.id, name: period.name }, job }
}

export default function ImportStatus({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { period, job } = loaderData
  const active = ACTIVE.includes(job.status)
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => revalidator.revalidate(), 1000)
    return () => clearInterval(timer)
  }, [active, revalidator])
  const percent = job.total_rows ? Math.round((job.processed_rows / job.total_rows) * 100) : 0
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/kelola/evaluasi/${period.id}/impor`}>{t('evaluations.import.title')}</Link> · <Link to={`/kelola/evaluasi/${period.id}`}>{period.name}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <div role="status" aria-live="polite">
        {active ? (
          <>
            <label htmlFor="impor-kemajuan">{t(`evaluations.import.status.${job.status}` as MessageKey)}</label>{' '}
            <progress id="impor-kemajuan" max={job.status === 'importing' ? undefined : job.total_rows || 1} value={job.status === 'importing' ? undefined : job.processed_rows}>
              {percent}%
            </progress>
            <p>{t('evaluations.import.progress', { done: job.processed_rows, total: job.total_rows })}</p>
            <p>
              <Link to=".">{t('evaluations.import.refresh')}</Link>
            </p>
          </>
        ) : job.status === 'done' ? (
          <p className="notice notice--success">{t('evaluations.import.done', { count: job.imported })}</p>
        ) : (
          <p className="notice">{t('evaluations.import.failed', { count: job.errors.length })}</p>
        )}
      </div>
      {job.status === 'failed' ? (
        <>
          <div className="table-wrap">
            <table className="data-table">
              <caption>{t('evaluations.import.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluations.import.col.row')}</th>
                  <th scope="col">{t('evaluations.import.col.column')}</th>
                  <th scope="col">{t('evaluations.import.col.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((e, i) => (
                  <tr key={i}>
                    <th scope="row">{e.row}</th>
                    <td>{e.column}</td>
                    <td>{translateError(t, `evaluations.import.error.${e.code}${e.detail ? `|${e.detail}` : ''}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Link className="button" to={`/kelola/evaluasi/${period.id}/impor`}>
              {t('evaluations.import.again')}
            </Link>
          </p>
        </>
      ) : null}
      {job.status === 'done' ? (
        <p>
          <Link to={`/kelola/evaluasi/${period.id}`}>{t('evaluations.import.back')}</Link>
        </p>
      ) : null}
    </div>
  )
}
