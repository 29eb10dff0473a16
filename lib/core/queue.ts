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
 *   wait for the next study day, and the queue holds one new-or-review card a claim, none for a claim it gives a
 *   learning card of (the others would be buried by its answer); with burying off, two cards of one claim never
 *   follow each other unless nothing else is left.
 * - Learn-ahead: a learning card before its step is over only when nothing else is due, and marked early; then, if
 *   "Study more today" granted some, reviews ahead of time.
 * - A talk's plan (lib/core/talk-plan.ts): the cards it has for today join the queue though not due, ahead of the
 *   other reviews (and new cards), outside the review limit, and are never held back as siblings. Planned new cards
 *   still count against the day's new cards (the plan keeps within them).
 * - Counts: the home page, the review bar and the finish line count the same picks (queueCounts), so a card counted is
 *   a card the queue gives today (issue #30).
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
  /**
   * How many of the reviews due today, the most overdue by date first, are ranked by relative overdueness (the rest
   * follow by date): the window the queue reads (REVIEW_WINDOW in lib/data/study-service.ts). All when absent.
   */
  reviewWindow?: number
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

/**
 * The cards today's queue gives, by kind, before they are ordered: learning cards due now, learning cards due within
 * the learn-ahead time (given early once nothing else is left), the reviews and new cards within the day's limits
 * after burying, and reviews ahead ("Study more today", also once nothing else is left). The one definition the queue
 * (buildQueue) and the counts (queueCounts) use. `heldBack`: reviews and interday learning cards due today, not
 * buried, that the day's review limit holds back.
 */
export function todaysPicks(input: QueueInput) {
  const t = input.now.getTime()
  const end = input.endOfDay.getTime()
  const learningCard = (c: DueCandidate) => c.state !== CardStateKind.New && !dueByDay(c)
  const live = input.due.filter((c) => buriedToday(c, input, input.burySiblings) !== 'manual')
  const byDue = (a: DueCandidate, b: DueCandidate) => a.due.getTime() - b.due.getTime() || a.cardId.localeCompare(b.cardId)
  const learningNow = live.filter((c) => learningCard(c) && c.due.getTime() <= t).sort(byDue)
  const learnAhead = live.filter((c) => learningCard(c) && c.due.getTime() > t && c.due.getTime() <= t + LEARN_AHEAD_MS && c.due.getTime() < end).sort(byDue)

  // New and review cards: burying takes out siblings of what was answered today, then keeps one card a claim.
  const queuedClaims = new Set<string>()
  const learningClaims = new Set<string>()
  const planned = input.planned ?? new Set<string>()
  const held = (c: { cardId: string; claimId: string; state: number }) => {
    // A talk's planned card is never held back for a sibling's answer (a bury by hand still holds it).
    const buried = buriedToday(c, input, input.burySiblings)
    if (buried === 'manual' || (buried === 'sibling' && !planned.has(c.cardId))) return true
    if (!input.burySiblings || planned.has(c.cardId)) return false
    // A card unburied by hand today is shown though a learning card of its claim is given (whose answer buries it again).
    return queuedClaims.has(c.claimId) || (learningClaims.has(c.claimId) && !input.unburied?.has(c.cardId))
  }
  /** The first `n` of `cards` not held back; only the cards taken hold back their claim's others. */
  const take = <C extends { cardId: string; claimId: string; state: number }>(cards: C[], n: number) => {
    const out: C[] = []
    for (const c of cards) {
      if (out.length >= n) break
      if (held(c)) continue
      out.push(c)
      queuedClaims.add(c.claimId)
    }
    return out
  }
  const plannedReviews = live.filter((c) => c.state === CardStateKind.Review && planned.has(c.cardId)).sort(byDue)
  // Interday learning cards take the review limit first (as Anki gathers them before reviews); like other learning
  // cards they are never held back for a sibling.
  const interdayDue = live.filter((c) => c.state !== CardStateKind.Review && dueByDay(c) && c.due.getTime() < end).sort(byDue)
  const interdayLearning = interdayDue.slice(0, Math.max(0, input.reviewsAllowed))
  // A learning card the queue gives holds its claim too: its answer buries the claim's new and review cards.
  if (input.burySiblings) {
    for (const c of [...interdayLearning, ...learningNow, ...learnAhead]) if (!planned.has(c.cardId)) learningClaims.add(c.claimId)
  }
  const reviewsLeft = Math.max(0, input.reviewsAllowed - interdayLearning.length)
  // Relative overdueness ranks the window of reviews (the first by date, as the store reads them), then the rest.
  const reviewDueToday = (c: DueCandidate) => c.state === CardStateKind.Review && c.due.getTime() < end
  const windowed = new Set(input.due.filter(reviewDueToday).sort(byDue).slice(0, input.reviewWindow ?? Infinity))
  const rank = (a: DueCandidate, b: DueCandidate) =>
    Number(windowed.has(b)) - Number(windowed.has(a)) || (windowed.has(a) ? overdueness(b, t) - overdueness(a, t) : 0) || byDue(a, b)
  const dueReviews = live.filter((c) => reviewDueToday(c) && !planned.has(c.cardId)).sort(rank)
  const allowed = take(dueReviews, reviewsLeft)
  const reviews = plannedReviews.concat(allowed)
  // Reviews and interday learning cards due today that no bury holds back but the day's review limit does (once it
  // is reached).
  const taken = new Set(allowed)
  const reviewsHeld = allowed.length < reviewsLeft ? 0 : dueReviews.filter((c) => !taken.has(c) && !buriedToday(c, input, input.burySiblings)).length
  const heldBack = interdayDue.length - interdayLearning.length + reviewsHeld
  const newCards = input.fresh.map((c) => ({ ...c, state: CardStateKind.New as number }))
  const fresh = take([...newCards.filter((c) => planned.has(c.cardId)), ...newCards.filter((c) => !planned.has(c.cardId))], Math.max(0, input.newAllowed))
  const ahead = take((input.ahead ?? []).slice().sort(byDue), Math.max(0, input.aheadAllowed ?? 0))
  return { learningNow, learnAhead, interdayLearning, reviews, fresh, ahead, heldBack }
}

export type QueueCounts = { new: number; learning: number; review: number; heldBack: number }

/**
 * How many cards of each kind today's queue gives (the home page, the review bar, the finish line): a card counted is
 * a card the queue gives today, now or, for a learning card within the learn-ahead time, once nothing else is left.
 * @example queueCounts(input) // { new: 20, learning: 0, review: 0, heldBack: 0 } on a fresh day one
 */
export function queueCounts(input: QueueInput): QueueCounts {
  const p = todaysPicks(input)
  return {
    new: p.fresh.length,
    // Interday learning cards are shown as learning (as Anki does), though the review limit holds them.
    learning: p.learningNow.length + p.learnAhead.length + p.interdayLearning.length,
    review: p.reviews.length + p.ahead.length,
    heldBack: p.heldBack,
  }
}

export function buildQueue(input: QueueInput): QueueEntry[] {
  const picks = todaysPicks(input)
  const { learningNow, learnAhead, fresh, ahead } = picks
  const reviews = picks.interdayLearning.concat(picks.reviews)
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

/**
 * What today's log says of the queue (lib/data/study-sql.ts, DAY_LOG): counts, buried siblings, manual buries. Never
 * changed once made (a server keeps them between requests: lib/data/study-cache.ts); `withDayEntry` makes new ones.
 */
export type DayFacts = {
  /** New cards begun today. */
  readonly introduced: number
  /** Reviews (and interday learning cards, see dueByDay) answered today of cards due today. */
  readonly reviewed: number
  /** Reviews answered today ahead of their day ("Study more today"). */
  readonly reviewedAhead: number
  readonly answeredClaims: ReadonlySet<string>
  readonly lastClaimId: string | null
  readonly buried: ReadonlySet<string>
  /**
   * Cards unburied by hand today (after their bury, or to bring a buried sibling back), with their claims: an answer
   * to the claim after the unbury buries them again, as siblings.
   */
  readonly unburied: ReadonlyMap<string, string>
}

/** `state`, `due` and `scheduledDays` are the card's before the entry (the log's own fields). */
export type DayLogEntry = { cardId: string; claimId: string; kind: string; state: number; due: Date; scheduledDays?: number }

type FactsBeingMade = { -readonly [K in 'introduced' | 'reviewed' | 'reviewedAhead' | 'lastClaimId']: DayFacts[K] } & {
  answeredClaims: Set<string>
  buried: Set<string>
  unburied: Map<string, string>
}

/** One more entry of the day's log, the newest, into facts being made. */
function addDayEntry(facts: FactsBeingMade, e: DayLogEntry, endOfDay: Date): void {
  // The later of a card's bury and unbury wins.
  if (e.kind === 'bury') {
    facts.buried.add(e.cardId)
    facts.unburied.delete(e.cardId)
    return
  }
  if (e.kind === 'unbury') {
    facts.buried.delete(e.cardId)
    facts.unburied.set(e.cardId, e.claimId)
    return
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

/** Today's facts from today's log entries (answers, manual buries and unburies, none undone), oldest first. */
export function dayFacts(entries: readonly DayLogEntry[], endOfDay: Date): DayFacts {
  const facts: FactsBeingMade = { introduced: 0, reviewed: 0, reviewedAhead: 0, answeredClaims: new Set(), lastClaimId: null, buried: new Set(), unburied: new Map() }
  for (const e of entries) addDayEntry(facts, e, endOfDay)
  return facts
}

/** The facts after one more entry, the newest of the day (`facts` stays as it was): dayFacts([...entries, e]). */
export function withDayEntry(facts: DayFacts, e: DayLogEntry, endOfDay: Date): DayFacts {
  const next: FactsBeingMade = { ...facts, answeredClaims: new Set(facts.answeredClaims), buried: new Set(facts.buried), unburied: new Map(facts.unburied) }
  addDayEntry(next, e, endOfDay)
  return next
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
