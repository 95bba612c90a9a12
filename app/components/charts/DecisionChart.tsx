import { BarChart } from '~/components/charts/BarChart'
import type { AnsweredCounts } from '~/domain/responses.server'
import { useLocale, useT } from '~/i18n/use-t'
import { formatNumber } from '~/lib/time'

const ORDER = ['diterima', 'diterima_sebagian', 'sudah_diakomodasi', 'dicatat', 'ditolak'] as const

/** How the published inputs of a consultation were answered, with the unanswered ones last. */
export function DecisionChart(props: { id: string; counts: AnsweredCounts; headingLevel?: 2 | 3; withNote?: boolean }) {
  const { id, counts, headingLevel } = props
  const t = useT()
  const locale = useLocale()
  const n = (v: number) => formatNumber(v, locale)
  return (
    <BarChart
      id={id}
      headingLevel={headingLevel}
      title={t('chart.decisions.title')}
      note={props.withNote ? t('matrix.summary.answered', { answered: n(counts.answered), total: n(counts.total), unanswered: n(counts.unanswered) }) : undefined}
      total={counts.total}
      groups={[
        {
          bars: [
            ...ORDER.map((d) => ({ label: t(`decision.${d}`), value: counts.byDecision[d] })),
            { label: t('chart.decisions.unanswered'), value: counts.unanswered },
          ],
        },
      ]}
    />
  )
}
