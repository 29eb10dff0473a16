/**
 * What better-auth's endpoints must honour on top of their own checks, whoever calls them (our forms call them
 * through auth.api, the API through app/api/auth): the same field rules as the forms (lib/core/account-fields.ts),
 * the limits on password checks (lib/core/auth-limits.ts, decision 0009), and deletion only with the password.
 * Wired into lib/server/auth.ts as `hooks.before`, `hooks.after` and `databaseHooks`.
 */
import 'server-only'
import { z } from 'zod'
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api'
import { currentPasswordField, emailField, nameField, newPasswordField } from '../core/account-fields'
// next-intl's own entry, under the react-server condition, pulls in its client provider (React's createContext),
// which only Next can load; use-intl's core (next-intl's engine, the same version) runs anywhere, e.g. in
// scripts/reset-password.ts.
import { createTranslator } from 'use-intl/core'
import en from '../../messages/en.json'
import { accountMessages as m } from '../account-messages'
import { safeNext } from '../core/next-path'
import { REDIRECT_FIELDS } from './auth-routes'
import { createAuthLimits, type CheckOutcome } from '../data/auth-limits'
import { db } from '../db/prisma'

/** The limits' counters, on the app's one Prisma client. */
export const authLimits = createAuthLimits(db)

/** The endpoints that check a password (or, for sign-up, hash one): every one of them is limited. */
const PASSWORD_PATHS = ['/sign-in/email', '/sign-up/email', '/change-password', '/delete-user'] as const
type PasswordPath = (typeof PASSWORD_PATHS)[number]
const isPasswordPath = (path: string | undefined): path is PasswordPath => PASSWORD_PATHS.includes(path as PasswordPath)

/** Answers that mean "a wrong guess": a wrong password, or a sign-up probing for a taken email. */
const FAILURE_CODES = new Set(['INVALID_EMAIL_OR_PASSWORD', 'INVALID_PASSWORD', 'USER_ALREADY_EXISTS', 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL'])

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0]

/** The client address scripts/server.mjs settled (one address; "unknown" when the request did not pass it). */
export function clientAddressOf(headers: Headers | undefined): string {
  return headers?.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown'
}

const english = createTranslator({ locale: 'en', messages: en })

/** A field's message in English (the JSON API's language, for developers): the account fields' are catalogue keys. */
export function inEnglish(message: string): string {
  type Key = Parameters<typeof english>[0]
  return english.has(message as Key) ? english(message as Key) : message
}

/** A field refused: 400, naming the field. */
function fieldError(error: z.ZodError): APIError {
  const issue = error.issues[0]!
  const field = String(issue.path[0] ?? 'body')
  return new APIError('BAD_REQUEST', { code: 'INVALID_FIELD', field, message: `${field}: ${inEnglish(issue.message)}` })
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) throw fieldError(parsed.error)
  return parsed.data
}

const noImage = z.null({ error: m.imageRefused }).optional()
const signUpBody = z.object({ name: nameField, email: emailField, password: newPasswordField, image: noImage })
const updateUserBody = z.object({ name: nameField.optional(), image: noImage })
const changePasswordBody = z.object({ newPassword: newPasswordField })
const deleteUserBody = z.object({ password: currentPasswordField(m.deleteNeedsPassword) })
// A sign-in that could match no account is refused before it is counted: malformed input writes nothing.
const signInBody = z.object({ email: emailField, password: currentPasswordField('errors.passwordMissing') })

/** The email a sign-in names, as accounts store it; null when it could not be one (better-auth then refuses it). */
function signInEmail(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email
  return typeof email === 'string' && email.length <= 254 ? email.trim().toLowerCase() : null
}

/** Whose password a request checks: the email it names, or the signed-in user's. */
async function emailOf(ctx: HookContext, path: PasswordPath): Promise<string | null> {
  if (path === '/sign-in/email' || path === '/sign-up/email') return signInEmail(ctx.body)
  const session = await getSessionFromCtx(ctx)
  return session?.user.email ?? null
}

