import type { NextRequest } from 'next/server'
import { apiUser } from '@/lib/server/api-session'
import { nowFromCookies } from '@/lib/server/clock'
import { fieldErrors, unauthorized, withErrorBody } from '@/lib/server/api'
import { z } from '@/lib/core/zod'
import { reviewLogCsv } from '@/lib/data/review-log-csv'

/** The download takes no parameters: any (a user id, say) is refused with its name, rather than silently ignored. */
const querySchema = z.strictObject({}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `This download takes no parameters: ${issue.keys.join(', ')}.` : undefined) })

/**
 * GET /api/export/review-log: the signed-in person's answers as the FSRS optimizer's CSV
 * (card_id,review_time,review_rating,review_state,review_duration), to fit parameters with other tools.
 */
export const GET = withErrorBody(async (request: NextRequest) => {
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return unauthorized()
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams))
  if (!parsed.success) return fieldErrors(parsed.error)
  const csv = await reviewLogCsv(user.id)
  const day = now.toISOString().slice(0, 10)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="keyclaims-review-log-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
})
