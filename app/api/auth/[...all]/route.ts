import { toNextJsHandler } from 'better-auth/next-js'
import { auth } from '@/lib/server/auth'
import { readBodyBytes, refuseForeignOrNotJson } from '@/lib/server/request-guard'
import { JSON_BODY_MAX_BYTES } from '@/lib/core/request-limits'
import { jsonError, withErrorBody } from '@/lib/server/api'
import { isServedAuthRoute } from '@/lib/server/auth-routes'

const handlers = toNextJsHandler(auth)

/** better-auth answers an unknown endpoint (or a method it lacks) with an empty 404: say what failed. */
async function withBody(response: Response): Promise<Response> {
  if (response.status < 400 || response.body !== null) return response
  return jsonError(response.status, response.status === 404 ? 'No such auth endpoint (or not with this method).' : 'The auth API refused this request.')
}

/** Only the endpoints the app uses reach better-auth (lib/server/auth-routes.ts); the rest are not here. */
const notServed = (request: Request) => (isServedAuthRoute(request.method, new URL(request.url).pathname) ? null : withBody(new Response(null, { status: 404 })))

export const GET = withErrorBody(async (request: Request) => (await notServed(request)) ?? withBody(await handlers.GET(request)))

/**
 * better-auth parses whatever it is sent: a POST must come from our origin (403), be JSON (415; better-auth would
 * also take a form, which no page of ours sends) and stay under 16 KiB (413; an unbounded sign-up once stored 20 MB).
 */
export const POST = withErrorBody(async (request: Request): Promise<Response> => {
  const off = await notServed(request)
  if (off) return off
  const refused = refuseForeignOrNotJson(request)
  if (refused) return refused
  const bytes = await readBodyBytes(request, JSON_BODY_MAX_BYTES)
  if (bytes instanceof Response) return bytes
  return withBody(await handlers.POST(new Request(request.url, { method: 'POST', headers: request.headers, body: bytes, signal: request.signal })))
})
