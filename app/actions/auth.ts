'use server'
/** Accounts: each action parses with zod, calls better-auth, and answers field errors a person can act on. */
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { APIError } from 'better-auth/api'
import { z } from 'zod'
import { auth } from '@/lib/server/auth'
import { safeNext } from '@/lib/core/next-path'
import { echo, type FormState } from '@/lib/form'
import { parseForm } from '@/lib/server/form-action'
import { getLocale } from 'next-intl/server'
import { translator } from '@/lib/server/i18n'
import { isTimeZone } from '@/lib/core/settings'
import { saveSettings } from '@/lib/data/settings'
import { revokeOtherSessions } from '@/lib/data/sessions'
import { DEFAULT_SETTINGS } from '@/lib/core/settings'
import { currentPasswordField, emailField, nameField, newPasswordField } from '@/lib/core/account-fields'

// Messages are catalogue keys (messages/*.json), worded in the person's interface language before they are returned.
// The limits on password checks (5 failures per email and client, then a doubling wait; 30 checks a minute per
// address) are enforced inside better-auth's endpoints (lib/server/auth-guard.ts), so they hold here and on the API.
const signUpSchema = z.object({
  name: nameField,
  email: emailField,
  password: newPasswordField,
  // The browser's zone (a hidden field) and the path to go back to: bounded like every field a request brings.
  timeZone: z.string().max(100).optional(),
  next: z.string().max(2000).optional(),
})
const signInSchema = z.object({ email: emailField, password: currentPasswordField('errors.passwordMissing'), next: z.string().max(2000).optional() })
const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordField('errors.currentPasswordMissing'),
    newPassword: newPasswordField,
    confirmPassword: z.string().max(1000),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'errors.passwordsDiffer' })
/** The confirmation word is the interface's ("delete", "删除"); the English one is always accepted too. */
const deleteSchema = (word: string) =>
  z.object({
    password: currentPasswordField('errors.passwordToConfirm'),
    confirm: z.string().max(100).refine((typed) => typed.trim() === word || typed.trim() === 'delete', 'errors.typeDelete'),
  })

/** A refusal worded for the person: a catalogue key and its values. */
type AuthRefusal = { key: string; values?: Record<string, number> }

/** better-auth's refusal (and our limits', lib/server/auth-guard.ts) as a catalogue key. */
function authRefusal(err: unknown): AuthRefusal {
  if (err instanceof APIError) {
    const body = err.body as { code?: string; retryAfterSeconds?: number } | undefined
    const code = body?.code
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') return { key: 'errors.accountExists' }
    if (code === 'INVALID_EMAIL_OR_PASSWORD') return { key: 'errors.wrongCredentials' }
    if (code === 'INVALID_PASSWORD') return { key: 'errors.wrongPassword' }
    if (err.status === 'TOO_MANY_REQUESTS') return { key: 'errors.tooManyWait', values: { seconds: body?.retryAfterSeconds ?? 60 } }
    return { key: 'errors.refused' }
  }
  throw err
}

async function refusalMessage(err: unknown): Promise<string> {
  const { key, values } = authRefusal(err)
  return (await translator())(key, values)
}

export async function signUp(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = await parseForm(signUpSchema, form, ['password'])
  if (!parsed.ok) return parsed.state
  const { name, timeZone } = parsed.data
  let userId: string
  try {
    const result = await auth.api.signUpEmail({ body: { name, email: parsed.data.email, password: parsed.data.password }, headers: await headers() })
    userId = result.user.id
  } catch (err) {
    return { status: 'error', message: await refusalMessage(err), values: echo(form, ['password']) }
  }
  // The browser's own time zone is the best first guess for where the study day starts, and its languages (the
  // visitor's locale, from Accept-Language) for the interface and the cards; Settings can change all three.
  const locale = await getLocale()
  await saveSettings(userId, {
    ...DEFAULT_SETTINGS,
    timeZone: timeZone && isTimeZone(timeZone) ? timeZone : DEFAULT_SETTINGS.timeZone,
    interfaceLanguage: locale,
    displayLanguage: locale,
  })
  redirect(safeNext(parsed.data.next))
}

export async function signIn(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = await parseForm(signInSchema, form, ['password'])
  if (!parsed.ok) return parsed.state
  try {
    await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() })
  } catch (err) {
    return { status: 'error', message: await refusalMessage(err), values: echo(form, ['password']) }
  }
  redirect(safeNext(parsed.data.next))
}

/** Takes the (empty) sign-out form, or nothing: there is nothing in it to parse. */
export async function signOut(): Promise<void> {
  await auth.api.signOut({ headers: await headers() })
  redirect('/sign-in')
}

export async function changePassword(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = await parseForm(changePasswordSchema, form, ['currentPassword', 'newPassword', 'confirmPassword'])
  if (!parsed.ok) return { ...parsed.state, values: undefined }
  const t = await translator()
  const requestHeaders = await headers()
  const session = await auth.api.getSession({ headers: requestHeaders })
  if (!session) return { status: 'error', message: t('errors.signedOutPassword') }
  try {
    await auth.api.changePassword({
      body: { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword },
      headers: requestHeaders,
    })
    // Other devices are signed out; this one keeps its session (better-auth's own option replaces it, and the
    // new cookie does not reach the browser from a server action).
    await revokeOtherSessions(session.user.id, session.session.token)
  } catch (err) {
    const { key, values } = authRefusal(err)
    if (key === 'errors.wrongPassword') return { status: 'error', fieldErrors: { currentPassword: [t('errors.notCurrentPassword')] } }
    return { status: 'error', message: t(key, values) }
  }
  return { status: 'success', message: t('account.passwordChanged') }
}

export async function deleteAccount(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await translator()
  const parsed = await parseForm(deleteSchema(t('account.deleteWord')), form, ['password'])
  if (!parsed.ok) return parsed.state
  try {
    // Deleting the user row cascades to its sessions, accounts, settings, card states and review logs.
    await auth.api.deleteUser({ body: { password: parsed.data.password }, headers: await headers() })
  } catch (err) {
    const { key, values } = authRefusal(err)
    if (key === 'errors.wrongPassword') return { status: 'error', fieldErrors: { password: [t(key)] } }
    return { status: 'error', message: t(key, values) }
  }
  redirect('/sign-up?deleted=1')
}
