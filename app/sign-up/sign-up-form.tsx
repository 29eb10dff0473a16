'use client'
import { useActionState, useSyncExternalStore } from 'react'
import { useTranslations } from 'next-intl'
import { signUp } from '@/app/actions/auth'
import { idle } from '@/lib/form'
import { Field, FormMessage } from '@/app/ui/field'

export function SignUpForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signUp, idle)
  const timeZone = useSyncExternalStore(noChanges, browserTimeZone, noTimeZoneOnServer)
  const t = useTranslations('auth')
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="name" label={t('name')} autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <Field name="email" label={t('email')} type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <Field name="password" label={t('password')} type="password" autoComplete="new-password" required minLength={8} hint={t('passwordHint')} errors={state.fieldErrors?.password} />
      <input type="hidden" name="timeZone" value={timeZone} />
      <input type="hidden" name="next" value={next} />
      <button type="submit" className="primary" disabled={pending}>{t('signUp')}</button>
    </form>
  )
}

// The browser's time zone becomes the new account's. The server cannot know it, so the server's HTML sends none and
// the browser fills it in as it hydrates the form (the action takes a missing one as UTC).
const noChanges = () => () => {}
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone
const noTimeZoneOnServer = () => ''
