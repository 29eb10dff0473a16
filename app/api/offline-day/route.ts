import type { NextRequest } from 'next/server'
import { apiUser } from '@/lib/server/api-session'
import { nowFromCookies } from '@/lib/server/clock'
import { jsonText, unauthorized, withErrorBody } from '@/lib/server/api'
import { study } from '@/lib/data/study'

/**
 * GET /api/offline-day: today's work for the review screen to go on offline (issue #37, lib/core/offline-day.ts): the
 * cards today's queue gives within today's limits and the learning cards due later today, with their texts and states,
 * today's log, the person's scheduling settings and parameters, and the server's now. 401 without a session. At most
 * 5 MB (`leftOut` counts the cards it had no room for).
 */
export const GET = withErrorBody(async (request: NextRequest) => {
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return unauthorized()
  const pack = await study.offlineDay(user.id, now)
  return jsonText(`{"pack":${JSON.stringify(pack)},"serverNow":"${now.toISOString()}"}`)
})
