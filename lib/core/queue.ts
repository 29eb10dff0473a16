/**
 * Which cards to show, in which order, as Anki's v3 scheduler. Pure: the data layer fetches the candidates and
 * today's answers from the log, this decides.
 *
 * - Due rules: learning steps are due by time (`due <= now`); reviews (intervals of a day or more) and (re)learning
 *   steps that end on a later study day ("interday learning", see dueByDay) by study day: due before the next study
 *   day starts. Interday learning cards come first of the day's reviews and count against the review limit, as in
 *   Anki's v3 scheduler.
 * - Order: due learning cards first (earliest first); then reviews, most overdue relative to their interval first,
 *   with new cards mixed in evenly (one after every few reviews, so that neither pile waits for the other).
 * - Limits: at most `newAllowed` new cards and `reviewsAllowed` reviews (both counted from today's log).
 * - Siblings (other cards of the same claim): with burying on, once a card is answered its new and review siblings
 *   wait for the next study day, and the queue holds one new-or-review card a claim (the others would be buried by
 *   its answer); with burying off, two cards of one claim never follow each other unless nothing else is left.
 * - Learn-ahead: a learning card before its step is over only when nothing else is due, and marked early; then, if
 *   "Study more today" granted some, reviews ahead of time.
 * - A talk's plan (lib/core/talk-plan.ts): the cards it has for today join the queue though not due, ahead of the
 *   other reviews (and new cards), outside the review limit, and are never held back as siblings. Planned new cards
 *   still count against the day's new cards (the plan keeps within them).
 */

import { CardStateKind } from './card-state'
import { DAY_MS } from './study-day'

export const LEARN_AHEAD_MS = 20 * 60_000

export type DueCandidate = { cardId: string; claimId: string; due: Date; state: number; version: number; scheduledDays: number }
export type NewCandidate = { cardId: string; claimId: string; position: number }

export type QueueInput = {
  now: Date
  /** When the next study day starts: reviews due before it are due today, and learn-ahead never crosses it. */
  endOfDay: Date
  /** Learning cards due up to now + LEARN_AHEAD_MS, and reviews due today (any order). */
  due: DueCandidate[]
  /** Never-seen cards in the order they are to be introduced. */
  fresh: NewCandidate[]
  /** New cards still allowed today (the daily limit minus those already introduced). */
  newAllowed: number
  /** Reviews still allowed today (the daily maximum minus those answered today). */
  reviewsAllowed: number
  /** Reviews not due yet, by due date, for "Study more today"; taken only when nothing else is due. */
  ahead?: DueCandidate[]
  aheadAllowed?: number
  burySiblings: boolean
  /** The claims answered today (not undone), and the claim answered last. */
  answeredClaims: ReadonlySet<string>
  lastClaimId: string | null
  /** Cards put aside by hand until the next study day. */
  buried?: ReadonlySet<string>
  /** Cards a talk's plan has for today: their candidates are in `due` (seen cards) or `fresh` (new ones). */
  planned?: ReadonlySet<string>
  /** Cards brought back by hand today ("Unbury"): neither their own bury nor an earlier sibling's answer holds them back. */
  unburied?: { has(cardId: string): boolean }
  limit: number
}

export type BuriedBy = 'manual' | 'sibling'

/**
 * Whether a card is due by study day rather than by time: a review, or a (re)learning card on a step that ends on a
 * later study day (a step of a day or more, or one that crossed the rollover: the scheduler then gives it whole
 * scheduled days, lib/core/scheduler.ts). These count against the day's review limit, as Anki's v3 scheduler counts
 * its interday learning cards.
 * @example dueByDay({ state: 1, scheduledDays: 1 }) // true: on a "1d" learning step
 */
export function dueByDay(card: { state: number; scheduledDays: number }): boolean {
  return card.state === CardStateKind.Review || (card.state !== CardStateKind.New && card.scheduledDays >= 1)
}

/**
 * Whether today's queue holds a card back, and why: put aside by hand, or (with burying on) a new or review card of a
 * claim answered today. Learning cards are never buried for a sibling (as Anki). A card unburied by hand today is
 * held back by neither. The one definition the queue and the card browser use.
 * @example buriedToday({ cardId: 'a', claimId: 'k', state: 0 }, { answeredClaims: new Set(['k']) }, true) // "sibling"
 */
