/**
 * Pages, and under /api/ only what could be a server-action call (the matcher, below): the JSON routes check their
 * own bodies (lib/server/request-guard.ts), and the grading route is benchmarked.
 *
 * - A POST to a page is a server-action call: its body is refused over ACTION_BODY_MAX_BYTES (413, whether declared
 *   or chunked: Next buffers at most the limit + 1 byte for us, next.config.js) and when it is not a shape our
 *   pages send (400/415, lib/core/action-request.ts), before React's decoder sees it.
 * - A page gets a fresh nonce, which Next reads from the request's Content-Security-Policy and puts on its own
 *   scripts, and the same policy on the response; HSTS when the page was served over HTTPS. Prefetches carry no
 *   document: no policy needed, no nonce to make. The headers every response gets (X-Content-Type-Options,
 *   Referrer-Policy, X-Frame-Options) are in next.config.js.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { contentSecurityPolicy, PAGE_HEADERS, STRICT_TRANSPORT_SECURITY } from '@/lib/security-headers'
import { ACTION_BODY_MAX_BYTES } from '@/lib/core/request-limits'
import { checkActionRequest, mediaType, type FormEntries } from '@/lib/core/action-request'
import { refusalResponse } from '@/lib/server/refusal'
import { isOwnOrigin, originOf } from '@/lib/core/request-origin'

const publicOrigin = originOf(process.env.BETTER_AUTH_URL)

async function formEntries(request: NextRequest, body: ArrayBuffer): Promise<FormEntries | null> {
  const type = mediaType(request.headers.get('content-type'))
  if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') return null
  try {
    const form = await new Response(body, { headers: { 'Content-Type': request.headers.get('content-type')! } }).formData()
    return form.entries() as FormEntries
  } catch {
    return null
  }
}

/** A refusal for a POST that must not reach the action decoder, or null when it may. */
async function refuseActionCall(request: NextRequest): Promise<Response | null> {
  // Next answers an action from another origin with a 500 (its CSRF check); a 403 that says so comes first.
  if (!isOwnOrigin(request.headers, publicOrigin)) return refusalResponse({ kind: 'malformed', status: 403, reason: 'the request came from another site' }, request.headers)
  const declared = request.headers.get('content-length')
  if (declared !== null && !(Number(declared) <= ACTION_BODY_MAX_BYTES)) return refusalResponse({ kind: 'too-large', maxBytes: ACTION_BODY_MAX_BYTES }, request.headers)
  const body = await request.arrayBuffer()
  if (body.byteLength > ACTION_BODY_MAX_BYTES) return refusalResponse({ kind: 'too-large', maxBytes: ACTION_BODY_MAX_BYTES }, request.headers)
  const check = checkActionRequest({
    actionHeader: request.headers.get('next-action'),
    contentType: request.headers.get('content-type'),
    entries: await formEntries(request, body),
    text: mediaType(request.headers.get('content-type')) === 'text/plain' ? new TextDecoder().decode(body) : undefined,
  })
  return check.ok ? null : refusalResponse({ kind: 'malformed', status: check.status, reason: check.reason }, request.headers)
}

const isPrefetch = (request: NextRequest) => request.headers.has('next-router-prefetch') || request.headers.get('purpose') === 'prefetch'

export async function proxy(request: NextRequest) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const refused = await refuseActionCall(request)
    if (refused) return refused
  }
  if (isPrefetch(request)) return NextResponse.next()
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64')
  // scripts/server.mjs keeps X-Forwarded-Proto only from a trusted proxy; Next sets it from the socket otherwise.
  const https = request.headers.get('x-forwarded-proto') === 'https' || request.nextUrl.protocol === 'https:'
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development', https })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('Content-Security-Policy', policy)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', policy)
  for (const [name, value] of Object.entries(PAGE_HEADERS)) response.headers.set(name, value)
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
  return response
}

/**
 * Every method on every page, prefetches included (a POST that named itself a prefetch must not pass by the checks
 * above). Under /api/ only what could be an action call: an unknown path there renders the not-found page, which
 * runs any action it is sent — a grade (JSON, no Next-Action header) never pays for the proxy.
 */
export const config = {
  matcher: [
    '/((?!api/|_next/static/).*)',
    { source: '/api/:path*', has: [{ type: 'header', key: 'next-action' }] },
    { source: '/api/:path*', has: [{ type: 'header', key: 'content-type', value: 'multipart/form-data.*' }] },
  ],
}
