import type { NextRequest } from 'next/server'
import { z } from 'zod'
import { json, withErrorBody } from '@/lib/server/api'
import { signedInJsonPost } from '@/lib/server/json-post'
import { study } from '@/lib/data/study'

const STUDY_MORE_MAX = 100

const bodySchema = z.strictObject({
  kind: z.enum(['new', 'ahead'], { error: 'kind must be "new" or "ahead"' }),
  count: z.number({ error: 'count must be a whole number' }).int('count must be a whole number').min(1, `count must be 1 to ${STUDY_MORE_MAX}`).max(STUDY_MORE_MAX, `count must be 1 to ${STUDY_MORE_MAX}`),
})

/**
 * POST /api/study-more {kind: "new" | "ahead", count}: "Study more today", as Anki's custom study: `count` more new
 * cards than today's limit, or `count` reviews ahead of their day. For today's study day only. 200 today's counts ·
 * 403 not from our origin · 415 not JSON · 413 over 16 KiB · 401 · 422 field errors.
 */
export const POST = withErrorBody(async (request: NextRequest) => {
  const post = await signedInJsonPost(request, bodySchema)
  if (post instanceof Response) return post
  const { user, now, data: { kind, count } } = post
  await study.studyMore(user.id, now, { extraNew: kind === 'new' ? count : 0, extraAhead: kind === 'ahead' ? count : 0 })
  return json({ counts: await study.todayCounts(user.id, now) })
})