export function buriedToday(
  card: { cardId: string; claimId: string; state: number },
  day: { buried?: ReadonlySet<string>; unburied?: { has(cardId: string): boolean }; answeredClaims: ReadonlySet<string> },
  burySiblings: boolean,
): BuriedBy | null {
  if (day.unburied?.has(card.cardId)) return null
  if (day.buried?.has(card.cardId)) return 'manual'
  const newOrReview = card.state === CardStateKind.New || card.state === CardStateKind.Review
  return burySiblings && newOrReview && day.answeredClaims.has(card.claimId) ? 'sibling' : null
}

export type QueueEntry = { cardId: string; early: boolean }

type Pick = { cardId: string; claimId: string; early: boolean; learning: boolean }

/** Relative overdueness (Anki's review sort): days overdue per day of interval. */
const overdueness = (c: DueCandidate, now: number) => (now - c.due.getTime()) / (Math.max(1, c.scheduledDays) * DAY_MS)

export function buildQueue(input: QueueInput): QueueEntry[] {
  const t = input.now.getTime()
  const end = input.endOfDay.getTime()
  const learningCard = (c: DueCandidate) => c.state !== CardStateKind.New && !dueByDay(c)
  const live = input.due.filter((c) => buriedToday(c, input, input.burySiblings) !== 'manual')
  const byDue = (a: DueCandidate, b: DueCandidate) => a.due.getTime() - b.due.getTime() || a.cardId.localeCompare(b.cardId)
  const learningNow = live.filter((c) => learningCard(c) && c.due.getTime() <= t).sort(byDue)
  const learnAhead = live.filter((c) => learningCard(c) && c.due.getTime() > t && c.due.getTime() <= t + LEARN_AHEAD_MS && c.due.getTime() < end).sort(byDue)

  // New and review cards: burying takes out siblings of what was answered today, then keeps one card a claim.
  const queuedClaims = new Set<string>()
  const planned = input.planned ?? new Set<string>()
  const siblingFree = <C extends { cardId: string; claimId: string; state: number }>(c: C) => {
    // A talk's planned card is never held back for a sibling's answer (a bury by hand still holds it).
    const held = buriedToday(c, input, input.burySiblings)
    if (held === 'manual' || (held === 'sibling' && !planned.has(c.cardId))) return false
    if (!input.burySiblings || planned.has(c.cardId)) return true
    if (queuedClaims.has(c.claimId)) return false
    queuedClaims.add(c.claimId)
    return true
  }
  const plannedReviews = live.filter((c) => c.state === CardStateKind.Review && planned.has(c.cardId)).sort(byDue)
  // Interday learning cards take the review limit first (as Anki gathers them before reviews); like other learning
  // cards they are never held back for a sibling.
  const interdayLearning = live
    .filter((c) => c.state !== CardStateKind.Review && dueByDay(c) && c.due.getTime() < end)
    .sort(byDue)
    .slice(0, Math.max(0, input.reviewsAllowed))
  const reviews = plannedReviews.concat(
    interdayLearning,
    live
      .filter((c) => c.state === CardStateKind.Review && c.due.getTime() < end && !planned.has(c.cardId))
      .sort((a, b) => overdueness(b, t) - overdueness(a, t) || byDue(a, b))
      .filter(siblingFree)
      .slice(0, Math.max(0, input.reviewsAllowed - interdayLearning.length)),
  )
  const newCards = input.fresh.map((c) => ({ ...c, state: CardStateKind.New as number }))
  const fresh = [...newCards.filter((c) => planned.has(c.cardId)), ...newCards.filter((c) => !planned.has(c.cardId))]
    .filter(siblingFree)
    .slice(0, Math.max(0, input.newAllowed))

  const out: Pick[] = learningNow.map((c) => ({ cardId: c.cardId, claimId: c.claimId, early: false, learning: true }))
  // Mixed evenly: the k-th new card (of N) comes once k/(N+1) of the reviews (of R) are taken.
  let r = 0
  let n = 0
  while (r < reviews.length || n < fresh.length) {
    const takeNew = n < fresh.length && (r >= reviews.length || (n + 1) / (fresh.length + 1) <= r / reviews.length)
    const c = takeNew ? fresh[n++]! : reviews[r++]!
    out.push({ cardId: c.cardId, claimId: c.claimId, early: false, learning: false })
  }
  if (out.length === 0) {
    for (const c of learnAhead) out.push({ cardId: c.cardId, claimId: c.claimId, early: true, learning: true })
    const ahead = (input.ahead ?? []).slice().sort(byDue).filter(siblingFree).slice(0, Math.max(0, input.aheadAllowed ?? 0))
    for (const c of ahead) out.push({ cardId: c.cardId, claimId: c.claimId, early: true, learning: false })
  }
  const ordered = input.burySiblings ? out : apartFromSiblings(out, input.lastClaimId)
  return ordered.slice(0, input.limit).map(({ cardId, early }) => ({ cardId, early }))
}

