/**
 * Which cards to show, in which order. Pure: the data layer fetches the candidates, this decides.
 * Order (as Anki): learning cards that are due, then reviews that are due, then new cards up to today's limit, then
 * learning cards due within the learn-ahead window when nothing else is left. A new card is held back while another
 * card of the same claim is already in the queue, so two prompts on one idea do not follow each other.
 */

import { CardStateKind } from './card-state'

export const LEARN_AHEAD_MS = 20 * 60_000

export type DueCandidate = { cardId: string; claimId: string; due: Date; state: number; version: number }
export type NewCandidate = { cardId: string; claimId: string; position: number }

export type QueueInput = {
  now: Date
  due: DueCandidate[]
  fresh: NewCandidate[]
  /** New cards still allowed today (the daily limit minus those already introduced). */
  newAllowed: number
  limit: number
}

export function buildQueue({ now, due, fresh, newAllowed, limit }: QueueInput): string[] {
  const t = now.getTime()
  const byDue = [...due].sort((a, b) => a.due.getTime() - b.due.getTime() || a.cardId.localeCompare(b.cardId))
  const learningNow = byDue.filter((c) => c.state !== CardStateKind.Review && c.due.getTime() <= t)
  const reviewsNow = byDue.filter((c) => c.state === CardStateKind.Review && c.due.getTime() <= t)
  const learnAhead = byDue.filter((c) => c.state !== CardStateKind.Review && c.due.getTime() > t && c.due.getTime() <= t + LEARN_AHEAD_MS)

  const out: string[] = []
  const claims = new Set<string>()
  const take = (c: { cardId: string; claimId: string }) => {
    out.push(c.cardId)
    claims.add(c.claimId)
  }
  for (const c of learningNow) take(c)
  for (const c of reviewsNow) take(c)
  let newTaken = 0
  const held: NewCandidate[] = []
  for (const c of [...fresh].sort((a, b) => a.position - b.position)) {
    if (newTaken >= newAllowed) break
    if (claims.has(c.claimId)) held.push(c)
    else {
      take(c)
      newTaken++
    }
  }
  // Siblings come last rather than not at all, so a short deck is never blocked.
  for (const c of held) {
    if (newTaken >= newAllowed) break
    take(c)
    newTaken++
  }
  if (out.length === 0) for (const c of learnAhead) take(c)
  return out.slice(0, limit)
}

/**
 * The review screen's queue after a grade's answer. The server's next cards are its queue's order now: a learning
 * card that has fallen due (an "Again" a minute ago) comes before the new cards prefetched earlier, as in Anki. They
 * go right after the card on screen, which stays so that nobody is interrupted mid-answer; the rest of the local
 * queue follows, without repeats, and of two copies of a card the one with the higher version is kept.
 */
export function followServer<C extends { cardId: string; version: number }>(current: C[], next: C[]): C[] {
  const [head, ...rest] = current
  if (!head) return next
  const local = new Map(rest.map((c) => [c.cardId, c]))
  const ahead = next.filter((c) => c.cardId !== head.cardId).map((c) => {
    const mine = local.get(c.cardId)
    return mine && mine.version > c.version ? mine : c
  })
  const ids = new Set(ahead.map((c) => c.cardId))
  return [head, ...ahead, ...rest.filter((c) => !ids.has(c.cardId))]
}
