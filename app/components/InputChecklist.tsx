import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { FieldError, Hint } from '~/components/form-controls'
import { useT } from '~/i18n/use-t'

export interface ChecklistInput {
  id: number
  trackingNumber: string
  kind: string
  status: string
  excerpt: string
  /** Section heading, topic and the like, already in words. */
  meta: string
}

/**
 * A checkbox per input for the policy team's bulk forms: the label names the input by its
 * tracking number and kind, its text follows as a description, and a link opens the input in
 * its own tab-free page (outside the label, so a click on the text still ticks the box).
 */
export function InputChecklist(props: {
  id: string
  name: string
  legend: ReactNode
  hint?: ReactNode
  errors?: string[]
  /** `note`: a line after the meta, e.g. how many inputs move with this one. */
  items: (ChecklistInput & { note?: ReactNode })[]
  checked?: number[]
  mark?: (item: ChecklistInput) => ReactNode
  /** One line per input: no section, topic or link. */
  compact?: boolean
}) {
  const t = useT()
  const checked = new Set(props.checked ?? [])
  const describedBy = [props.hint ? `${props.id}-hint` : null, props.errors?.length ? `${props.id}-error` : null].filter(Boolean).join(' ')
  return (
    <fieldset
      className={`field input-checklist${props.compact ? ' input-checklist--compact' : ''}${props.errors?.length ? ' field--invalid' : ''}`} 
      aria-describedby={describedBy || undefined}
    >
      <legend>{props.legend}</legend>
      <Hint id={props.id}>{props.hint}</Hint>
      <FieldError id={props.id} errors={props.errors} />
      <ul className="input-checklist__items">
        {props.items.map((item) => {
          const optionId = `${props.id}-${item.id}`
          return (
            <li key={item.id} className="input-checklist__item">
              <input
                type="checkbox"
                id={optionId}
                name={props.name}
                value={item.id}
                defaultChecked={checked.has(item.id)}
                aria-describedby={`${optionId}-text`}
                aria-invalid={props.errors?.length ? true : undefined}
              />
              <div className="input-checklist__body">
                <label htmlFor={optionId}>
                  <span className="tracking">{item.trackingNumber}</span>{' '}
                  <span className={`kind-badge kind-badge--${item.kind}`}>{t(`kind.${item.kind as 'add'}`)}</span>
                  {item.status !== 'published' ? (
                    <span className="status-tag"> {t(`input.status.${item.status as 'pending'}`)}</span>
                  ) : null}
                  {props.mark?.(item)}
                </label>
                <p id={`${optionId}-text`} className="input-checklist__text">
                  {item.excerpt}
                </p>
                {props.compact ? null : (
                <p className="input-checklist__meta">
                  {item.meta}
                  {item.note ? <> · {item.note}</> : null} ·{' '}
                  <Link to={`/masukan/${item.trackingNumber}`}>
                    {t('inputs.permalink', { number: item.trackingNumber })}
                  </Link>
                </p>
                )}
              </div>
            </li>
          )
        })}
      </ul>
    </fieldset>
  )
}
