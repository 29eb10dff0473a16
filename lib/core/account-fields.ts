/**
 * The rules for account fields, said once: the forms (app/actions/auth.ts) and the auth API's hooks
 * (lib/server/auth-guard.ts) both parse with these, so the API takes nothing the forms would refuse. Messages are
 * catalogue keys (messages/*.json): the forms word them in the person's language, the API in English.
 */
import { z } from './zod'
import { dictionary } from '@zxcvbn-ts/language-common'

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

/**
 * C0 and C1 control characters (a newline or an escape in a name shown on every page) and the bidirectional
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069), which make a name read differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

export const nameField = z
  .string({ error: 'errors.nameMissing' })
  .trim()
  .min(1, 'errors.nameMissing')
  .max(NAME_MAX_CHARS, 'errors.nameLong')
  .refine((name) => !CONTROL_OR_BIDI.test(name), 'errors.nameControl')

/** An email as mail servers take it: ≤ 64 characters before the @, ≤ 254 in all (RFC 5321). */
export const emailField = z
  .string({ error: 'errors.emailMissing' })
  .trim()
  .toLowerCase()
  .min(1, 'errors.emailMissing')
  .max(254, 'errors.emailLong')
  .pipe(z.email('errors.emailFormat'))
  .refine((email) => email.indexOf('@') <= 64, 'errors.emailLong')

export const newPasswordField = z
  .string({ error: 'errors.passwordShort' })
  .min(PASSWORD_MIN_CHARS, 'errors.passwordShort')
  .max(PASSWORD_MAX_CHARS, 'errors.passwordLong')
  .refine((password) => password.trim() !== '', 'errors.passwordBlank')
  .refine((password) => !isCommonPassword(password), 'errors.passwordCommon')

/** A password being checked (not chosen): any length the hash accepts, so old passwords keep working. */
export const currentPasswordField = (missing: string) => z.string({ error: missing }).min(1, missing).max(PASSWORD_MAX_CHARS, 'errors.passwordLong')
