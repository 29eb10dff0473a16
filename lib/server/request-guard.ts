/**
 * What every JSON POST route checks before it reads a byte of the body: that the request comes from our own
 * origin (403), says it is JSON (415), and stays under JSON_BODY_MAX_BYTES (413, counted as the body streams in,
 * so a chunked body without a length is cut off too). Each refusal has a JSON body that says what failed.
 */
import 'server-only'
import { JSON_BODY_MAX_BYTES } from '../core/request-limits'
import { isOwnOrigin as isOwnOriginOf, originOf } from '../core/request-origin'
import type { z } from 'zod'
import { fieldErrors, jsonError } from './api'

export type Refusal = Response

const publicOrigin = originOf(process.env.BETTER_AUTH_URL)

/** Whether a browser sent this request from one of our pages (lib/core/request-origin.ts). */
export const isOwnOrigin = (headers: Headers) => isOwnOriginOf(headers, publicOrigin)

/** `application/json`, with or without parameters (`; charset=utf-8`), in any case. */
export function isJsonContentType(value: string | null): boolean {
  return value !== null && value.split(';')[0]!.trim().toLowerCase() === 'application/json'
}

export const tooLarge = (maxBytes: number) =>
  jsonError(413, `The request is too large: at most ${maxBytes} bytes.`, { code: 'BODY_TOO_LARGE', maxBytes })

/** After a body passes its limit, up to this much more is read and dropped so the client can read the 413. */
const DRAIN_MAX_BYTES = 1024 * 1024

/**
 * The body's bytes, or a 413 once they pass `maxBytes`: declared by Content-Length, or counted as they stream in
 * (a chunked body declares nothing), so a 50 MB body is never held in memory. The rest of a body that is a little
 * over is read and dropped (cutting it off mid-upload resets the connection, and the client never sees the
 * answer); one far over is cut off.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Buffer<ArrayBuffer> | Refusal> {
  const declared = request.headers.get('content-length')
  if (declared !== null && !(Number(declared) <= maxBytes)) return tooLarge(maxBytes)
  if (!request.body) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  let bytes = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    if (bytes > maxBytes) {
      for (let dropped = 0; dropped < DRAIN_MAX_BYTES; ) {
        const more = await reader.read()
        if (more.done) return tooLarge(maxBytes)
        dropped += more.value.byteLength
      }
      await reader.cancel().catch(() => undefined)
      return tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** The origin and content-type checks of a JSON POST route: a refusal, or null when the request may be read. */
export function refuseForeignOrNotJson(request: Request): Refusal | null {
  if (!isOwnOrigin(request.headers)) return jsonError(403, 'This request did not come from a Keyclaims page.', { code: 'FOREIGN_ORIGIN' })
  if (!isJsonContentType(request.headers.get('content-type')))
    return jsonError(415, 'Send the body as JSON (Content-Type: application/json).', { code: 'NOT_JSON' })
  return null
}

/**
 * A JSON POST route's body, parsed, or the refusal to answer: 403 · 415 · 413 as above, 422 when the bytes are
 * not JSON (naming the body as the field, like the routes' other field errors).
 */
export async function readJsonBody(request: Request, maxBytes = JSON_BODY_MAX_BYTES): Promise<{ body: unknown } | Refusal> {
  const refused = refuseForeignOrNotJson(request)
  if (refused) return refused
  const bytes = await readBodyBytes(request, maxBytes)
  if (bytes instanceof Response) return bytes
  try {
    return { body: JSON.parse(bytes.toString('utf8')) }
  } catch {
    return jsonError(422, 'The body must be JSON.', { fields: { body: ['not valid JSON'] } })
  }
}

/**
 * A JSON route's body, refused as readJsonBody refuses it, then checked with `schema`: the data, or the answer to
 * send (403, 415, 413, or 422 with the fields that are wrong).
 */
export async function parsedBody<T>(request: Request, schema: z.ZodType<T>): Promise<{ data: T } | { refusal: Response }> {
  const read = await readJsonBody(request)
  if (read instanceof Response) return { refusal: read }
  const parsed = schema.safeParse(read.body)
  return parsed.success ? { data: parsed.data } : { refusal: fieldErrors(parsed.error) }
}
