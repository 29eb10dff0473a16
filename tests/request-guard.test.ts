import { describe, expect, it } from 'vitest'
import { isJsonContentType, isOwnOrigin, readBodyBytes, readJsonBody } from '../lib/server/request-guard'
import { JSON_BODY_MAX_BYTES } from '../lib/core/request-limits'

const URL_ = 'http://127.0.0.1:3000/api/reviews'
const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: 'POST', headers: { Host: '127.0.0.1:3000', 'Content-Type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit)

/** A body that declares no length and arrives in 1 KiB chunks, as `Transfer-Encoding: chunked` does. */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      const n = Math.min(1024, bytes - sent)
      sent += n
      controller.enqueue(new Uint8Array(n).fill(0x20))
    },
  })
}

describe('JSON POST routes: own origin, JSON, at most 16 KiB', () => {
  it('takes a page of ours, and a program that names no origin', () => {
    expect(isOwnOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBe(true)
    expect(isOwnOrigin(new Headers({ host: '127.0.0.1:3000' }))).toBe(true)
    // Behind a proxy that ends TLS, the page is https and the request reaches us as http: the host decides.
    expect(isOwnOrigin(new Headers({ host: 'keyclaims.example', origin: 'https://keyclaims.example' }))).toBe(true)
  })

  it("refuses another site's page, a sandboxed one, and a browser that says the request is cross-site", () => {
    expect(isOwnOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'http://evil.test' }))).toBe(false)
    expect(isOwnOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'null' }))).toBe(false)
    expect(isOwnOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }))).toBe(false)
    expect(isOwnOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'garbage' }))).toBe(false)
    expect(isOwnOrigin(new Headers({ host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }))).toBe(false)
  })

  it('knows JSON by its media type, in any case, with parameters', () => {
    expect(isJsonContentType('application/json')).toBe(true)
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true)
    for (const type of [null, '', 'text/plain', 'application/json-patch+json', 'multipart/form-data; boundary=x']) expect(isJsonContentType(type)).toBe(false)
  })

  it('answers 403, 415, 413 and 422 with a body, and reads a good body', async () => {
    expect(await readJsonBody(post('{}', { Origin: 'http://evil.test' }))).toHaveProperty('status', 403)
    expect(await readJsonBody(post('{}', { 'Content-Type': 'text/plain' }))).toHaveProperty('status', 415)
    const tooLarge = (await readJsonBody(post('x'.repeat(JSON_BODY_MAX_BYTES + 1)))) as Response
    expect(tooLarge.status).toBe(413)
    expect(await tooLarge.json()).toMatchObject({ code: 'BODY_TOO_LARGE', maxBytes: JSON_BODY_MAX_BYTES })
    expect(await readJsonBody(post('{oops'))).toHaveProperty('status', 422)
    expect(await readJsonBody(post('{"rating":3}'))).toEqual({ body: { rating: 3 } })
  })

  it('counts a chunked body as it streams in: the limit holds without a Content-Length', async () => {
    expect(await readBodyBytes(post(chunked(JSON_BODY_MAX_BYTES + 1)), JSON_BODY_MAX_BYTES)).toHaveProperty('status', 413)
    // Far over the limit it stops reading (50 MB is never held, nor read to the end).
    expect(await readBodyBytes(post(chunked(50 * 1024 * 1024)), JSON_BODY_MAX_BYTES)).toHaveProperty('status', 413)
    const exact = await readBodyBytes(post(chunked(JSON_BODY_MAX_BYTES)), JSON_BODY_MAX_BYTES)
    expect(exact).toBeInstanceOf(Buffer)
    expect((exact as Buffer).byteLength).toBe(JSON_BODY_MAX_BYTES)
  })

  it('refuses a declared length over the limit before reading anything', async () => {
    const request = new Request(URL_, { method: 'POST', headers: { 'Content-Length': String(JSON_BODY_MAX_BYTES + 1), 'Content-Type': 'application/json' }, body: chunked(10), duplex: 'half' } as RequestInit)
    expect(await readBodyBytes(request, JSON_BODY_MAX_BYTES)).toHaveProperty('status', 413)
  })
})
