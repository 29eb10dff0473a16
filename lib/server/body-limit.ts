/** A cap on request bodies, for route handlers that parse JSON they did not write (the auth API). */
import 'server-only'
import { accountMessages as m } from '../account-messages'

/** Far above any account request (a 100-character name, a 254-character email, a 128-character password). */
export const AUTH_BODY_MAX_BYTES = 16 * 1024

const tooLarge = () =>
  new Response(JSON.stringify({ code: 'BODY_TOO_LARGE', message: m.bodyTooLarge }), { status: 413, headers: { 'Content-Type': 'application/json', Connection: 'close' } })

/**
 * The request again with its body read, or a 413 once the body passes `maxBytes`: declared by Content-Length, or
 * counted as it streams in (a chunked body declares nothing), so a 20 MB body is never held in memory.
 */
export async function withBodyLimit(request: Request, maxBytes: number): Promise<Request | Response> {
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return request
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge()
  const chunks: Uint8Array[] = []
  let bytes = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    if (bytes > maxBytes) {
      await reader.cancel()
      return tooLarge()
    }
    chunks.push(value)
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(chunks), signal: request.signal })
}