/** Moves the next card of another claim forward wherever two cards of one claim would follow each other. */
function apartFromSiblings(cards: Pick[], lastClaimId: string | null): Pick[] {
  const out = [...cards]
  for (let i = 0; i < out.length; i++) {
    const previous = i === 0 ? lastClaimId : out[i - 1]!.claimId
    if (out[i]!.claimId !== previous) continue
    const j = out.findIndex((c, k) => k > i && c.claimId !== previous)
    if (j < 0) break // nothing else is left
    out.splice(i, 0, ...out.splice(j, 1))
  }
  return out
}

/**
 * The review screen's queue after a grade's answer. The server's next cards are its queue's order now (they know
 * every answer sent before this one, the day's limits and buried siblings): they go right after the card on screen,
 * which stays so that nobody is interrupted mid-answer. Cards only the local queue still holds are dropped, so a
 * limit reached or a sibling buried on the server never shows; of two copies of a card the newer version is kept.
 */
export function followServer<C extends { cardId: string; version: number }>(current: C[], next: C[]): C[] {
  const [head, ...rest] = current
  if (!head) return next
  const local = new Map(rest.map((c) => [c.cardId, c]))
  const ahead = next.filter((c) => c.cardId !== head.cardId).map((c) => {
    const mine = local.get(c.cardId)
    return mine && mine.version > c.version ? mine : c
  })
  return [head, ...ahead]
}

/** What today's log says of the queue (lib/data/study-sql.ts, DAY_LOG): counts, buried siblings, manual buries. */
export type DayFacts = {
  /** New cards begun today. */
  introduced: number
  /** Reviews (and interday learning cards, see dueByDay) answered today of cards due today. */
  reviewed: number
  /** Reviews answered today ahead of their day ("Study more today"). */
  reviewedAhead: number
  answeredClaims: Set<string>
  lastClaimId: string | null
  buried: Set<string>
  /**
   * Cards unburied by hand today (after their bury, or to bring a buried sibling back), with their claims: an answer
   * to the claim after the unbury buries them again, as siblings.
   */
  unburied: Map<string, string>
}

/** `state`, `due` and `scheduledDays` are the card's before the entry (the log's own fields). */
export type DayLogEntry = { cardId: string; claimId: string; kind: string; state: number; due: Date; scheduledDays?: number }

/** Today's facts from today's log entries (answers, manual buries and unburies, none undone), oldest first. */
export function dayFacts(entries: readonly DayLogEntry[], endOfDay: Date): DayFacts {
  const facts: DayFacts = { introduced: 0, reviewed: 0, reviewedAhead: 0, answeredClaims: new Set(), lastClaimId: null, buried: new Set(), unburied: new Map() }
  for (const e of entries) {
    // The later of a card's bury and unbury wins.
    if (e.kind === 'bury') {
      facts.buried.add(e.cardId)
      facts.unburied.delete(e.cardId)
      continue
    }
    if (e.kind === 'unbury') {
      facts.buried.delete(e.cardId)
      facts.unburied.set(e.cardId, e.claimId)
      continue
    }
    for (const [cardId, claimId] of facts.unburied) if (claimId === e.claimId) facts.unburied.delete(cardId)
    facts.answeredClaims.add(e.claimId)
    facts.lastClaimId = e.claimId
    if (e.state === CardStateKind.New) facts.introduced++
    else if (dueByDay({ state: e.state, scheduledDays: e.scheduledDays ?? 0 })) {
      if (e.due.getTime() >= endOfDay.getTime()) facts.reviewedAhead++
      else facts.reviewed++
    }
  }
  return facts
}

/** "Study more today": extra new cards and reviews ahead, granted for one study day. */
export type StudyMore = { day: number; extraNew: number; extraAhead: number }

export type Allowance = { newAllowed: number; reviewsAllowed: number; aheadAllowed: number }

/**
 * What today still allows: the one definition the queue, the counts and the grade's check all use. Limits count the
 * log's answers of this study day, so a reload or a second tab grants nothing extra.
 */
export function allowance(limits: { newPerDay: number; maxReviewsPerDay: number }, more: StudyMore, today: number, facts: DayFacts): Allowance {
  const granted = more.day === today
  return {
    newAllowed: Math.max(0, limits.newPerDay + (granted ? more.extraNew : 0) - facts.introduced),
    reviewsAllowed: Math.max(0, limits.maxReviewsPerDay - facts.reviewed),
    aheadAllowed: Math.max(0, (granted ? more.extraAhead : 0) - facts.reviewedAhead),
  }
}
