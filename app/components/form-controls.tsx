import type { ReactNode } from 'react'
import { translateError } from '~/i18n/messages'
import { useT } from '~/i18n/use-t'

/**
 * Plain, uncontrolled form controls for forms whose fields are built from data (questionnaires,
 * filters): a label, an optional hint, and errors next to the control, announced to screen
 * readers. They take Conform's errors by field name.
 */

function describedBy(id: string, hint?: ReactNode, errors?: string[]) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT()
  if (!errors?.length) return null
  return (
    <p id={`${id}-error`} className="field__error">
      {errors.map((e) => translateError(t, e)).join(' ')}
    </p>
  )
}

export function Hint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null
  return (
    <p id={`${id}-hint`} className="field__hint">
      {children}
    </p>
  )
}

export function TextArea(props: {
  id: string
  name: string
  label: ReactNode
  hint?: ReactNode
  errors?: string[]
  defaultValue?: string
  maxLength?: number
  required?: boolean
  rows?: number
}) {
  return (
    <div className={`field${props.errors?.length ? ' field--invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <Hint id={props.id}>{props.hint}</Hint>
      <textarea
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        required={props.required}
        rows={props.rows ?? 5}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.errors)}
      />
      <FieldError id={props.id} errors={props.errors} />
    </div>
  )
}

export function TextInput(props: {
  id: string
  name: string
  label: ReactNode
  hint?: ReactNode
  errors?: string[]
  defaultValue?: string
  maxLength?: number
  required?: boolean
  type?: 'text' | 'datetime-local' | 'date' | 'email' | 'search'
  autoComplete?: string
  inputMode?: 'numeric' | 'text'
}) {
  return (
    <div className={`field${props.errors?.length ? ' field--invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <Hint id={props.id}>{props.hint}</Hint>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        required={props.required}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.errors)}
      />
      <FieldError id={props.id} errors={props.errors} />
    </div>
  )
}

export function Select(props: {
  id: string
  name: string
  label: ReactNode
  hint?: ReactNode
  errors?: string[]
  defaultValue?: string
  options: { value: string; label: string }[]
  placeholder?: string
  required?: boolean
}) {
  const t = useT()
  // A required single choice starts with an empty option (HTML requires it).
  const empty = props.placeholder ?? (props.required ? t('form.choose') : undefined)
  return (
    <div className={`field${props.errors?.length ? ' field--invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <Hint id={props.id}>{props.hint}</Hint>
      <select
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue ?? ''}
        required={props.required}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.errors)}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={props.id} errors={props.errors} />
    </div>
  )
}

/** Radio buttons or checkboxes in a fieldset whose legend is the question. */
export function ChoiceGroup(props: {
  id: string
  name: string
  legend: ReactNode
  hint?: ReactNode
  errors?: string[]
  type: 'radio' | 'checkbox'
  options: { value: string; label: ReactNode; hint?: ReactNode; disabled?: boolean }[]
  defaultValue?: string | string[]
  inline?: boolean
  required?: boolean
}) {
  const chosen = Array.isArray(props.defaultValue) ? props.defaultValue : props.defaultValue ? [props.defaultValue] : []
  return (
    <fieldset
      className={`field choice-group${props.inline ? ' choice-group--inline' : ''}${props.errors?.length ? ' field--invalid' : ''}`}
      aria-describedby={describedBy(props.id, props.hint, props.errors)}
    >
      <legend>{props.legend}</legend>
      <Hint id={props.id}>{props.hint}</Hint>
      <div className="choice-group__options">
        {props.options.map((o, i) => {
          const optionId = `${props.id}-${i}`
          return (
            <div key={o.value} className="choice">
              <input
                type={props.type}
                id={optionId}
                name={props.name}
                value={o.value}
                defaultChecked={chosen.includes(o.value)}
                disabled={o.disabled}
                required={props.type === 'radio' ? props.required : undefined}
                aria-invalid={props.errors?.length ? true : undefined}
                aria-describedby={o.hint ? `${optionId}-hint` : undefined}
              />
              <label htmlFor={optionId}>
                {o.label}
                {o.hint ? (
                  <span id={`${optionId}-hint`} className="choice__hint">
                    {o.hint}
                  </span>
                ) : null}
              </label>
            </div>
          )
        })}
      </div>
      <FieldError id={props.id} errors={props.errors} />
    </fieldset>
  )
}

export function Checkbox(props: {
  id: string
  name: string
  label: ReactNode
  errors?: string[]
  defaultChecked?: boolean
  required?: boolean
}) {
  return (
    <div className={`field choice${props.errors?.length ? ' field--invalid' : ''}`}>
      <input
        type="checkbox"
        id={props.id}
        name={props.name}
        defaultChecked={props.defaultChecked}
        required={props.required}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={props.errors?.length ? `${props.id}-error` : undefined}
      />
      <label htmlFor={props.id}>{props.label}</label>
      <FieldError id={props.id} errors={props.errors} />
    </div>
  )
}
