/**
 * An administrator's password reset (`npm run reset-password`): Keyclaims sends no email, so a person who forgot
 * their password asks whoever runs the server. The new password obeys the sign-up rules and is hashed by
 * better-auth's own hasher, exactly as a sign-up or a change would be; the person is signed out everywhere and
 * the failed guesses against their email are forgotten, so the new password works at once.
 */
import 'server-only'
import { z } from 'zod'
import { auth } from './auth'
import { authLimits, inEnglish } from './auth-guard'
import { emailField, newPasswordField } from '../core/account-fields'
import { revokeAllSessions } from '../data/sessions'

export type ResetOutcome =
  | { ok: true; email: string; sessionsEnded: number }
  /** Nothing was written; `message` says what was wrong, in English (an administrator's terminal). */
  | { ok: false; field: 'email' | 'password'; message: string }

const input = z.object({ email: emailField, password: newPasswordField })

export async function resetPassword(email: string, password: string): Promise<ResetOutcome> {
  const parsed = input.safeParse({ email, password })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return { ok: false, field: issue.path[0] === 'email' ? 'email' : 'password', message: inEnglish(issue.message) }
  }
  const ctx = await auth.$context
  const found = await ctx.internalAdapter.findUserByEmail(parsed.data.email, { includeAccounts: true })
  if (!found) return { ok: false, field: 'email', message: `No account has the email ${parsed.data.email}.` }
  if (!found.accounts.some((a) => a.providerId === 'credential')) return { ok: false, field: 'email', message: `The account ${parsed.data.email} has no password to reset.` }
  await ctx.internalAdapter.updatePassword(found.user.id, await ctx.password.hash(parsed.data.password))
  const sessionsEnded = await revokeAllSessions(found.user.id)
  await authLimits.forgetPasswordFailures(parsed.data.email)
  return { ok: true, email: parsed.data.email, sessionsEnded }
}
