import type { PageHandle } from '~/lib/page-handle'
import { Link } from 'react-router'
import type { Route } from './+types/evaluation.period'
import { IkmSummary } from '~/components/evaluation/IkmSummary'
import { IndicatorTable } from '~/components/evaluation/IndicatorTable'
import { indicatorsForPeriods } from '~/domain/evaluations/indicators.server'
import { surveyState } from '~/domain/evaluations/periods.server'
import { periodResults } from '~/domain/evaluations/results.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useT } from '~/i18n/use-t'
import { loadPublicPeriod } from '~/lib/evaluation-public.server'
import { formatDate, formatDateTime } from '~/lib/time'

export const handle: PageHandle = { i18n: ['answers', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? pageMeta(data.title, data.description) : [])

/** One period: its survey while it runs; once the report is published, its IKM, elements and indicators. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy, period } = await loadPublicPeriod(request, params.slug, params.period)
  const locale = getLocale(request)
  const published = period.report_status === 'published'
  return {
    title: translator(locale)('evaluations.period.title', { period: period.name, policy: policy.title }),
    description: describePage(translator(locale), 'evaluationPeriod', { period: period.name, title: policy.title, organisation: policy.organisation_name }),
    policy: { slug: policy.slug, title: policy.title, organisation: policy.organisation_name },
    period: {
      slug: period.slug,
      name: period.name,
      serviceName: period.service_name,
      dates: `${formatDate(`${period.starts_on}T12:00:00Z`, 'UTC', locale)} – ${formatDate(`${period.ends_on}T12:00:00Z`, 'UTC', locale)}`,
      state: surveyState(period),
      opensAt: formatDateTime(period.survey_opens_at, policy.time_zone, locale),
      closesAt: formatDateTime(period.survey_closes_at, policy.time_zone, locale),
      respondents: period.respondents,
      published,
    },
    results: published ? await periodResults(db, period) : null,
    indicators: published ? ((await indicatorsForPeriods(db, policy.id, [period])).get(period.id) ?? []) : [],
  }
}

export default function EvaluationPeriodPage({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { policy, period, results, indicators } = loaderData
  const base = `/kebijakan/${policy.slug}/evaluasi/${period.slug}`
  return (
    <article className="page evaluation" aria-labelledby="periode-judul">
      <header className="policy__header">
        <p className="policy__org">{policy.organisation}</p>
        <p className="breadcrumb">
          <Link to={`/kebijakan/${policy.slug}/evaluasi`}>{t('evaluations.public.heading')}</Link> ·{' '}
          <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
        </p>
        <h1 id="periode-judul">{t('evaluations.period.heading', { period: period.name })}</h1>
        <p className="policy__meta">
          <span>{period.dates}</span>
          <span className="stage-badge">{t(`evaluations.survey.state.${period.state}`)}</span>
        </p>
        {period.serviceName ? <p>{t('evaluations.period.service', { service: period.serviceName })}</p> : null}
      </header>

      {period.state === 'open' ? (
        <section className="consultation-banner" aria-labelledby="survei-judul">
          <h2 id="survei-judul" className="consultation-banner__title">
            {t('evaluations.public.surveyOpen', { period: period.name })}
          </h2>
          <p>{t('evaluations.public.surveyOpenText', { date: period.closesAt })}</p>
          <p>
            <Link className="button" to={`${base}/survei`}>
              {t('evaluations.public.answer')}
            </Link>
          </p>
        </section>
      ) : period.state === 'upcoming' ? (
        <p className="notice">{t('evaluations.period.upcoming', { date: period.opensAt })}</p>
      ) : null}

      {results ? (
        <>
          <section aria-labelledby="hasil-judul" className="summary__part">
            <h2 id="hasil-judul">{t('evaluations.period.results')}</h2>
            <IkmSummary results={results} />
          </section>
          <section aria-labelledby="indikator-judul" className="summary__part">
            <h2 id="indikator-judul">{t('evaluations.indicators.title')}</h2>
            <IndicatorTable indicators={indicators} caption={t('evaluations.indicators.title')} />
          </section>
          <ul className="inline-links">
            <li>
              <Link to={`${base}/laporan`}>{t('evaluations.report.read')}</Link>
            </li>
            <li>
              <a href={`${base}/laporan.pdf`}>{t('evaluations.report.pdf')}</a>
            </li>
            <li>
              <a href={`/api/v1/policies/${policy.slug}/evaluations/${period.slug}/responses.csv`}>{t('evaluations.report.csv')}</a>
            </li>
          </ul>
        </>
      ) : (
        <p>{t('evaluations.period.pending', { count: period.respondents })}</p>
      )}
    </article>
  )
}
