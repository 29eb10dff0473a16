import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react'

type Described = { name: string; label: string; errors?: string[] | undefined; hint?: string; id?: string | undefined }
type Props = InputHTMLAttributes<HTMLInputElement> & Described

/** The ids and aria attributes that tie a control to its hint and its errors. */
function described({ name, errors, hint, id }: Described) {
  const inputId = id ?? `field-${name}`
  const errorId = `${inputId}-error`
  const hintId = `${inputId}-hint`
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined
  return { inputId, errorId, hintId, aria: { 'aria-invalid': errors?.length ? true : undefined, 'aria-describedby': describedBy } }
}

/** A control with its label above, its hint, and its errors announced. */
function FieldFrame({ label, hint, errors, ids, children }: { label: string; hint?: string | undefined; errors?: string[] | undefined; ids: ReturnType<typeof described>; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={ids.inputId}>{label}</label>
      {hint ? <span id={ids.hintId} className="muted">{hint}</span> : null}
      {children}
      {errors?.length ? (
        <p id={ids.errorId} className="field-error">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  )
}

/** A labelled input whose errors are tied to it (aria-describedby) and announced. */
export function Field({ name, label, errors, hint, id, ...input }: Props) {
  const ids = described({ name, label, errors, hint, id })
  return (
    <FieldFrame label={label} hint={hint} errors={errors} ids={ids}>
      <input id={ids.inputId} name={name} {...ids.aria} {...input} />
    </FieldFrame>
  )
}

/** A labelled select, tied to its hint and errors as Field is. */
export function SelectField({ name, label, errors, hint, id, children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & Described) {
  const ids = described({ name, label, errors, hint, id })
  return (
    <FieldFrame label={label} hint={hint} errors={errors} ids={ids}>
      <select id={ids.inputId} name={name} {...ids.aria} {...select}>
        {children}
      </select>
    </FieldFrame>
  )
}

export { FormMessage } from './form-message'
