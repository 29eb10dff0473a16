import type { NextRequest } from 'next/server'
import { jsonError, jsonOnce, jsonText, withErrorBody } from '@/lib/server/api'
import { signedInJsonPost } from '@/lib/server/json-post'
import { gradeRequestSchema } from '@/lib/core/review-input'
import { study, type GradeInput } from '@/lib/data/study'

const NEXT_CARDS = 3

/**
 * POST /api/reviews {reviewId, cardId, rating, version, durationMs, answeredAt?, day?, interval?}: grades one card, once, at its
 * answer time. 200 new state + next cards (+ `leech` when this answer suspended it as a leech) · 403 not from our
 * origin · 415 not JSON · 413 body over 16 KiB · 401 no session · 422 field errors, or an answer time outside [the card's version, now + 5 min] · 404 no such (live) card · 409 with
 * a `reason`: stale-version, review-id-reused, undone (this review id was undone: not applied again), day-changed
 * (the buttons were for another study day: `card` is the card as it is to be answered now), interval-changed (the
 * pressed button's `interval` is not what the answer would apply: `card` likewise), limit-reached.
 * Every answer carries the server's `serverNow`, so the screen can date its answers on the server's clock.
 */
export const POST = withErrorBody(async (request: NextRequest) => {
  const post = await signedInJsonPost(request, gradeRequestSchema)
  if (post instanceof Response) return post
  const { user, now, data } = post
  const result = await study.gradeCard(user.id, data as GradeInput, now, NEXT_CARDS)
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
    case 'interval-changed':
      return jsonError(409, 'The interval of the button pressed is no longer what this answer gives (a learning step now ends in the next study day): answer again.', { reason: 'interval-changed', card: result.card, serverNow: now.toISOString() })
    case 'limit-reached':
      return jsonError(409, "Today's limit for this kind of card is reached.", { reason: 'limit-reached' })
    case 'graded':
      // The next cards are mostly ones this person was sent after their last grade: each card's JSON is made once.
      return jsonText(
        `{"reviewId":${JSON.stringify(data.reviewId)},"replayed":${result.replayed},"state":${JSON.stringify(result.state)},${result.leech ? '"leech":true,' : ''}"serverNow":"${now.toISOString()}","next":[${(result.next ?? []).map(jsonOnce).join(',')}]}`,
      )
  }
})
