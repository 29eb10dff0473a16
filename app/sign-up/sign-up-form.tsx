'use client'
import { useActionState, useEffect, useState } from 'react'
import { useTranslations } from 'next-intl'
import { signUp } from '@/app/actions/auth'
import { idle } from '@/lib/form'
import { Field, FormMessage } from '@/app/ui/field'

export function SignUpForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signUp, idle)
  const [timeZone, setTimeZone] = useState('')
  const t = useTranslations('auth')
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), [])
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
