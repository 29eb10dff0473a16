'use server'
/** Accounts: each action parses with zod, calls better-auth, and answers field errors a person can act on. */
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { APIError } from 'better-auth/api'
import { z } from 'zod'
import { auth } from '@/lib/server/auth'
import { safeNext } from '@/lib/core/next-path'
import { echo, fieldErrorsOf, type FormState } from '@/lib/form'
import { isTimeZone } from '@/lib/core/settings'
import { saveSettings } from '@/lib/data/settings'
import { revokeOtherSessions } from '@/lib/data/sessions'
import { DEFAULT_SETTINGS } from '@/lib/core/settings'
import { currentPasswordField, emailField, nameField, newPasswordField } from '@/lib/core/account-fields'
import { accountMessages as m } from '@/lib/account-messages'

// The limits on password checks (5 failures per email and client, then a doubling wait; 30 checks a minute per
// address) are enforced inside better-auth's endpoints (lib/server/auth-guard.ts), so they hold here and on the API.
const signUpSchema = z.object({
  name: nameField,
  email: emailField,
  password: newPasswordField,
  timeZone: z.string().optional(),
  next: z.string().optional(),
})
const signInSchema = z.object({ email: emailField, password: currentPasswordField(m.passwordMissing), next: z.string().optional() })
const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordField('Enter your current password'),
    newPassword: newPasswordField,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords differ' })
const deleteSchema = z.object({
  password: currentPasswordField(m.passwordToDelete),
  confirm: z.literal('delete', { error: 'Type "delete" to confirm' }),
})

function authMessage(err: unknown): string {
  if (err instanceof APIError) {
    const body = err.body as { code?: string; retryAfterSeconds?: number } | undefined
    const code = body?.code
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') return 'An account with this email already exists. Sign in instead.'
    if (code === 'INVALID_EMAIL_OR_PASSWORD') return 'That email and password do not match an account.'
    if (code === 'INVALID_PASSWORD') return 'That password is not right.'
    if (err.status === 'TOO_MANY_REQUESTS') return m.tooManyAttempts(body?.retryAfterSeconds ?? 60)
    return err.message || 'The request was refused.'
  }
  throw err
}

export async function signUp(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values: echo(form, ['password']) }
  const { name, timeZone } = parsed.data
  let userId: string
  try {
    const result = await auth.api.signUpEmail({ body: { name, email: parsed.data.email, password: parsed.data.password }, headers: await headers() })
    userId = result.user.id
  } catch (err) {
    return { status: 'error', message: authMessage(err), values: echo(form, ['password']) }
  }
  // The browser's own time zone is the best first guess for where the study day starts; Settings can change it.
  await saveSettings(userId, { ...DEFAULT_SETTINGS, timeZone: timeZone && isTimeZone(timeZone) ? timeZone : DEFAULT_SETTINGS.timeZone })
  redirect(safeNext(parsed.data.next))
}

export async function signIn(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values: echo(form, ['password']) }
  try {
    await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() })
  } catch (err) {
    return { status: 'error', message: authMessage(err), values: echo(form, ['password']) }
  }
  redirect(safeNext(parsed.data.next))
}

export async function signOut(): Promise<void> {
  await auth.api.signOut({ headers: await headers() })
  redirect('/sign-in')
}

export async function changePassword(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error) }
  const requestHeaders = await headers()
  const session = await auth.api.getSession({ headers: requestHeaders })
  if (!session) return { status: 'error', message: 'You were signed out. Sign in again to change your password.' }
  try {
    await auth.api.changePassword({
      body: { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword },
      headers: requestHeaders,
    })
    // Other devices are signed out; this one keeps its session (better-auth's own option replaces it, and the
    // new cookie does not reach the browser from a server action).
    await revokeOtherSessions(session.user.id, session.session.token)
  } catch (err) {
    const message = authMessage(err)
    if (message === 'That password is not right.') return { status: 'error', fieldErrors: { currentPassword: ['That is not your current password'] } }
    return { status: 'error', message }
  }
  return { status: 'success', message: 'Your password was changed. Other devices were signed out.' }
}

export async function deleteAccount(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = deleteSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values: echo(form, ['password']) }
  try {
    // Deleting the user row cascades to its sessions, accounts, settings, card states and review logs.
    await auth.api.deleteUser({ body: { password: parsed.data.password }, headers: await headers() })
  } catch (err) {
    const message = authMessage(err)
    if (message === 'That password is not right.') return { status: 'error', fieldErrors: { password: ['That password is not right'] } }
    return { status: 'error', message }
  }
  redirect('/sign-up?deleted=1')
}
