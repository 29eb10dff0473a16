'use client'
import { useActionState } from 'react'
import { useTranslations } from 'next-intl'
import { signIn } from '@/app/actions/auth'
import { idle } from '@/lib/form'
import { Field, FormMessage } from '@/app/ui/field'

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signIn, idle)
  const t = useTranslations('auth')
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="email" label={t('email')} type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <Field name="password" label={t('password')} type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <input type="hidden" name="next" value={next} />
      <button type="submit" className="primary" disabled={pending}>{t('signIn')}</button>
    </form>
  )
}
