import type { InputHTMLAttributes } from 'react'

type Props = InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; errors?: string[] | undefined; hint?: string }

/** A labelled input whose errors are tied to it (aria-describedby) and announced. */
export function Field({ name, label, errors, hint, id, ...input }: Props) {
  const inputId = id ?? `field-${name}`
  const errorId = `${inputId}-error`
  const hintId = `${inputId}-hint`
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? <span id={hintId} className="muted">{hint}</span> : null}
      <input id={inputId} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} {...input} />
      {errors?.length ? (
        <p id={errorId} className="field-error">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  )
}

/** The form-level message: an error in an alert, a success as a polite status. */
export function FormMessage({ status, message }: { status: string; message?: string | undefined }) {
  if (!message) return <div role="status" aria-live="polite" />
  return status === 'error' ? (
    <div role="alert" className="form-error">{message}</div>
  ) : (
    <div role="status" aria-live="polite" className="notice">{message}</div>
  )
}
