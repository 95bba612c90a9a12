import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'
import { useEffect, useRef } from 'react'
import { translateError } from '~/i18n/messages'
import { useT } from '~/i18n/use-t'

/** A labelled input with its hint and its errors next to it, announced to screen readers. */
export function TextField({
  field,
  label,
  hint,
  type = 'text',
  autoComplete,
  clearOn,
}: {
  field: FieldMetadata<string>
  label: string
  hint?: string
  type?: 'text' | 'email' | 'password'
  autoComplete?: string
  /** For passwords: when this changes (a new server answer), the typed value is cleared. */
  clearOn?: unknown
}) {
  const t = useT()
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (clearOn !== undefined && ref.current) ref.current.value = ''
  }, [clearOn])
  const hintId = `${field.id}-hint`
  const describedBy = [hint ? hintId : null, field.errors ? field.errorId : null].filter(Boolean).join(' ')
  const { key, ...inputProps } = getInputProps(field, { type, ariaAttributes: false })
  return (
    <div className={`field${field.errors ? ' field--invalid' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        key={key}
        {...inputProps}
        ref={ref}
        autoComplete={autoComplete}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {field.errors ? (
        <p id={field.errorId} className="field__error">
          {field.errors.map((e) => translateError(t, e)).join(' ')}
        </p>
      ) : null}
    </div>
  )
}

/** A labelled select with its hint and its errors next to it, announced to screen readers. */
export function SelectField({
  field,
  label,
  hint,
  options,
}: {
  field: FieldMetadata<string | number>
  label: string
  hint?: string
  options: { value: string; label: string }[]
}) {
  const t = useT()
  const hintId = `${field.id}-hint`
  const describedBy = [hint ? hintId : null, field.errors ? field.errorId : null].filter(Boolean).join(' ')
  const { key, ...selectProps } = getSelectProps(field, { ariaAttributes: false })
  return (
    <div className={`field${field.errors ? ' field--invalid' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select
        key={key}
        {...selectProps}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {field.errors ? (
        <p id={field.errorId} className="field__error">
          {field.errors.map((e) => translateError(t, e)).join(' ')}
        </p>
      ) : null}
    </div>
  )
}

export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const t = useT()
  if (!errors?.length) return null
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{translateError(t, e)}</p>
      ))}
    </div>
  )
}
