import { BarChart } from '~/components/charts/BarChart'
import type { AnsweredCounts } from '~/domain/responses.server'
import { useT } from '~/i18n/use-t'

const ORDER = ['diterima', 'diterima_sebagian', 'sudah_diakomodasi', 'dicatat', 'ditolak'] as const

/** How the published inputs of a consultation were answered, with the unanswered ones last. */
export function DecisionChart({ id, counts, headingLevel }: { id: string; counts: AnsweredCounts; headingLevel?: 2 | 3 }) {
  const t = useT()
  return (
    <BarChart
      id={id}
      headingLevel={headingLevel}
      title={t('chart.decisions.title')}
      note={t('matrix.summary.answered', { answered: counts.answered, total: counts.total, unanswered: counts.unanswered })}
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
