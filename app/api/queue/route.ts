import type { NextRequest } from 'next/server'
import { apiUser } from '@/lib/server/api-session'
import { nowFromCookies } from '@/lib/server/clock'
import { fieldErrors, jsonOnce, jsonText, unauthorized, withErrorBody } from '@/lib/server/api'
import { queueRequestSchema } from '@/lib/core/review-input'
import { study } from '@/lib/data/study'

/** GET /api/queue?limit=N: the next N cards due for the signed-in user, in order, today's counts, what today's answers came to
 * (the review screen's progress and finish line), and the server's now. */
export const GET = withErrorBody(async (request: NextRequest) => {
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return unauthorized()
  const parsed = queueRequestSchema.safeParse({ limit: request.nextUrl.searchParams.get('limit') ?? undefined })
  if (!parsed.success) return fieldErrors(parsed.error)
  const config = await study.config(user.id)
  const [cards, counts, today] = await Promise.all([
    study.studyQueue(user.id, now, parsed.data.limit, config),
    study.todayCounts(user.id, now, config),
    study.daySummary(user.id, now, config),
  ])
  return jsonText(`{"cards":[${cards.map(jsonOnce).join(',')}],"counts":${JSON.stringify(counts)},"today":${JSON.stringify(today)},"serverNow":"${now.toISOString()}"}`)
})
