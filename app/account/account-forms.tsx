'use client'
import { useActionState, useRef, useState } from 'react'
import { changePassword, deleteAccount } from '@/app/actions/auth'
import { idle } from '@/lib/form'
import { Field, FormMessage } from '@/app/ui/field'

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePassword, idle)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={action} className="stack" noValidate aria-labelledby="change-password-heading" key={state.status === 'success' ? state.message : 'form'}>
      <FormMessage status={state.status} message={state.message} />
      <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.currentPassword} />
      <Field name="newPassword" label="New password" type="password" autoComplete="new-password" required minLength={8} hint="At least 8 characters." errors={state.fieldErrors?.newPassword} />
      <Field name="confirmPassword" label="Repeat the new password" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <button type="submit" className="primary" disabled={pending}>Change password</button>
    </form>
  )
}

/** Asked twice: the first button only opens the confirmation, which needs the password and the word "delete". */
export function DeleteAccountForm() {
  const [state, action, pending] = useActionState(deleteAccount, idle)
  const [open, setOpen] = useState(false)
  if (!open && state.status === 'idle') {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Delete my account…
      </button>
    )
  }
  return (
    <form action={action} className="stack" noValidate aria-labelledby="delete-heading">
      <p role="alert">
        This deletes your account, your schedule and every review you have made. It cannot be undone. Download your data
        first if you want to keep it.
      </p>
      <FormMessage status={state.status} message={state.message} />
      <Field name="password" label="Your password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} autoFocus />
      <Field name="confirm" label='Type "delete" to confirm' autoComplete="off" required defaultValue={state.values?.confirm} errors={state.fieldErrors?.confirm} />
      <div style={{ display: 'flex', gap: '.75rem', flexWrap: 'wrap' }}>
        <button type="submit" className="danger" disabled={pending}>Delete account permanently</button>
        <button type="button" onClick={() => setOpen(false)}>Keep my account</button>
      </div>
    </form>
  )
}
