import type { NextRequest } from 'next/server'
import { apiUser } from '@/lib/server/api-session'
import { nowFromCookies } from '@/lib/server/clock'
import { json, jsonError, unauthorized, withErrorBody } from '@/lib/server/api'
import { quiz } from '@/lib/data/quiz'

/** GET /api/quiz/:id: one quiz of the signed-in user — the cards still to answer, or the results. 404 otherwise. */
export const GET = withErrorBody(async (request: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const user = await apiUser(request, nowFromCookies(request.cookies))
  if (!user) return unauthorized()
  const { id } = await ctx.params
  const view = /^[0-9a-f-]{36}$/i.test(id) ? await quiz.view(user.id, id) : null
  return view ? json(view) : jsonError(404, 'No such quiz.')
})
