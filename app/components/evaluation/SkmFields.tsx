import { ChoiceGroup, Select } from '~/components/form-controls'
import { PROFILE, PROFILE_FIELDS, SKM_ELEMENTS, SKM_SCORES, elementCode } from '~/domain/evaluations/skm'
import type { MessageKey } from '~/i18n/messages'
import { useT } from '~/i18n/use-t'

/**
 * The nine elements of PermenPANRB 14/2017, each a question with the regulation's four answers
 * (radio buttons named u1…u9), readable and answerable on a phone without JavaScript.
 */
export function SkmElementFields(props: { initial: Record<string, any>; errors: (name: string) => string[] | undefined; idPrefix?: string }) {
  const t = useT()
  const prefix = props.idPrefix ?? 'unsur'
  return (
    <>
      {SKM_ELEMENTS.map((e) => (
        <ChoiceGroup
          key={e}
          id={`${prefix}-${e}`}
          name={`u${e}`}
          type="radio"
          legend={
            <>
              <span className="element-code">
                {elementCode(e)} · {t(`evaluations.element.${e}` as MessageKey)}
              </span>{' '}
              {t(`evaluations.element.${e}.question` as MessageKey)}
            </>
          }
          defaultValue={props.initial[`u${e}`]}
          errors={props.errors(`u${e}`)}
          options={SKM_SCORES.map((s) => ({ value: String(s), label: `${s} — ${t(`evaluations.element.${e}.a${s}` as MessageKey)}` }))}
        />
      ))}
    </>
  )
}

/** The optional respondent profile: age band, sex, education, occupation; "rather not say" by default. */
export function SkmProfileFields(props: { initial: Record<string, any>; errors: (name: string) => string[] | undefined; idPrefix?: string }) {
  const t = useT()
  const prefix = props.idPrefix ?? 'profil'
  return (
    <>
      {PROFILE_FIELDS.map((field) => (
        <Select
          key={field}
          id={`${prefix}-${field}`}
          name={field}
          label={t(`evaluations.profile.${field}`)}
          placeholder={t('evaluations.profile.unstated')}
          defaultValue={props.initial[field] ?? ''}
          errors={props.errors(field)}
          options={PROFILE[field].map((value) => ({ value, label: t(`evaluations.profile.${field}.${value}` as MessageKey) }))}
        />
      ))}
    </>
  )
}
