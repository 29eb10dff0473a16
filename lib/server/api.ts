/** Shared answers of the JSON routes: one shape for errors, field errors from zod, no raw errors to the client. */
import 'server-only'
import type { z } from 'zod'

/**
 * A JSON answer, never cached. A plain Response rather than NextResponse.json, which builds a second response around
 * the first: ~12 µs a request on the grading path (docs/performance.md).
 */
export function jsonText(text: string, status = 200): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } })
}

export const json = (body: unknown, status = 200): Response => jsonText(JSON.stringify(body), status)

const serialized = new WeakMap<object, string>()

/**
 * JSON.stringify, once per object. For the study layer's cards: it hands out the same object for a card until the
 * card changes (lib/data/study-service.ts), and after each grade the next cards are mostly ones already sent. The
 * object must not be changed after it is first serialized.
 */
export function jsonOnce(value: object): string {
  let text = serialized.get(value)
  if (text === undefined) serialized.set(value, (text = JSON.stringify(value)))
  return text
}

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return json({ error, ...extra }, status)
}

export function fieldErrors(error: z.ZodError) {
  const fields: Record<string, string[]> = {}
  for (const issue of error.issues) (fields[issue.path.join('.') || 'body'] ??= []).push(issue.message)
  return jsonError(422, 'Some fields are not valid.', { fields })
}

export const unauthorized = () => jsonError(401, 'Sign in first.')

/** A JSON body read with its schema: the data, or the 422 to answer (not JSON, or the fields that are wrong). */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<{ data: z.output<S> } | { refusal: Response }> {
  const body = await request.json().catch(() => undefined)
  if (body === undefined) return { refusal: jsonError(422, 'The body must be JSON.', { fields: { body: ['not valid JSON'] } }) }
  const parsed = schema.safeParse(body)
  return parsed.success ? { data: parsed.data } : { refusal: fieldErrors(parsed.error) }
}
