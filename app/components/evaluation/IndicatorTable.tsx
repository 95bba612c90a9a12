import type { IndicatorRow } from '~/domain/evaluations/indicators.server'
import { useLocale, useT } from '~/i18n/use-t'
import { formatDecimal } from '~/lib/evaluation-format'

/** A period's indicators: value against target and baseline, with the status in words. */
export function IndicatorTable({ indicators, caption, anchors = true }: { indicators: IndicatorRow[]; caption: string; anchors?: boolean }) {
  const t = useT()
  const locale = useLocale()
  if (indicators.length === 0) return <p className="muted">{t('evaluations.indicators.noneForPeriod')}</p>
  const num = (v: string, unit: string) => `${formatDecimal(v, locale)} ${unit}`
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluations.indicator.name')}</th>
            <th scope="col">{t('evaluations.indicator.valueCol')}</th>
            <th scope="col">{t('evaluations.indicator.target')}</th>
            <th scope="col">{t('evaluations.indicator.baseline')}</th>
            <th scope="col">{t('evaluations.indicator.status')}</th>
            <th scope="col">{t('evaluations.indicator.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={i.id} id={anchors ? `indikator-${i.id}` : undefined}>
              <th scope="row">
                {i.name}
                {i.responsibleUnit || i.dataSource ? (
                  <span className="muted small">
                    <br />
                    {[i.dataSource, i.responsibleUnit].filter(Boolean).join(' · ')}
                  </span>
                ) : null}
              </th>
              <td>{i.value === null ? '—' : num(i.value, i.unit)}</td>
              <td>
                {num(i.target, i.unit)} <span className="muted">({t(`evaluations.direction.${i.direction}`)})</span>
              </td>
              <td>{num(i.baseline, i.unit)}</td>
              <td>
                <span className={`indicator-status indicator-status--${i.status}`}>{t(`evaluations.status.${i.status}`)}</span>
              </td>
              <td>
                {i.evidenceNote}
                {i.evidenceUrl ? (
                  <>
                    {i.evidenceNote ? ' ' : null}
                    <a href={i.evidenceUrl} rel="noopener noreferrer">
                      {t('evaluations.indicator.evidenceLink')}
                      <span className="visually-hidden">: {i.name}</span>
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
