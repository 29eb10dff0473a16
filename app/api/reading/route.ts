import type { NextRequest } from 'next/server'
import { apiUser } from '@/lib/server/api-session'
import { nowFromCookies } from '@/lib/server/clock'
import { fieldErrors, json, jsonError, unauthorized, withErrorBody } from '@/lib/server/api'
import { signedInJsonPost } from '@/lib/server/json-post'
import { areasQuerySchema, reachedBodySchema } from '@/lib/core/reading-input'
import { reading } from '@/lib/data/reading'

/**
 * GET /api/reading?section=01[&deck=id]: the section's review areas for the signed-in person now (each claim's card
 * offered, or its cards begun; the cards forgotten above whose step is over), how many new cards today's limit still
 * allows, and the server's now. 200 · 401 · 422 field errors · 404 no such section with a reading.
 */
export const GET = withErrorBody(async (request: NextRequest) => {
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return unauthorized()
  const params = request.nextUrl.searchParams
  const parsed = areasQuerySchema.safeParse({ section: params.get('section') ?? undefined, deck: params.get('deck') ?? undefined })
  if (!parsed.success) return fieldErrors(parsed.error)
  const areas = await reading.areas(user.id, parsed.data.section, now, parsed.data.deck)
  if (!areas) return jsonError(404, 'No such section with a reading.')
  return json({ ...areas, serverNow: now.toISOString() })
})

/**
 * POST /api/reading {deckId, sectionId, passage}: the person reached the end of this passage; it becomes their place
 * in the reading (unless it reads back up the section kept). 200 {place: "kept" | "unchanged"} · 403 not from our
 * origin · 415 not JSON · 413 over 16 KiB · 401 · 422 field errors · 404 no such passage.
 */
export const POST = withErrorBody(async (request: NextRequest) => {
  const post = await signedInJsonPost(request, reachedBodySchema)
  if (post instanceof Response) return post
  const { user, now, data } = post
  const result = await reading.reach(user.id, data, now)
  if (result === 'not-found') return jsonError(404, 'No such passage in the reading.')
  return json({ place: result })
})
