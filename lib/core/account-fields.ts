/**
 * The rules for account fields, said once: the forms (app/actions/auth.ts) and the auth API's hooks
 * (lib/server/auth-guard.ts) both parse with these, so the API takes nothing the forms would refuse.
 */
import { z } from 'zod'
import { dictionary } from '@zxcvbn-ts/language-common'
import { accountMessages as m } from '../account-messages'

export const NAME_MAX_CHARS = 100
export const PASSWORD_MIN_CHARS = 8
export const PASSWORD_MAX_CHARS = 128

let commonPasswords: Set<string> | undefined

/**
 * Whether a password is on zxcvbn-ts's list of ~49,000 common passwords (shipped in the package; lower case). Only
 * entries long enough to be accepted at all are kept.
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN_CHARS))
  return commonPasswords.has(password.toLowerCase())
}

export const nameField = z.string({ error: m.nameMissing }).trim().min(1, m.nameMissing).max(NAME_MAX_CHARS, m.nameTooLong)

/** An email as mail servers take it: ≤ 64 characters before the @, ≤ 254 in all (RFC 5321). */
export const emailField = z
  .string({ error: m.emailMissing })
  .trim()
  .toLowerCase()
  .min(1, m.emailMissing)
  .max(254, m.emailTooLong)
  .pipe(z.email(m.emailInvalid))
  .refine((email) => email.indexOf('@') <= 64, m.emailTooLong)

export const newPasswordField = z
  .string({ error: m.passwordTooShort })
  .min(PASSWORD_MIN_CHARS, m.passwordTooShort)
  .max(PASSWORD_MAX_CHARS, m.passwordTooLong)
  .refine((password) => !isCommonPassword(password), m.passwordCommon)

/** A password being checked (not chosen): any length the hash accepts, so old passwords keep working. */
export const currentPasswordField = (missing: string) => z.string({ error: missing }).min(1, missing).max(PASSWORD_MAX_CHARS, m.passwordTooLong)
