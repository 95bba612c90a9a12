import { Link } from 'react-router'
import type { Route } from './+types/evaluation'
import { StageBadge } from '~/components/StageBadge'
import { BarChart } from '~/components/charts/BarChart'
import { IkmValue } from '~/components/evaluation/IkmSummary'
import { assertCan } from '~/domain/permissions.server'
import { surveyState } from '~/domain/evaluations/periods.server'
import { resultsOverTime } from '~/domain/evaluations/results.server'
import { SKM_ELEMENTS, elementCode } from '~/domain/evaluations/skm'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getLocale } from '~/i18n/locale.server'
import { type MessageKey } from '~/i18n/messages'
import type { PageHandle } from '~/lib/page-handle'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { formatDecimal, formatScore } from '~/lib/evaluation-format'
import { getActor } from '~/lib/session.server'
import { formatDate, formatDateTime } from '~/lib/time'

export const handle: PageHandle = { i18n: ['answers', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? pageMeta(data.title, data.description) : [])

/** A policy's evaluations over time: each period's IKM, element scores and indicators, and the open survey. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) throw new Response('Not found', { status: 404 })
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const locale = getLocale(request)
  const summaries = await resultsOverTime(db, policy.id, { publishedOnly: true })
  return {
    title: translator(locale)('evaluations.public.title', { policy: policy.title }),
    description: describePage(translator(locale), 'evaluation', { title: policy.title, organisation: policy.organisation_name }),
    policy: { slug: policy.slug, title: policy.title, stage: policy.stage, organisation: policy.organisation_name },
    periods: summaries.map((s) => ({
      slug: s.period.slug,
      name: s.period.name,
      dates: `${formatDate(`${s.period.starts_on}T12:00:00Z`, 'UTC', locale)} – ${formatDate(`${s.period.ends_on}T12:00:00Z`, 'UTC', locale)}`,
      state: surveyState(s.period),
      closesAt: formatDateTime(s.period.survey_closes_at, policy.time_zone, locale),
      respondents: s.period.respondents,
      published: s.period.report_status === 'published',
      ikm: s.ikm ? { ikm: s.ikm.ikm, grade: s.ikm.grade, elements: s.ikm.elements.map((e) => ({ element: e.element, converted: e.converted, priority: e.priority })) } : null,
      indicators: s.indicators,
    })),
  }
}

export default function EvaluationPage({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { policy, periods } = loaderData
  const published = periods.filter((p) => p.published && p.ikm)
  const open = periods.filter((p) => p.state === 'open' && !p.published)
  const score = (v: number) => formatScore(v, locale)
  const element = (e: number) => `${elementCode(e)} ${t(`evaluations.element.${e}` as MessageKey)}`
  const indicatorIds = [...new Set(published.flatMap((p) => p.indicators.map((i) => i.id)))]
  return (
    <article className="page evaluation" aria-labelledby="evaluasi-judul">
      <header className="policy__header">
        <p className="policy__org">{policy.organisation}</p>
        <p className="compare__policy">
          <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
        </p>
        <h1 id="evaluasi-judul">{t('evaluations.public.heading')}</h1>
        <p className="policy__meta">
          <StageBadge stage={policy.stage} />
          <Link to={`/kebijakan/${policy.slug}/linimasa`}>{t('timeline.link')}</Link>
        </p>
        <p className="lead">{t('evaluations.public.intro')}</p>
      </header>

      {open.map((p) => (
        <section key={p.slug} className="consultation-banner" aria-labelledby={`survei-${p.slug}`}>
          <h2 id={`survei-${p.slug}`} className="consultation-banner__title">
            {t('evaluations.public.surveyOpen', { period: p.name })}
          </h2>
          <p>{t('evaluations.public.surveyOpenText', { date: p.closesAt })}</p>
          <p>
            <Link className="button" to={`/kebijakan/${policy.slug}/evaluasi/${p.slug}/survei`}>
              {t('evaluations.public.answer')}
            </Link>
          </p>
        </section>
      ))}

      {periods.length === 0 ? <p>{t('evaluations.public.none')}</p> : null}

      {published.length ? (
        <section aria-labelledby="tren-judul" className="summary__part">
          <h2 id="tren-judul">{t('evaluations.public.trend')}</h2>
          <BarChart
            id="tren-ikm"
            headingLevel={3}
            title={t('evaluations.public.ikmChart')}
            note={t('evaluations.public.ikmChartNote')}
            scale={{ max: 100, format: (v) => `${score(v)}` }}
            groups={[{ bars: published.map((p) => ({ label: `${p.name} (${p.ikm!.grade ?? '—'})`, value: p.ikm!.ikm ?? 0 })) }]}
          />
          <BarChart
            id="tren-unsur"
            headingLevel={3}
            title={t('evaluations.public.elementChart')}
            note={t('evaluations.public.elementChartNote')}
            scale={{ max: 100, format: (v) => score(v) }}
            groups={SKM_ELEMENTS.map((e) => ({
              label: element(e),
              bars: published
                .map((p) => ({ p, el: p.ikm!.elements.find((x) => x.element === e)! }))
                .filter(({ el }) => el.converted !== null)
                .map(({ p, el }) => ({ label: `${p.name}${el.priority ? ` — ${t('evaluations.elements.priority')}` : ''}`, value: el.converted! })),
            }))}
          />
          {indicatorIds.length ? (
            <>
              <h3>{t('evaluations.public.indicatorTrend')}</h3>
              <div className="table-wrap">
                <table className="data-table">
                  <caption className="visually-hidden">{t('evaluations.public.indicatorTrend')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('evaluations.indicator.name')}</th>
                      {published.map((p) => (
                        <th key={p.slug} scope="col">
                          {p.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {indicatorIds.map((id) => {
                      const first = published.flatMap((p) => p.indicators).find((i) => i.id === id)!
                      return (
                        <tr key={id}>
                          <th scope="row">
                            {first.name}
                            <span className="muted small">
                              <br />
                              {t('evaluations.indicator.targetShort', { target: `${formatDecimal(first.target, locale)} ${first.unit}`, direction: t(`evaluations.direction.${first.direction}`) })}
                            </span>
                          </th>
                          {published.map((p) => {
                            const row = p.indicators.find((i) => i.id === id)
                            return (
                              <td key={p.slug}>
                                {row?.value ? `${formatDecimal(row.value, locale)} ${row.unit}` : '—'}{' '}
                                {row ? <span className={`indicator-status indicator-status--${row.status}`}>{t(`evaluations.status.${row.status}`)}</span> : null}
                              </td>
                            )
                          })}
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
      ) : null}

      {periods.length ? (
        <section aria-labelledby="periode-judul" className="summary__part">
          <h2 id="periode-judul">{t('evaluations.public.periods')}</h2>
          <ul className="period-list">
            {[...periods].reverse().map((p) => (
              <li key={p.slug}>
                <h3>
                  <Link to={`/kebijakan/${policy.slug}/evaluasi/${p.slug}`}>{p.name}</Link>
                </h3>
                <p className="muted">
                  {p.dates} · {t('evaluations.respondents', { count: p.respondents })} · {t(`evaluations.survey.state.${p.state}`)}
                </p>
                <p>
                  {p.published && p.ikm ? (
                    <>
                      {t('evaluations.ikm.label')} <IkmValue ikm={p.ikm} /> ·{' '}
                      <Link to={`/kebijakan/${policy.slug}/evaluasi/${p.slug}/laporan`}>{t('evaluations.report.read')}</Link>
                    </>
                  ) : (
                    t('evaluations.public.notPublished')
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="muted">
        <a href={`/api/v1/policies/${policy.slug}/evaluations`}>{t('evaluations.public.api')}</a>
      </p>
    </article>
  )
}
