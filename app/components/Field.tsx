import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { type ReactNode, useEffect, useRef } from 'react'
import { translateError } from '~/i18n/messages'
import { useT } from '~/i18n/use-t'

/** A labelled input with its hint and its errors next to it, announced to screen readers. */
export function TextField({
  field,
  label,
  hint,
  type = 'text',
  autoComplete,
  inputMode,
  clearOn,
}: {
  field: FieldMetadata<string>
  label: string
  hint?: string
  type?: 'text' | 'email' | 'password'
  autoComplete?: string
  /** The phone keyboard to offer, e.g. "numeric" for numbers typed with spaces. */
  inputMode?: 'numeric' | 'text' | 'email'
  /** For passwords and other secrets: when this changes (a new server answer), the typed value is cleared. */
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
        inputMode={inputMode}
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

function describedBy(field: FieldMetadata<unknown>, hint: string | undefined) {
  return [hint ? `${field.id}-hint` : null, field.errors ? field.errorId : null].filter(Boolean).join(' ') || undefined
}

function FieldHintAndError({ field, hint, children, label }: { field: FieldMetadata<unknown>; hint?: string; label: string; children: ReactNode }) {
  const t = useT()
  return (
    <div className={`field${field.errors ? ' field--invalid' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      {field.errors ? (
        <p id={field.errorId} className="field__error">
          {field.errors.map((e) => translateError(t, e)).join(' ')}
        </p>
      ) : null}
    </div>
  )
}

/** A labelled drop-down list; `placeholder` is an empty first choice that counts as "not chosen". */
export function SelectField({
  field,
  label,
  hint,
  options,
  placeholder,
}: {
  field: FieldMetadata<string | number>
  label: string
  hint?: string
  options: { value: string; label: string }[]
  placeholder?: string
}) {
  const { key, ...selectProps } = getSelectProps(field, { ariaAttributes: false })
  return (
    <FieldHintAndError field={field} hint={hint} label={label}>
      <select
        key={key}
        {...selectProps}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field, hint)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldHintAndError>
  )
}

/** A labelled multi-line text box with its hint and errors. */
export function TextareaField({
  field,
  label,
  hint,
  rows = 3,
}: {
  field: FieldMetadata<string>
  label: string
  hint?: string
  rows?: number
}) {
  const { key, ...textareaProps } = getTextareaProps(field, { ariaAttributes: false })
  return (
    <FieldHintAndError field={field} hint={hint} label={label}>
      <textarea
        key={key}
        {...textareaProps}
        rows={rows}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field, hint)}
      />
    </FieldHintAndError>
  )
}
