import type { NextRequest } from 'next/server'
import { z } from 'zod'
import { json, jsonError, withErrorBody } from '@/lib/server/api'
import { signedInJsonPost } from '@/lib/server/json-post'
import { study } from '@/lib/data/study'
import { MANUAL_KINDS, type ManualKind } from '@/lib/core/log-kinds'

const change = (op: ManualKind) =>
  z.strictObject({
    op: z.literal(op),
    id: z.uuid({ error: 'id must be a UUID' }),
    cardId: z.string({ error: 'cardId is required' }).min(1, 'cardId is required').max(200),
    version: z.number({ error: 'version must be a whole number' }).int('version must be a whole number').min(0),
  })

const bodySchema = z.discriminatedUnion(
  'op',
  [z.strictObject({ op: z.literal('undo'), expect: z.uuid({ error: 'expect must be a UUID' }).optional() }), ...MANUAL_KINDS.map(change)],
  { error: `op must be "undo", ${MANUAL_KINDS.slice(0, -1).map((k) => `"${k}"`).join(', ')} or "${MANUAL_KINDS.at(-1)}"` },
)

/**
 * POST /api/study-ops: the review screen's operations (issue #15).
 * - {op: "undo", expect?}: takes back the study day's newest answer or manual change (`expect`: its id, so a retry
 *   takes back nothing more). 200 {undone: id | null, card, next} · 409 conflict (the card changed since).
 * - {op: "bury" | "suspend" | "resume" | "unbury" | "reset", id, cardId, version}: once per `id`, against the version
 *   shown (the card browser's actions too; "reset" forgets the schedule, undo puts it back).
 *   200 {changed, replayed, state} · 404 no such card · 409 stale version or an id reused.
 * 403 not from our origin · 415 not JSON · 413 over 16 KiB · 401 without a session · 422 field errors.
 */
export const POST = withErrorBody(async (request: NextRequest) => {
  const post = await signedInJsonPost(request, bodySchema)
  if (post instanceof Response) return post
  const { user, now, data: input } = post
  if (input.op === 'undo') {
    const result = await study.undo(user.id, now, input.expect)
    if (result.kind === 'conflict') return jsonError(409, result.message, { reason: 'changed' })
    if (result.kind === 'nothing') return json({ undone: null, card: null, next: await study.undoTarget(user.id, now) })
    return json({ undone: result.undoneId, card: result.card, next: result.next })
  }
  const result = await study.changeCard(user.id, input.op, { id: input.id, cardId: input.cardId, version: input.version }, now)
  switch (result.kind) {
    case 'not-found':
      return jsonError(404, 'No such card.')
    case 'stale':
      return jsonError(409, 'This card changed since it was shown. Reload the queue.', { reason: 'stale-version', current: result.current })
    case 'conflict':
      return jsonError(409, result.message, { reason: 'id-reused' })
    case 'no-change':
      return json({ changed: false, replayed: false, state: result.state })
    case 'done':
      return json({ changed: true, replayed: result.replayed, state: result.state })
  }
})
