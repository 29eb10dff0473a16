import type { NextRequest } from 'next/server'
import { apiUser } from '@/lib/server/api-session'
import { nowFromCookies } from '@/lib/server/clock'
import { fieldErrors, jsonError, jsonOnce, jsonText, unauthorized, withErrorBody } from '@/lib/server/api'
import { readBodyBytes, refuseForeignOrNotJson } from '@/lib/server/request-guard'
import { JSON_BODY_MAX_BYTES } from '@/lib/core/request-limits'
import { gradeRequestSchema } from '@/lib/core/review-input'
import { study, type GradeInput } from '@/lib/data/study'

const NEXT_CARDS = 3

/**
 * POST /api/reviews {reviewId, cardId, rating, version, durationMs}: grades one card, once.
 * 200 new state + next cards · 403 not from our origin · 415 not JSON · 401 no session · 413 body over 16 KiB ·
 * 422 field errors · 404 no such (live) card · 409 stale version or a reviewId reused for another answer.
 */
export const POST = withErrorBody(async (request: NextRequest) => {
  const refused = refuseForeignOrNotJson(request)
  if (refused) return refused
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return unauthorized()
  const bytes = await readBodyBytes(request, JSON_BODY_MAX_BYTES)
  if (bytes instanceof Response) return bytes
  let body: unknown
  try {
    body = JSON.parse(bytes.toString('utf8'))
  } catch {
    return jsonError(422, 'The body must be JSON.', { fields: { body: ['not valid JSON'] } })
  }
  const parsed = gradeRequestSchema.safeParse(body)
  if (!parsed.success) return fieldErrors(parsed.error)
  const result = await study.gradeCard(user.id, parsed.data as GradeInput, now, NEXT_CARDS)
  switch (result.kind) {
    case 'not-found':
      return jsonError(404, 'No such card.')
    case 'stale':
      return jsonError(409, 'This card changed since it was shown (graded elsewhere?). Reload the queue.', { reason: 'stale-version', current: result.current })
    case 'conflict':
      return jsonError(409, result.message, { reason: 'review-id-reused' })
    case 'graded':
      // The next cards are mostly ones this person was sent after their last grade: each card's JSON is made once.
      return jsonText(
        `{"reviewId":${JSON.stringify(parsed.data.reviewId)},"replayed":${result.replayed},"state":${JSON.stringify(result.state)},"next":[${(result.next ?? []).map(jsonOnce).join(',')}]}`,
      )
  }
})
