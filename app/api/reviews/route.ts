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
 * POST /api/reviews {reviewId, cardId, rating, version, durationMs, answeredAt?, day?}: grades one card, once, at its
 * answer time. 200 new state + next cards (+ `leech` when this answer suspended it as a leech) · 403 not from our
 * origin · 415 not JSON · 413 body over 16 KiB · 401 no session · 422 field errors, or an answer time outside [the card's version, now + 5 min] · 404 no such (live) card · 409 with
 * a `reason`: stale-version, review-id-reused, undone (this review id was undone: not applied again), day-changed
 * (the buttons were for another study day: `card` is the card as it is to be answered now), limit-reached.
 * Every answer carries the server's `serverNow`, so the screen can date its answers on the server's clock.
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
    case 'undone':
      return jsonError(409, 'This answer was undone; it is not applied again.', { reason: 'undone', current: result.state })
    case 'bad-time':
      return jsonError(422, 'Some fields are not valid.', { fields: { answeredAt: [result.message] }, serverNow: now.toISOString() })
    case 'day-changed':
      return jsonError(409, 'The study day changed since this card was shown: answer again.', { reason: 'day-changed', card: result.card, serverNow: now.toISOString() })
    case 'limit-reached':
      return jsonError(409, "Today's limit for this kind of card is reached.", { reason: 'limit-reached' })
    case 'graded':
      // The next cards are mostly ones this person was sent after their last grade: each card's JSON is made once.
      return jsonText(
        `{"reviewId":${JSON.stringify(parsed.data.reviewId)},"replayed":${result.replayed},"state":${JSON.stringify(result.state)},${result.leech ? '"leech":true,' : ''}"serverNow":"${now.toISOString()}","next":[${(result.next ?? []).map(jsonOnce).join(',')}]}`,
      )
  }
})
