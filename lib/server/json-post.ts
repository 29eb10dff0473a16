/**
 * The first steps of every signed-in JSON POST route, in the order that costs least for what is refused: another
 * site's page or not JSON (403, 415: lib/server/request-guard.ts), no session (401), then the body, read up to its
 * limit (413) and checked with the route's schema (422). The route gets the person, the request's now (the test
 * clock in tests) and the parsed body, or the answer to send.
 */
import 'server-only'
import type { NextRequest } from 'next/server'
import type { z } from 'zod'
import type { SessionUser } from '../data/sessions'
import { unauthorized } from './api'
import { apiUser } from './api-session'
import { nowFromCookies } from './clock'
import { parsedBody, refuseForeignOrNotJson } from './request-guard'

export type SignedInPost<T> = { user: SessionUser; now: Date; data: T }

export async function signedInJsonPost<T>(request: NextRequest, schema: z.ZodType<T>): Promise<SignedInPost<T> | Response> {
  const refused = refuseForeignOrNotJson(request)
  if (refused) return refused
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return unauthorized()
  const parsed = await parsedBody(request, schema)
  if ('refusal' in parsed) return parsed.refusal
  return { user, now, data: parsed.data }
}
