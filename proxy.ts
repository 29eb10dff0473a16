/**
 * Pages only (the matcher keeps it off /api/*, whose grading route is benchmarked, and off static files): a fresh
 * nonce per page, which Next reads from the request's Content-Security-Policy and puts on its own scripts, and the
 * same policy on the response; HSTS when the page was served over HTTPS. The headers every response gets
 * (X-Content-Type-Options, Referrer-Policy, X-Frame-Options) are in next.config.js.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { contentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from '@/lib/security-headers'

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64')
  // scripts/server.mjs keeps X-Forwarded-Proto only from a trusted proxy; Next sets it from the socket otherwise.
  const https = request.headers.get('x-forwarded-proto') === 'https' || request.nextUrl.protocol === 'https:'
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development', https })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('Content-Security-Policy', policy)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', policy)
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
  return response
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      // Prefetches carry no document: no policy needed, no nonce to make.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
