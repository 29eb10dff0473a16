/** What a form's server action answers: field errors shown next to each field, or one message for the form. */
import type { z } from 'zod'

export type FormState = {
  status: 'idle' | 'error' | 'success'
  message?: string
  fieldErrors?: Record<string, string[] | undefined>
  /** What the person typed (never passwords), so a rejected form keeps it. */
  values?: Record<string, string>
}

export const idle: FormState = { status: 'idle' }

/**
 * One message per field, the first zod found: the later ones follow from it (an empty email is also not an email
 * shape), and a field's error is read as one sentence, "Enter your email", not two run together.
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form')
    out[key] ??= [issue.message]
  }
  return out
}

/** The form's text values, minus secrets, to give back with an error. */
export function echo(form: FormData, secret: string[] = []): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string' && !secret.includes(key) && !key.startsWith('$')) out[key] = value
  }
  return out
}
