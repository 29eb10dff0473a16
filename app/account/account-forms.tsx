'use client'
import { useActionState, useEffect, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'
import { changePassword, deleteAccount } from '@/app/actions/auth'
import { idle } from '@/lib/form'
import { Field, FormMessage } from '@/app/ui/field'

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePassword, idle)
  const formRef = useRef<HTMLFormElement>(null)
  const t = useTranslations('account')
  const tAuth = useTranslations('auth')
  return (
    <form ref={formRef} action={action} className="stack" noValidate aria-labelledby="change-password-heading" key={state.status === 'success' ? state.message : 'form'}>
      <FormMessage state={state} />
      <Field name="currentPassword" label={t('currentPassword')} type="password" autoComplete="current-password" required errors={state.fieldErrors?.currentPassword} />
      <Field name="newPassword" label={t('newPassword')} type="password" autoComplete="new-password" required minLength={8} hint={tAuth('passwordHint')} errors={state.fieldErrors?.newPassword} />
      <Field name="confirmPassword" label={t('confirmPassword')} type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <button type="submit" className="primary" disabled={pending}>{t('changePassword')}</button>
    </form>
  )
}

/** Asked twice: the first button only opens the confirmation, which needs the password and the word "delete" (删除). */
export function DeleteAccountForm() {
  const [state, action, pending] = useActionState(deleteAccount, idle)
  const [open, setOpen] = useState(false)
  const t = useTranslations('account')
  // "Keep my account" removes the button that had focus: give it back to the one that opens the form again.
  const openButton = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(false)
  useEffect(() => {
    if (!open && wasOpen.current) openButton.current?.focus()
    wasOpen.current = open
  }, [open])
  if (!open && state.status === 'idle') {
    return (
      <button ref={openButton} type="button" className="danger" onClick={() => setOpen(true)}>
        {t('deleteOpen')}
      </button>
    )
  }
  return (
    <form action={action} className="stack" noValidate aria-labelledby="delete-heading">
      <p role="alert">{t('deleteWarning')}</p>
      <FormMessage state={state} />
      <Field name="password" label={t('yourPassword')} type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} autoFocus />
      <Field name="confirm" label={t('deleteConfirm', { word: t('deleteWord') })} autoComplete="off" required defaultValue={state.values?.confirm} errors={state.fieldErrors?.confirm} />
      <div style={{ display: 'flex', gap: '.75rem', flexWrap: 'wrap' }}>
        <button type="submit" className="danger" disabled={pending}>{t('deletePermanently')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('keep')}</button>
      </div>
    </form>
  )
}
