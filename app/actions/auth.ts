'use server'
/** Accounts: each action parses with zod, calls better-auth, and answers field errors a person can act on. */
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { APIError } from 'better-auth/api'
import { z } from 'zod'
import { auth } from '@/lib/server/auth'
import { safeNext } from '@/lib/server/session'
import { echo, fieldErrorsOf, type FormState } from '@/lib/form'
import { isTimeZone } from '@/lib/core/settings'
import { saveSettings } from '@/lib/data/settings'
import { revokeOtherSessions } from '@/lib/data/sessions'
import { DEFAULT_SETTINGS } from '@/lib/core/settings'
import { Throttle } from '@/lib/core/throttle'

const email = z.string().trim().toLowerCase().min(1, 'Enter your email').email('Enter an email like name@example.com')
const password = z.string().min(8, 'At least 8 characters').max(128, 'At most 128 characters')

const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100, 'At most 100 characters'),
  email,
  password,
  timeZone: z.string().optional(),
  next: z.string().optional(),
})
const signInSchema = z.object({ email, password: z.string().min(1, 'Enter your password'), next: z.string().optional() })
const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords differ' })
const deleteSchema = z.object({
  password: z.string().min(1, 'Enter your password to confirm'),
  confirm: z.literal('delete', { error: 'Type "delete" to confirm' }),
})

// Password guessing: 5 failed sign-ins per email per 5 minutes; account creation: 10 per address per 10 minutes.
const failedSignIns = new Throttle(5, 5 * 60_000)
const signUps = new Throttle(10, 10 * 60_000)

async function clientAddress(): Promise<string> {
  return (await headers()).get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown'
}

function tooMany(retryAfterMs: number): FormState {
  return { status: 'error', message: `Too many attempts. Try again in ${Math.ceil(retryAfterMs / 60_000)} minute${retryAfterMs > 60_000 ? 's' : ''}.` }
}

function authMessage(err: unknown): string {
  if (err instanceof APIError) {
    const code = (err.body as { code?: string } | undefined)?.code
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') return 'An account with this email already exists. Sign in instead.'
    if (code === 'INVALID_EMAIL_OR_PASSWORD') return 'That email and password do not match an account.'
    if (code === 'INVALID_PASSWORD') return 'That password is not right.'
    if (err.status === 'TOO_MANY_REQUESTS') return 'Too many attempts. Wait a few seconds and try again.'
    return err.message || 'The request was refused.'
  }
  throw err
}

export async function signUp(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values: echo(form, ['password']) }
  const { name, timeZone } = parsed.data
  const address = await clientAddress()
  const wait = signUps.retryAfterMs(address, Date.now())
  if (wait > 0) return { ...tooMany(wait), values: echo(form, ['password']) }
  signUps.record(address, Date.now())
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
  const key = parsed.data.email
  const wait = failedSignIns.retryAfterMs(key, Date.now())
  if (wait > 0) return { ...tooMany(wait), values: echo(form, ['password']) }
  try {
    await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() })
  } catch (err) {
    failedSignIns.record(key, Date.now())
    return { status: 'error', message: authMessage(err), values: echo(form, ['password']) }
  }
  failedSignIns.reset(key)
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
