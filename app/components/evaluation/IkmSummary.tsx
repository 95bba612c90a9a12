import { BarChart } from '~/components/charts/BarChart'
import type { IkmResult } from '~/domain/evaluations/ikm'
import type { PeriodResults } from '~/domain/evaluations/results.server'
import { PROFILE_FIELDS, elementCode } from '~/domain/evaluations/skm'
import type { MessageKey } from '~/i18n/messages'
import { useLocale, useT } from '~/i18n/use-t'
import { formatNrr, formatScore } from '~/lib/evaluation-format'
import { formatNumber } from '~/lib/time'

/** "73,38 — C (Kurang Baik)": the IKM with its grade in words, never a colour alone. */
export function IkmValue({ ikm, className }: { ikm: Pick<IkmResult, 'ikm' | 'grade'>; className?: string }) {
  const t = useT()
  const locale = useLocale()
  if (ikm.ikm === null || ikm.grade === null) return <span className={className}>{t('evaluations.ikm.none')}</span>
  return (
    <span className={`ikm-value ikm-value--${ikm.grade}${className ? ` ${className}` : ''}`}>
      {formatScore(ikm.ikm, locale)} — {ikm.grade} ({t(`evaluations.grade.${ikm.grade}`)})
    </span>
  )
}

/** The survey's result for one period: the IKM, the sample, each element (chart and table). */
export function IkmSummary({ results, idPrefix = 'hasil', headingLevel = 3 }: { results: PeriodResults; idPrefix?: string; headingLevel?: 2 | 3 }) {
  const t = useT()
  const locale = useLocale()
  const n = (v: number) => formatNumber(v, locale)
  const { ikm, sample } = results
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const element = (e: number) => t(`evaluations.element.${e}` as MessageKey)
  return (
    <div className="ikm-summary">
      <p className="ikm-summary__headline">
        <span className="ikm-summary__label">{t('evaluations.ikm.label')}</span> <IkmValue ikm={ikm} />
      </p>
      <p>
        {t('evaluations.sample.respondents', { count: n(ikm.respondents), online: n(results.channels.online), paper: n(results.channels.paper) })}{' '}
        {sample.minimum === null
          ? t('evaluations.sample.noPopulation')
          : sample.met
            ? t('evaluations.sample.met', { minimum: n(sample.minimum), population: n(sample.population ?? 0) })
            : t('evaluations.sample.notMet', { minimum: n(sample.minimum), population: n(sample.population ?? 0) })}
      </p>
      {ikm.missingElements.length ? (
        <p className="notice">
          {t('evaluations.ikm.missing', { elements: ikm.missingElements.map(element).join(', '), counted: ikm.elementsCounted })}
        </p>
      ) : null}
      <p className="muted">{t('evaluations.ikm.method')}</p>
      {ikm.respondents > 0 ? (
        <>
          <BarChart
            id={`${idPrefix}-unsur`}
            headingLevel={headingLevel}
            title={t('evaluations.elements.chartTitle')}
            note={t('evaluations.elements.chartNote')}
            scale={{ max: 100, format: (v) => formatScore(v, locale) }}
            groups={[{ bars: ikm.elements.filter((e) => e.converted !== null).map((e) => ({ label: `${elementCode(e.element)} ${element(e.element)}`, value: e.converted! })) }]}
          />
          <Heading>{t('evaluations.elements.tableTitle')}</Heading>
          <div className="table-wrap">
            <table className="data-table element-table">
              <caption className="visually-hidden">{t('evaluations.elements.tableTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluations.elements.col.element')}</th>
                  <th scope="col">{t('evaluations.elements.col.answered')}</th>
                  <th scope="col">{t('evaluations.elements.col.nrr')}</th>
                  <th scope="col">{t('evaluations.elements.col.converted')}</th>
                  <th scope="col">{t('evaluations.elements.col.grade')}</th>
                </tr>
              </thead>
              <tbody>
                {ikm.elements.map((e) => (
                  <tr key={e.element} id={`${idPrefix === 'hasil' ? '' : `${idPrefix}-`}unsur-${e.element}`}>
                    <th scope="row">
                      {elementCode(e.element)} {element(e.element)}
                      {e.priority ? <strong className="priority-badge"> {t('evaluations.elements.priority')}</strong> : null}
                    </th>
                    <td>
                      {n(e.answered)}
                      {e.unanswered ? <span className="muted"> ({t('evaluations.elements.blank', { count: n(e.unanswered) })})</span> : null}
                    </td>
                    <td>{e.nrr === null ? '—' : formatNrr(e.nrr, locale)}</td>
                    <td>{e.converted === null ? '—' : formatScore(e.converted, locale)}</td>
                    <td>{e.grade ? `${e.grade} (${t(`evaluations.grade.${e.grade}`)})` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  )
}

/** Who answered: each profile field's bands, as tables (the report's "profil responden"). */
export function RespondentProfile({ results, headingLevel = 3 }: { results: PeriodResults; headingLevel?: 2 | 3 }) {
  const t = useT()
  const locale = useLocale()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const total = results.ikm.respondents
  return (
    <div className="profile-grid">
      {PROFILE_FIELDS.map((field) => (
        <div key={field}>
          <Heading>{t(`evaluations.profile.${field}`)}</Heading>
          <div className="table-wrap">
            <table className="data-table data-table--compact">
              <caption className="visually-hidden">{t(`evaluations.profile.${field}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('chart.category')}</th>
                  <th scope="col">{t('chart.value')}</th>
                  <th scope="col">{t('chart.share')}</th>
                </tr>
              </thead>
              <tbody>
                {results.profile[field].map((row) => (
                  <tr key={row.value}>
                    <th scope="row">{row.value ? t(`evaluations.profile.${field}.${row.value}` as MessageKey) : t('evaluations.profile.unstated')}</th>
                    <td>{formatNumber(row.count, locale)}</td>
                    <td>{total ? Math.round((row.count / total) * 100) : 0}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </div>
  )
}
