import { type FieldMetadata, getCollectionProps, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
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

// Further controls for the policy team's forms, built like TextField: label, hint, error next
// to the control, announced through aria-describedby.

function describedBy(field: { id: string; errorId: string; errors?: string[] }, hint: unknown) {
  return [hint ? `${field.id}-hint` : null, field.errors ? field.errorId : null].filter(Boolean).join(' ') || undefined
}

function FieldHint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={`${id}-hint`} className="field__hint">
      {hint}
    </p>
  ) : null
}

function FieldError({ field }: { field: { errorId: string; errors?: string[] } }) {
  const t = useT()
  return field.errors ? (
    <p id={field.errorId} className="field__error">
      {field.errors.map((e) => translateError(t, e)).join(' ')}
    </p>
  ) : null
}

export function TextAreaField({
  field,
  label,
  hint,
  rows = 4,
}: {
  field: FieldMetadata<string | undefined>
  label: string
  hint?: string
  rows?: number
}) {
  const { key, ...props } = getTextareaProps(field, { ariaAttributes: false })
  return (
    <div className={`field${field.errors ? ' field--invalid' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={field.id} hint={hint} />
      <textarea
        key={key}
        {...props}
        rows={rows}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field, hint)}
      />
      <FieldError field={field} />
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
  field: FieldMetadata<string | number | undefined>
  label: string
  hint?: string
  options: { value: string; label: string }[]
  placeholder?: string
}) {
  const t = useT()
  const { key, ...props } = getSelectProps(field, { ariaAttributes: false })
  // A required single choice starts with an empty option (HTML requires it; it also makes "not
  // chosen" something the browser can refuse).
  const empty = placeholder ?? (props.required ? t('form.choose') : undefined)
  return (
    <div className={`field${field.errors ? ' field--invalid' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={field.id} hint={hint} />
      <select key={key} {...props} aria-invalid={field.errors ? true : undefined} aria-describedby={describedBy(field, hint)}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError field={field} />
    </div>
  )
}

/** One choice among a few, each option with an optional hint of its own. */
export function RadioGroupField({
  field,
  legend,
  hint,
  options,
}: {
  field: FieldMetadata<string | undefined>
  legend: string
  hint?: string
  options: { value: string; label: string; hint?: string }[]
}) {
  const inputs = getCollectionProps(field, { type: 'radio', options: options.map((o) => o.value), ariaAttributes: false })
  return (
    <fieldset
      className={`field field--choices${field.errors ? ' field--invalid' : ''}`}
      aria-describedby={describedBy(field, hint)}
    >
      <legend>{legend}</legend>
      <FieldHint id={field.id} hint={hint} />
      {inputs.map(({ key, ...props }, i) => {
        const option = options[i]
        const optionHint = option.hint ? `${props.id}-hint` : undefined
        return (
          <div key={key} className="choice">
            <input {...props} aria-describedby={optionHint} />
            <label htmlFor={props.id}>{option.label}</label>
            {option.hint ? (
              <p id={optionHint} className="field__hint">
                {option.hint}
              </p>
            ) : null}
          </div>
        )
      })}
      <FieldError field={field} />
    </fieldset>
  )
}

export function CheckboxField({ field, label }: { field: FieldMetadata<boolean | undefined>; label: string }) {
  const { key, ...props } = getInputProps(field, { type: 'checkbox', ariaAttributes: false })
  return (
    <div className={`field field--choices${field.errors ? ' field--invalid' : ''}`}>
      <div className="choice">
        <input
          key={key}
          {...props}
          aria-invalid={field.errors ? true : undefined}
          aria-describedby={field.errors ? field.errorId : undefined}
        />
        <label htmlFor={field.id}>{label}</label>
      </div>
      <FieldError field={field} />
    </div>
  )
}

export function FileField({
  field,
  label,
  hint,
  accept,
}: {
  field: FieldMetadata<File | undefined>
  label: string
  hint?: string
  accept?: string
}) {
  const { key, ...props } = getInputProps(field, { type: 'file', ariaAttributes: false })
  return (
    <div className={`field${field.errors ? ' field--invalid' : ''}`}>
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={field.id} hint={hint} />
      <input
        key={key}
        {...props}
        accept={accept}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field, hint)}
      />
      <FieldError field={field} />
    </div>
  )
}