/**
 * A place to send the browser, wherever a request names one (body or query), must be what `next` may be after
 * signing in (lib/core/next-path.ts): a page of this site, decided on the resolved URL. better-auth's own check lets
 * `/.//evil.example` through, and sets a Location header from it (a character above U+00FF there was a 500 after the
 * session row was written).
 */
function checkRedirectFields(ctx: HookContext): void {
  for (const source of [ctx.body, ctx.query] as unknown[]) {
    if (!source || typeof source !== 'object') continue
    for (const field of REDIRECT_FIELDS) {
      const value = (source as Record<string, unknown>)[field]
      if (value === undefined) continue
      if (typeof value !== 'string' || safeNext(value) !== value)
        throw new APIError('BAD_REQUEST', { code: 'INVALID_FIELD', field, message: `${field}: must be a path to a page of this site, like /settings.` })
    }
  }
}

export const beforeAuth = createAuthMiddleware(async (ctx) => {
  const path = ctx.path
  checkRedirectFields(ctx)
  let body: Record<string, unknown> | undefined
  if (path === '/sign-up/email') {
    const fields = parse(signUpBody, ctx.body)
    body = { ...ctx.body, name: fields.name, email: fields.email }
  } else if (path === '/sign-in/email') {
    parse(signInBody, ctx.body)
  } else if (path === '/update-user') {
    const fields = parse(updateUserBody, ctx.body)
    if (fields.name !== undefined) body = { ...ctx.body, name: fields.name }
  } else if (path === '/change-password' || path === '/reset-password') {
    parse(path === '/change-password' ? changePasswordBody : z.object({ newPassword: newPasswordField }), ctx.body)
  } else if (path === '/delete-user') {
    parse(deleteUserBody, ctx.body) // better-auth would delete a fresh session's account without it
  } else if (path === '/delete-user/callback') {
    throw new APIError('NOT_FOUND', { code: 'DELETE_BY_LINK_OFF', message: m.deleteByLinkOff })
  }

  if (isPasswordPath(path)) {
    const now = new Date()
    const email = await emailOf(ctx, path)
    // Changing or deleting needs a session; without one better-auth refuses anyway, and nothing is counted first.
    if (email === null && (path === '/change-password' || path === '/delete-user')) throw new APIError('UNAUTHORIZED', { code: 'SIGN_IN_FIRST', message: 'Sign in first.' })
    const decision = await authLimits.beginPasswordCheck(email, clientAddressOf(ctx.headers), now)
    if (!decision.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000))
      throw new APIError(
        'TOO_MANY_REQUESTS',
        { code: 'TOO_MANY_ATTEMPTS', message: m.tooManyAttempts(retryAfterSeconds), retryAfterSeconds },
        { 'Retry-After': String(retryAfterSeconds) },
      )
    }
  }
  return body ? { context: { body } } : undefined
})

/**
 * Settles the check beforeAuth reserved (decision 0019): a wrong password keeps the failure it was counted as, the
 * right one forgets this client's failures, anything else (an account made, one deleted, another refusal) gives the
 * reservation back. A request whose email was unknown reserved nothing but its client's minute.
 */
export const afterAuth = createAuthMiddleware(async (ctx) => {
  const path = ctx.path
  if (!isPasswordPath(path)) return
  const returned = ctx.context.returned
  const code = isAPIError(returned) ? (returned.body as { code?: string } | undefined)?.code : undefined
  // A refusal of our own limits (429) reserved nothing.
  if (code === 'TOO_MANY_ATTEMPTS') return
  const outcome: CheckOutcome = !!code && FAILURE_CODES.has(code) ? 'failed' : !isAPIError(returned) && (path === '/sign-in/email' || path === '/change-password') ? 'succeeded' : 'neither'
  const email = await emailOf(ctx, path)
  if (!email) return
  await authLimits.settlePasswordCheck(email, clientAddressOf(ctx.headers), outcome, new Date())
})

/** The last word on what a user row may hold, whichever endpoint writes it: a bounded name and no image. */
export function checkUserRow<T extends { name?: unknown; image?: unknown }>(user: T): T {
  if (user.name !== undefined) parse(z.object({ name: nameField }), { name: user.name })
  if (user.image !== undefined) parse(z.object({ image: noImage }), { image: user.image })
  return user
}
