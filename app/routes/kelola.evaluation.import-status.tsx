import { Link } from 'react-router'
import type { Route } from './+types/kelola.evaluation.import-status'
import { JobProgress } from '~/components/JobProgress'
import { SURVEY_IMPORT_JOB, getSurveyImport } from '~/domain/evaluations/import.server'
import { getJob } from '~/jobs/jobs.server'
import { type RefreshHandle, jobProgressData } from '~/jobs/job-progress'
import { getLocale } from '~/i18n/locale.server'
import { type MessageKey, translateError } from '~/i18n/messages'
import type { PageHandle } from '~/lib/page-handle'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { requirePeriodTeam } from '~/lib/evaluation-team.server'
import { dbInteger } from '~/lib/ids'

const ACTIVE = ['validating', 'importing']

// While the import runs the page refreshes itself every two seconds, with or without JavaScript.
// While the import runs, the page refreshes itself without JavaScript; <JobProgress> polls with it.
export const handle: PageHandle & RefreshHandle = {
  i18n: ['evaluations', 'jobs'],
  refreshWhile: (data) => ACTIVE.includes((data as { job?: { status: string } } | undefined)?.job?.status ?? ''),
}

export const meta: Route.MetaFunction = ({ data }) =>
  data ? [{ title: `${data.title} · Rembuk` }, ...(ACTIVE.includes(data.job.status) ? [{ httpEquiv: 'refresh', content: '2' } as const] : [])] : []

/** One CSV import: its progress while it runs; then what was imported, or every row's errors and nothing imported. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, period } = await requirePeriodTeam(request, params.id)
  const id = dbInteger(params.importId)
  const job = id ? await getSurveyImport(db, period.id, id) : null
  if (!job) throw new Response('Not found', { status: 404 })
  return {
    title: translator(getLocale(request))('evaluations.import.statusTitle', { file: job.file_name }),
    period: { id: period.id, name: period.name, timeZone: period.time_zone },
    job,
    progress: jobProgressData(await getJob(db, SURVEY_IMPORT_JOB, job.id)),
  }
}

export default function ImportStatus({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { period, job } = loaderData
  const active = ACTIVE.includes(job.status)
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/kelola/evaluasi/${period.id}/impor`}>{t('evaluations.import.title')}</Link> · <Link to={`/kelola/evaluasi/${period.id}`}>{period.name}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <div>
        {active ? (
          <>
            <p>{t(`evaluations.import.status.${job.status}` as MessageKey)}</p>
            <JobProgress job={loaderData.progress} timeZone={period.timeZone} id="impor-kemajuan" />
          </>
        ) : job.status === 'done' ? (
          <p className="notice notice--success" role="status">
            {t('evaluations.import.done', { count: job.imported })}
          </p>
        ) : (
          <p className="notice" role="status">
            {t('evaluations.import.failed', { count: job.errors.length })}
          </p>
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
