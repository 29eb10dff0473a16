/**
 * The first step of every server action (app/actions/*.ts): the call must have brought a form, and the form must
 * parse with the action's zod schema. Actions are public endpoints: the proxy refuses calls our pages cannot
 * make (lib/core/action-request.ts), and this is the same rule again where the action runs, so an action never
 * reads a field of something that is not a form.
 */
import 'server-only'
import type { z } from 'zod'
import { echo, type FormState } from '../form'
import { translatedFieldErrors, translator } from './i18n'

export type Parsed<T> = { ok: true; data: T; form: FormData } | { ok: false; state: FormState }

/**
 * `form` parsed with `schema`, or the state to answer: "the form did not arrive whole" for anything but a form,
 * field errors (in the person's language) with what they typed, minus `secret` fields, for a form that does not parse.
 */
export async function parseForm<S extends z.ZodType>(schema: S, form: unknown, secret: string[] = []): Promise<Parsed<z.output<S>>> {
  if (!(form instanceof FormData)) return { ok: false, state: { status: 'error', message: (await translator())('errors.formMalformed') } }
  const parsed = schema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { ok: false, state: { status: 'error', fieldErrors: await translatedFieldErrors(parsed.error), values: echo(form, secret) } }
  return { ok: true, data: parsed.data, form }
}
