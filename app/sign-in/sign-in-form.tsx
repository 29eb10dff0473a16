'use client'
import { useActionState } from 'react'
import { signIn } from '@/app/actions/auth'
import { idle } from '@/lib/form'
import { Field, FormMessage } from '@/app/ui/field'

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signIn, idle)
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <input type="hidden" name="next" value={next} />
      <button type="submit" className="primary" disabled={pending}>Sign in</button>
    </form>
  )
}
