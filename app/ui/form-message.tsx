'use client'
import { useEffect, useRef } from 'react'
import type { FormState } from '@/lib/form'

// A number for each answer, to key its message by: useActionState gives a new state object for each answer, and a
// re-render of the same answer gets the same number (a WeakMap, so answers no longer shown are let go).
let answers = 0
const answerNumbers = new WeakMap<FormState, number>()
function answerNumber(state: FormState): number {
  let n = answerNumbers.get(state)
  if (n === undefined) {
    n = ++answers
    answerNumbers.set(state, n)
  }
  return n
}

/**
 * The form-level message, and where focus goes once the server has answered a submit. It sits inside its form.
 *
 * Each answer is announced once: an error is a fresh `role="alert"`; a success is new content in a polite status
 * region that is always there (a region inserted together with its text is not reliably read). Both are keyed by the
 * answer, so a second "Settings saved." after another save is read again, and a re-render never repeats one.
 *
 * The submit button is disabled while the action runs, so the browser drops focus to the page body. After a failed
 * submit focus goes to the first field in error (its label and error are read), else to the first empty field (the
 * password a refused sign-in cleared), else the first field; after a success back to the submit button.
 */
export function FormMessage({ state }: { state: FormState }) {
  const ref = useRef<HTMLDivElement>(null)
  const answer = answerNumber(state)
  useEffect(() => {
    const form = ref.current?.closest('form')
    if (form && state.status !== 'idle') focusAfterAnswer(form, state.status)
  }, [state])
  const success = state.status === 'success' && state.message
  return (
    <div ref={ref}>
      <div role="status" aria-live="polite" aria-atomic="true" className={success ? 'notice' : undefined}>
        {success ? <span key={answer}>{state.message}</span> : null}
      </div>
      {state.status === 'error' && state.message ? (
        <div key={answer} role="alert" className="form-error">{state.message}</div>
      ) : null}
    </div>
  )
}

function focusAfterAnswer(form: HTMLFormElement, status: 'error' | 'success'): void {
  if (status === 'success') {
    // Only when focus was lost: a person who has moved on keeps their place.
    // The form's own submit button: a button of another form may sit inside it (Help me decide, in the settings).
    if (!document.activeElement || document.activeElement === document.body) [...form.querySelectorAll<HTMLButtonElement>('[type="submit"]')].find((b) => b.form === form)?.focus()
    return
  }
  const fields = [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input:not([type="hidden"]), select, textarea')]
  const target = fields.find((f) => f.getAttribute('aria-invalid') === 'true') ?? fields.find((f) => f.value === '') ?? fields[0]
  target?.focus()
}
