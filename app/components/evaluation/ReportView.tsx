import { IkmSummary, RespondentProfile } from '~/components/evaluation/IkmSummary'
import { IndicatorTable } from '~/components/evaluation/IndicatorTable'
import type { EvaluationReport } from '~/domain/evaluations/reports.server'
import { elementCode } from '~/domain/evaluations/skm'
import type { MessageKey } from '~/i18n/messages'
import { useLocale, useT } from '~/i18n/use-t'
import { formatDate, formatDateTime } from '~/lib/time'

/** The laporan hasil evaluasi: identity, respondents, IKM and elements, indicators, analysis, follow-up plan. */
export function ReportView({ report }: { report: EvaluationReport }) {
  const t = useT()
  const locale = useLocale()
  const { period, results, indicators, followUps } = report
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, 'UTC', locale)
  return (
    <div className="report">
      <section aria-labelledby="laporan-identitas" className="summary__part">
        <h2 id="laporan-identitas">{t('evaluations.report.identity')}</h2>
        <dl className="facts">
          <dt>{t('policy.organisation')}</dt>
          <dd>{period.organisation_name}</dd>
          <dt>{t('evaluations.report.policy')}</dt>
          <dd>{period.policy_title}</dd>
          <dt>{t('evaluations.report.period')}</dt>
          <dd>
            {period.name} ({day(period.starts_on)} – {day(period.ends_on)})
          </dd>
          {period.service_name ? (
            <>
              <dt>{t('evaluations.field.serviceName')}</dt>
              <dd>{period.service_name}</dd>
            </>
          ) : null}
          <dt>{t('evaluations.report.surveyWindow')}</dt>
          <dd>
            {formatDateTime(period.survey_opens_at, period.time_zone, locale)} – {formatDateTime(period.survey_closes_at, period.time_zone, locale)}
          </dd>
          <dt>{t('evaluations.report.method')}</dt>
          <dd>{t('evaluations.report.methodText')}</dd>
          {period.report_published_at ? (
            <>
              <dt>{t('evaluations.report.publishedAt')}</dt>
              <dd>{formatDateTime(period.report_published_at, period.time_zone, locale)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="laporan-profil" className="summary__part">
        <h2 id="laporan-profil">{t('evaluations.report.profile')}</h2>
        <RespondentProfile results={results} />
      </section>
      <section aria-labelledby="laporan-hasil" className="summary__part">
        <h2 id="laporan-hasil">{t('evaluations.period.results')}</h2>
        <IkmSummary results={results} idPrefix="laporan" />
      </section>
      <section aria-labelledby="laporan-indikator" className="summary__part">
        <h2 id="laporan-indikator">{t('evaluations.indicators.title')}</h2>
        <IndicatorTable indicators={indicators} caption={t('evaluations.indicators.title')} anchors={false} />
      </section>
      <section aria-labelledby="laporan-analisis" className="summary__part">
        <h2 id="laporan-analisis">{t('evaluations.report.analysis')}</h2>
        {period.analysis ? <div className="prewrap">{period.analysis}</div> : <p className="muted">{t('evaluations.report.noAnalysis')}</p>}
      </section>
      <section aria-labelledby="laporan-tindak-lanjut" className="summary__part">
        <h2 id="laporan-tindak-lanjut">{t('evaluations.report.followUps')}</h2>
        {followUps.length === 0 ? (
          <p className="muted">{t('evaluations.report.noFollowUps')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('evaluations.report.followUps')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluations.followUp.finding')}</th>
                  <th scope="col">{t('evaluations.followUp.action')}</th>
                  <th scope="col">{t('evaluations.followUp.owner')}</th>
                  <th scope="col">{t('evaluations.followUp.dueOn')}</th>
                  <th scope="col">{t('evaluations.followUp.status')}</th>
                </tr>
              </thead>
              <tbody>
                {followUps.map((f) => (
                  <tr key={f.id} id={`tindak-lanjut-${f.id}`}>
                    <th scope="row">
                      {f.finding}
                      {f.element || f.indicator_name ? (
                        <span className="muted small">
                          <br />
                          {f.element ? `${elementCode(f.element)} ${t(`evaluations.element.${f.element}` as MessageKey)}` : f.indicator_name}
                        </span>
                      ) : null}
                    </th>
                    <td>{f.action}</td>
                    <td>{f.owner}</td>
                    <td>{day(f.due_on)}</td>
                    <td>{t(`evaluations.followUp.status.${f.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}
