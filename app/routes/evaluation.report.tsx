import type { PageHandle } from '~/lib/page-handle'
import { Link } from 'react-router'
import type { Route } from './+types/evaluation.report'
import { ReportView } from '~/components/evaluation/ReportView'
import { getPeriodWithPolicy } from '~/domain/evaluations/periods.server'
import { getEvaluationReport } from '~/domain/evaluations/reports.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useT } from '~/i18n/use-t'
import { loadPublicPeriod } from '~/lib/evaluation-public.server'

export const handle: PageHandle = { i18n: ['answers', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? pageMeta(data.title, data.description) : [])

/** A period's published report (laporan hasil evaluasi); the policy team also reads its draft here. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy, period, team } = await loadPublicPeriod(request, params.slug, params.period)
  if (period.report_status !== 'published' && !team) throw new Response('Not found', { status: 404 })
  const full = (await getPeriodWithPolicy(db, period.id))!
  return {
    title: translator(getLocale(request))('evaluations.report.title', { period: period.name, policy: policy.title }),
    description: describePage(translator(getLocale(request)), 'evaluationReport', { period: period.name, title: policy.title, organisation: policy.organisation_name }),
    policy: { slug: policy.slug, title: policy.title },
    draft: period.report_status !== 'published',
    report: await getEvaluationReport(db, full),
  }
}

export default function ReportPage({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { policy, report, draft } = loaderData
  const base = `/kebijakan/${policy.slug}/evaluasi/${report.period.slug}`
  return (
    <article className="page evaluation" aria-labelledby="laporan-judul">
      <header className="policy__header">
        <p className="breadcrumb">
          <Link to={base}>{report.period.name}</Link> · <Link to={`/kebijakan/${policy.slug}/evaluasi`}>{t('evaluations.public.heading')}</Link>
        </p>
        <h1 id="laporan-judul">{t('evaluations.report.heading', { period: report.period.name })}</h1>
        {draft ? <p className="preview-banner">{t('evaluations.report.draftNotice')}</p> : null}
        <ul className="inline-links">
          {draft ? null : (
            <li>
              <a href={`${base}/laporan.pdf`}>{t('evaluations.report.pdf')}</a>
            </li>
          )}
          <li>
            <a href={`/api/v1/policies/${policy.slug}/evaluations/${report.period.slug}/responses.csv`}>{t('evaluations.report.csv')}</a>
          </li>
        </ul>
      </header>
      <ReportView report={report} />
    </article>
  )
}
