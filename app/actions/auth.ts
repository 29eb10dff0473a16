'use server'
/** Accounts: each action parses with zod, calls better-auth, and answers field errors a person can act on. */
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { APIError } from 'better-auth/api'
import { z } from 'zod'
import { auth } from '@/lib/server/auth'
import { safeNext } from '@/lib/server/session'
import { echo, type FormState } from '@/lib/form'
import { getLocale } from 'next-intl/server'
import { translatedFieldErrors, translator } from '@/lib/server/i18n'
import { isTimeZone } from '@/lib/core/settings'
import { saveSettings } from '@/lib/data/settings'
import { revokeOtherSessions } from '@/lib/data/sessions'
import { DEFAULT_SETTINGS } from '@/lib/core/settings'
import { Throttle } from '@/lib/core/throttle'

// Messages are catalogue keys (messages/*.json), worded in the person's interface language before they are returned.
const email = z.string().trim().toLowerCase().min(1, 'errors.emailMissing').email('errors.emailFormat')
const password = z.string().min(8, 'errors.passwordShort').max(128, 'errors.passwordLong')

const signUpSchema = z.object({
  name: z.string().trim().min(1, 'errors.nameMissing').max(100, 'errors.nameLong'),
  email,
  password,
  timeZone: z.string().optional(),
  next: z.string().optional(),
})
const signInSchema = z.object({ email, password: z.string().min(1, 'errors.passwordMissing'), next: z.string().optional() })
const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'errors.currentPasswordMissing'),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'errors.passwordsDiffer' })
/** The confirmation word is the interface's ("delete", "删除"); the English one is always accepted too. */
const deleteSchema = (word: string) =>
  z.object({
    password: z.string().min(1, 'errors.passwordToConfirm'),
    confirm: z.string().refine((typed) => typed.trim() === word || typed.trim() === 'delete', 'errors.typeDelete'),
  })

// Password guessing: 5 failed sign-ins per email per 5 minutes; account creation: 10 per address per 10 minutes.
const failedSignIns = new Throttle(5, 5 * 60_000)
const signUps = new Throttle(10, 10 * 60_000)

async function clientAddress(): Promise<string> {
  return (await headers()).get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown'
}

async function tooMany(retryAfterMs: number): Promise<FormState> {
  return { status: 'error', message: (await translator())('errors.tooManyMinutes', { minutes: Math.ceil(retryAfterMs / 60_000) }) }
}

/** better-auth's refusal as a catalogue key. */
function authMessage(err: unknown): string {
  if (err instanceof APIError) {
    const code = (err.body as { code?: string } | undefined)?.code
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') return 'errors.accountExists'
    if (code === 'INVALID_EMAIL_OR_PASSWORD') return 'errors.wrongCredentials'
    if (code === 'INVALID_PASSWORD') return 'errors.wrongPassword'
    if (err.status === 'TOO_MANY_REQUESTS') return 'errors.tooManySeconds'
    return 'errors.refused'
  }
  throw err
}

export async function signUp(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: await translatedFieldErrors(parsed.error), values: echo(form, ['password']) }
  const { name, timeZone } = parsed.data
  const address = await clientAddress()
  const wait = signUps.retryAfterMs(address, Date.now())
  if (wait > 0) return { ...(await tooMany(wait)), values: echo(form, ['password']) }
  signUps.record(address, Date.now())
  let userId: string
  try {
    const result = await auth.api.signUpEmail({ body: { name, email: parsed.data.email, password: parsed.data.password }, headers: await headers() })
    userId = result.user.id
  } catch (err) {
    return { status: 'error', message: (await translator())(authMessage(err)), values: echo(form, ['password']) }
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
  const parsed = signInSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: await translatedFieldErrors(parsed.error), values: echo(form, ['password']) }
  const key = parsed.data.email
  const wait = failedSignIns.retryAfterMs(key, Date.now())
  if (wait > 0) return { ...(await tooMany(wait)), values: echo(form, ['password']) }
  try {
    await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() })
  } catch (err) {
    failedSignIns.record(key, Date.now())
    return { status: 'error', message: (await translator())(authMessage(err)), values: echo(form, ['password']) }
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
  if (!parsed.success) return { status: 'error', fieldErrors: await translatedFieldErrors(parsed.error) }
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
    const key = authMessage(err)
    if (key === 'errors.wrongPassword') return { status: 'error', fieldErrors: { currentPassword: [t('errors.notCurrentPassword')] } }
    return { status: 'error', message: t(key) }
  }
  return { status: 'success', message: t('account.passwordChanged') }
}

export async function deleteAccount(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await translator()
  const parsed = deleteSchema(t('account.deleteWord')).safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: await translatedFieldErrors(parsed.error), values: echo(form, ['password']) }
  try {
    // Deleting the user row cascades to its sessions, accounts, settings, card states and review logs.
    await auth.api.deleteUser({ body: { password: parsed.data.password }, headers: await headers() })
  } catch (err) {
    const key = authMessage(err)
    if (key === 'errors.wrongPassword') return { status: 'error', fieldErrors: { password: [t(key)] } }
    return { status: 'error', message: t(key) }
  }
  redirect('/sign-up?deleted=1')
}
