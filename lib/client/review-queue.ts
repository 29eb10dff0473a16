/**
 * The review screen's queue, framework-free: what POST /api/reviews and GET /api/queue take and answer, and how the
 * cards on the device follow the server's (lib/core/queue.ts' followServer for the cards after a grade).
 */
import type { DaySummary, StudyCard, TodayCounts } from '@/lib/data/study-service'
import type { ServerClock } from './answer-sender'

/** A grade as POST /api/reviews takes it; what it answers when saved; what a refusal says. */
export type GradeBody = { reviewId: string; cardId: string; rating: 1 | 2 | 3 | 4; version: number; durationMs: number; answeredAt: string; day: number; interval: string }
export type Graded = { next?: StudyCard[]; leech?: boolean; state?: { version: number } }
export type GradeRefusal = { reason?: string; card?: StudyCard | null }

/**
 * The cards of a reply less those graded here at that version or later (`gradedHere`: card id → the version it was
 * graded at): such a copy is stale, its grade may still be in flight, so it is never shown again.
 */
export function freshCards(cards: StudyCard[], gradedHere: ReadonlyMap<string, number>): StudyCard[] {
  return cards.filter((c) => {
    const gradedVersion = gradedHere.get(c.cardId)
    return gradedVersion === undefined || c.version > gradedVersion
  })
}

/**
 * The queue after a reload: the server's, keeping the card on screen first if it is still due, so the person is not
 * interrupted mid-answer; the server's copy of it replaces it (after the study day turned, its buttons are the new day's).
 */
export function refilled(current: StudyCard[], incoming: StudyCard[], orderedSince = false): StudyCard[] {
  // A server's answer that came while this read was on its way (a grade's next cards, a card shown again) ordered the
  // queue after the read: the read is older, and only fills a screen left empty (else a card answered Again, put back
  // by that answer, would be dropped again).
  if (orderedSince && current.length > 0) return current
  const head = current[0]
  const mine = head && incoming.find((c) => c.cardId === head.cardId)
  return mine ? [mine, ...incoming.filter((c) => c.cardId !== head.cardId)] : incoming
}

/** The queue with `card` shown now (a card answered again, undone), and not again later. */
export function showFirst(card: StudyCard, current: StudyCard[]): StudyCard[] {
  return [card, ...current.filter((c) => c.cardId !== card.cardId)]
}

export type QueueReply = { cards: StudyCard[]; counts: TodayCounts; today: DaySummary; serverNow?: string }

/**
 * GET /api/queue: the next `limit` cards, today's counts and summary ('signed-out' on 401; null when the server or
 * the connection failed: the queue on screen stays). Notes the server's clock.
 */
export async function fetchQueue(limit: number, clock: ServerClock, fetchFn: typeof fetch = fetch): Promise<QueueReply | 'signed-out' | null> {
  try {
    const res = await fetchFn(`/api/queue?limit=${limit}`, { cache: 'no-store' })
    if (res.status === 401) return 'signed-out'
    if (!res.ok) return null
    const body = (await res.json()) as QueueReply
    clock.note(body.serverNow)
    return body
  } catch {
    return null
  }
}
