import { toNextJsHandler } from 'better-auth/next-js'
import { auth } from '@/lib/server/auth'
import { AUTH_BODY_MAX_BYTES, withBodyLimit } from '@/lib/server/body-limit'

const handlers = toNextJsHandler(auth)

export const GET = handlers.GET

/** better-auth parses whatever JSON it is sent: bodies are capped first (an unbounded sign-up once stored 20 MB). */
export async function POST(request: Request): Promise<Response> {
  const limited = await withBodyLimit(request, AUTH_BODY_MAX_BYTES)
  return limited instanceof Response ? limited : handlers.POST(limited)
}
