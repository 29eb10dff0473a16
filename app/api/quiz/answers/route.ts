import type { NextRequest } from 'next/server'
import { json, jsonError, withErrorBody } from '@/lib/server/api'
import { signedInJsonPost } from '@/lib/server/json-post'
import { quizAnswerRequestSchema } from '@/lib/core/quiz'
import { quiz } from '@/lib/data/quiz'

/**
 * POST /api/quiz/answers {quizId, position, reviewId, cardId, rating, version, durationMs, answeredAt?, day?}: one quiz
 * answer, once. 200 {position, finished, replayed, notCounted?, serverNow} (`notCounted`: the quiz counts answers as reviews but
 * the grade refused this one, so it was kept as a plain quiz answer: "limit-reached", "day-changed", "bad-time" or
 * "undone") · 403 not from our origin · 415 not JSON · 413 over 16 KiB · 401 · 422 field errors · 404 no such quiz of this user · 409 reason
 * "answered" (another answer at that position), "out-of-order" (not the quiz's next card), "review-id-reused", or
 * "stale-version" (counted as a review, and the card changed since it was shown).
 */
export const POST = withErrorBody(async (request: NextRequest) => {
  const post = await signedInJsonPost(request, quizAnswerRequestSchema)
  if (post instanceof Response) return post
  const { user, now, data } = post
  const result = await quiz.answer(user.id, data, now)
  switch (result.kind) {
    case 'not-found':
      return jsonError(404, 'No such quiz.')
    case 'stale':
      return jsonError(409, 'This card changed since it was shown. Reload the quiz.', { reason: 'stale-version', current: result.current })
    case 'conflict':
      return jsonError(409, CONFLICTS[result.reason], { reason: result.reason })
    case 'answered':
      return json({ position: result.position, finished: result.finished, replayed: result.replayed, ...(result.notCounted ? { notCounted: result.notCounted } : {}), serverNow: now.toISOString() })
  }
})

const CONFLICTS = {
  answered: 'This position of the quiz already has another answer.',
  'out-of-order': 'This is not the quiz\'s next card. Reload the quiz.',
  'review-id-reused': 'This reviewId was already used for a different answer.',
} as const
