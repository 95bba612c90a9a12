import { ChoiceGroup } from '~/components/form-controls'
import type { CitableFindings } from '~/domain/evaluations/findings.server'
import { elementCode } from '~/domain/evaluations/skm'
import type { MessageKey } from '~/i18n/messages'
import { useLocale, useT } from '~/i18n/use-t'
import { formatScore } from '~/lib/evaluation-format'

/**
 * Findings of published evaluations a change may cite, one group of checkboxes per period:
 * its elements (score, grade, priority), measured indicators, and follow-ups.
 */
export function FindingChoices(props: { id: string; findings: CitableFindings[]; chosen: string[]; errors?: string[] }) {
  const t = useT()
  const locale = useLocale()
  return (
    <>
      {props.findings.map((period, i) => (
        <ChoiceGroup
          key={period.periodId}
          id={`${props.id}-${period.periodId}`}
          name="findings"
          type="checkbox"
          legend={t('evaluations.citation.legend', { period: period.periodName })}
          hint={i === 0 ? t('evaluations.citation.hint') : undefined}
          defaultValue={props.chosen}
          errors={i === 0 ? props.errors : undefined}
          options={[
            ...period.elements.map((e) => ({
              value: e.key,
              label: `${elementCode(e.element)} ${t(`evaluations.element.${e.element}` as MessageKey)}`,
              hint:
                e.converted === null
                  ? undefined
                  : `${formatScore(e.converted, locale)} — ${e.grade}${e.priority ? ` · ${t('evaluations.elements.priority')}` : ''}`,
            })),
            ...period.indicators.map((ind) => ({
              value: ind.key,
              label: t('evaluations.citation.indicatorOption', { name: ind.name }),
              hint: t(`evaluations.status.${ind.status as 'met'}`),
            })),
            ...period.followUps.map((f) => ({ value: f.key, label: t('evaluations.citation.followUpOption', { action: f.action }), hint: f.owner })),
          ]}
        />
      ))}
    </>
  )
}
