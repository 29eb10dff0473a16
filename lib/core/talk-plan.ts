/**
 * A talk's plan (issue #19): which cards to review on which study days so that every claim in scope is at or above
 * the target retrievability on the talk's day. Pure: the data layer reads the cards' states; see
 * docs/decisions/0016-talk-plan.md for the algorithm and why it is shaped so.
 *
 * The model, in study days (lib/core/study-day.ts): the plan covers today up to the day before the talk; a card's
 * retrievability "on the talk day" is the forgetting curve at the end of that day, that is after
 * (talk day − day of its last review) whole days. Every review in the plan is assumed answered Good, through the
 * app's own scheduler (learning steps and the maximum interval apply). A seen card's normal due reviews happen anyway
 * and count against the day's cap; a seen card still short of the target gets one extra review, on a day late enough
 * to reach the target and to leave no further due review before the talk; a card never seen is begun as a new card
 * on a day from today on, with its learning steps that day and its due reviews after.
 */
import { answerCard, forgettingCurve, type SchedulingState, type StudyContext } from './scheduler'
import { CardStateKind } from './card-state'
import { claimRecall, countedCards } from './mastery'
import { HOUR_MS, startOfStudyDay, studyDay } from './study-day'

/** Seconds a card takes until the person has answered one: Anki's common guess for a short card. */
export const DEFAULT_SECONDS_PER_CARD = 8

export type TalkCard = { cardId: string; claimId: string; retired: boolean; suspended: boolean; state: SchedulingState | null }

export type TalkPlanInput = {
  /** The cards of the claims in scope (retired and suspended ones are left out here, as mastery does). */
  cards: readonly TalkCard[]
  /** The talk's study-day number: the one that holds noon of its date (studyDayOfNoon in ./study-day.ts). */
  talkDay: number
  /** Now, the zone, the rollover hour, the scheduler's parameters and the day held (as every study call). */
  ctx: StudyContext
  /** The retrievability every claim should have on the day (0–1). */
  target: number
  /** The most reviews a day, due ones included; null for no limit. */
  reviewsPerDay: number | null
  /**
   * The new cards a day may begin (the person's daily limit; today's, what is left of it), which the queue and the
   * grade hold to: the plan begins no more. No limit when absent.
   */
  newPerDay?: { today: number; later: number }
}

export type PlannedDay = {
  day: number
  /** Reviews that fall due that day anyway (assumed Good). */
  dueCards: string[]
  /** Cards the plan adds that day: extra reviews of seen cards and new cards begun (with their steps). */
  plannedCards: string[]
  /** Every answer that day: due reviews, planned reviews and each learning step of a new card. */
  answers: number
  /** The due reviews alone pass the daily cap: nothing is planned on top, and the day takes longer than allowed. */
  overCap: boolean
}

export type CardForecast = {
  cardId: string
  claimId: string
  /** Retrievability on the talk day if nothing more is done (0 for a card never seen). */
  withoutPlan: number
  /** Retrievability on the talk day after the plan (assumed Good). */
  withPlan: number
  /** The days the plan has this card answered (due reviews and planned ones). */
  reviewDays: number[]
}

export type ClaimForecast = {
  claimId: string
  /**
   * The claim's recall on the day without the plan, by the one rule for a claim (lib/core/mastery.ts, claimRecall):
   * the lowest of its seen counted cards'; null when none is studied.
   */
  withoutPlan: number | null
  /** Counted cards (live, unsuspended), and of those the ones studied. */
  cardsCounted: number
  cardsSeen: number
  /** Below the target on the day without more reviews: a card not studied yet, or the weakest seen one under it. */
  weak: boolean
  /** The weakest counted card's recall on the day after the plan (a card the plan cannot begin counts 0). */
  withPlan: number
  reaches: boolean
}

export type TalkPlan = {
  today: number
  talkDay: number
  days: PlannedDay[]
  cards: CardForecast[]
  claims: ClaimForecast[]
  /** Claims the plan cannot bring to the target in the days left (or within the daily cap). */
  unreachable: string[]
  busiestDayAnswers: number
  totalAnswers: number
}

/** The daily cap in answers from minutes a day and seconds per card; null without a limit of minutes. */
export function reviewsPerDayOf(minutesPerDay: number | null, secondsPerCard: number): number | null {
  return minutesPerDay === null ? null : Math.max(1, Math.floor((minutesPerDay * 60) / Math.max(1, secondsPerCard)))
}

/** The median of answer times in ms, as whole seconds per card; the default until there is one. */
export function secondsPerCardOf(durationsMs: readonly number[]): number {
  if (durationsMs.length === 0) return DEFAULT_SECONDS_PER_CARD
  const sorted = [...durationsMs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return Math.max(1, Math.round(median / 1000))
}

/** A Good review on `day` and the learning steps after it that day: the state it leaves and how many answers. */
type DayReview = { state: SchedulingState; answers: number; nextDueDay: number }

const MAX_STEPS_A_DAY = 20

function goodOn(state: SchedulingState | null, day: number, ctx: StudyContext, seed: string): DayReview {
  // Today's reviews happen from now on; another day's from two hours after it begins (any hour of the day gives the
  // same day arithmetic; two hours keeps clear of a DST change at the rollover).
  let now = day === todayOf(ctx) ? ctx.now : new Date(startOfStudyDay(day, ctx.timeZone, ctx.rolloverHour).getTime() + 2 * HOUR_MS)
  let current = state
  let answers = 0
  for (;;) {
    const out = answerCard(current, 3, { ...ctx, now, today: day }, `${seed}:${answers}`)
    current = out.next
    answers++
    if (out.intervalDays > 0 || answers >= MAX_STEPS_A_DAY) return { state: current, answers, nextDueDay: day + Math.max(1, out.intervalDays) }
    now = new Date(now.getTime() + out.stepMs)
  }
}

const todayOf = (ctx: StudyContext) => Math.max(studyDay(ctx.now, ctx.timeZone, ctx.rolloverHour), ctx.today ?? -Infinity)

/** A card's due reviews before the talk, each assumed Good, from its current state. */
function dueChain(state: SchedulingState, today: number, talkDay: number, ctx: StudyContext, seed: string) {
  const reviews: { day: number; answers: number }[] = []
  let current = state
  let lastDay = current.lastReview ? studyDay(current.lastReview, ctx.timeZone, ctx.rolloverHour) : today
  let dueDay = Math.max(today, studyDay(current.due, ctx.timeZone, ctx.rolloverHour))
  while (dueDay < talkDay) {
    const r = goodOn(current, dueDay, ctx, `${seed}:${dueDay}`)
    reviews.push({ day: dueDay, answers: r.answers })
    current = r.state
    lastDay = dueDay
    dueDay = r.nextDueDay
  }
  return { reviews, state: current, lastDay }
}

type ExtraJob = { cardId: string; earliest: number; state: SchedulingState; withPlan: number }

/**
 * The plan. Deterministic: the same states, day and settings give the same plan.
 * @example talkPlan({ cards, talkDay: studyDayOfNoon('2027-03-14', 4), ctx, target: 0.9, reviewsPerDay: 60 }).unreachable
 */
export function talkPlan(input: TalkPlanInput): TalkPlan {
  const { ctx, talkDay, target } = input
  const today = todayOf(ctx)
  const curve = forgettingCurve(ctx.parameters)
  const cap = input.reviewsPerDay ?? Infinity
  const span = Math.max(0, talkDay - today)
  const load = new Array<number>(span).fill(0)
  const days: PlannedDay[] = Array.from({ length: span }, (_, i) => ({ day: today + i, dueCards: [], plannedCards: [], answers: 0, overCap: false }))
  const at = (day: number) => days[day - today]!
  const rOn = (state: SchedulingState, lastDay: number) => (state.state === CardStateKind.New ? 0 : curve(talkDay - lastDay, state.stability))
  const forecasts = new Map<string, CardForecast>()
  const extra: ExtraJob[] = []
  const fresh: TalkCard[] = []

  for (const card of countedCards(input.cards)) {
    const seen = card.state && card.state.state !== CardStateKind.New ? card.state : null
    if (!seen) {
      forecasts.set(card.cardId, { cardId: card.cardId, claimId: card.claimId, withoutPlan: 0, withPlan: 0, reviewDays: [] })
      fresh.push(card)
      continue
    }
    const seenDay = seen.lastReview ? studyDay(seen.lastReview, ctx.timeZone, ctx.rolloverHour) : today
    const chain = dueChain(seen, today, talkDay, ctx, `plan:${card.cardId}`)
    for (const r of chain.reviews) {
      load[r.day - today]! += r.answers
      at(r.day).dueCards.push(card.cardId)
    }
    const withPlan = rOn(chain.state, chain.lastDay)
    forecasts.set(card.cardId, { cardId: card.cardId, claimId: card.claimId, withoutPlan: rOn(seen, seenDay), withPlan, reviewDays: chain.reviews.map((r) => r.day) })
    if (withPlan >= target) continue
    const job = earliestExtra(chain.state, Math.max(today, chain.lastDay + 1), talkDay, target, ctx, card.cardId, curve)
    if (job) extra.push(job)
  }

  // New cards, in the order given (the deck's): each begins on the day that keeps the busiest day lowest, then with
  // the fewest answers, then the earliest.
  const pattern = fresh.length > 0 && span > 0 ? newPattern(today, span, ctx) : []
  const newRoom = days.map((d) => (d.day === today ? (input.newPerDay?.today ?? Infinity) : (input.newPerDay?.later ?? Infinity)))
  for (const card of fresh) placeNew(card, pattern, today, talkDay, target, cap, load, newRoom, days, forecasts, curve)

  // Extra reviews: the lowest bound on the busiest day under which all fit (each fits in a suffix of days, so a
  // greedy from the last day back decides it exactly), or as many as fit under the cap.
  const floor = Math.max(0, ...load)
  let lo = floor
  let hi = Math.min(cap, floor + extra.length)
  if (hi < lo) hi = lo
  const fits = (bound: number) => assignExtra(extra, load, today, bound, cap).unplaced.length === 0
  if (!fits(hi)) lo = hi
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (fits(mid)) hi = mid
    else lo = mid + 1
  }
  const { placed } = assignExtra(extra, load, today, hi, cap)
  for (const [job, day] of placed) {
    load[day - today]! += 1
    at(day).plannedCards.push(job.cardId)
    const f = forecasts.get(job.cardId)!
    f.withPlan = job.withPlan
    f.reviewDays.push(day)
  }

  for (const d of days) {
    d.answers = load[d.day - today]!
    d.overCap = d.answers > cap
  }
  const cards = [...forecasts.values()]
  const claims = claimForecasts(countedCards(input.cards), forecasts, target)
  return {
    today,
    talkDay,
    days,
    cards,
    claims,
    unreachable: claims.filter((c) => !c.reaches).map((c) => c.claimId),
    busiestDayAnswers: Math.max(0, ...load),
    totalAnswers: load.reduce((a, b) => a + b, 0),
  }
}

/**
 * The earliest day from `from` on whose extra Good review reaches the target and leaves the card due after the talk
 * (a later review only does better on both: less time to forget, a longer interval), by bisection; null when even
 * the day before the talk does not.
 */
function earliestExtra(state: SchedulingState, from: number, talkDay: number, target: number, ctx: StudyContext, cardId: string, curve: ReturnType<typeof forgettingCurve>): ExtraJob | null {
  const tryDay = (day: number) => {
    const r = goodOn(state, day, ctx, `plan:${cardId}:extra`)
    const withPlan = curve(talkDay - day, r.state.stability)
    return { ok: withPlan >= target && r.nextDueDay >= talkDay, withPlan, state: r.state }
  }
  let lo = from
  let hi = talkDay - 1
  if (hi < lo) return null
  let best = tryDay(hi)
  if (!best.ok) return null
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const r = tryDay(mid)
    if (r.ok) {
      hi = mid
      best = r
    } else lo = mid + 1
  }
  return { cardId, earliest: hi, state: best.state, withPlan: best.withPlan }
}

/**
 * Extra reviews under a bound on each day's answers: from the last day back, each day takes the jobs whose window
 * begins latest (they have the fewest days left to go to). Every window ends on the day before the talk, so this
 * places all jobs whenever any assignment can (Hall's condition on suffixes).
 */
function assignExtra(jobs: readonly ExtraJob[], load: readonly number[], today: number, bound: number, cap: number) {
  const sorted = [...jobs].sort((a, b) => b.earliest - a.earliest || a.cardId.localeCompare(b.cardId))
  const placed: [ExtraJob, number][] = []
  const unplaced: ExtraJob[] = []
  let next = 0
  for (let i = load.length - 1; i >= 0 && next < sorted.length; i--) {
    let room = Math.min(bound, cap) - load[i]!
    while (next < sorted.length && sorted[next]!.earliest > today + i) unplaced.push(sorted[next++]!)
    while (room > 0 && next < sorted.length) {
      placed.push([sorted[next++]!, today + i])
      room--
    }
  }
  while (next < sorted.length) unplaced.push(sorted[next++]!)
  return { placed, unplaced }
}

type NewPattern = { offset: number; answers: number; stability: number }[]

/**
 * A new card's answers if begun today, all Good: relative day, answers that day, stability after. The same for every
 * new card (one fuzz seed for all: a projection, not the interval a card will be given), so it is worked out once.
 */
function newPattern(today: number, span: number, ctx: StudyContext): NewPattern {
  const pattern: NewPattern = []
  let state: SchedulingState | null = null
  let day = today
  while (day < today + span) {
    const r = goodOn(state, day, ctx, `plan:new:${day - today}`)
    pattern.push({ offset: day - today, answers: r.answers, stability: r.state.stability })
    state = r.state
    day = r.nextDueDay
  }
  return pattern
}

function placeNew(
  card: TalkCard,
  pattern: NewPattern,
  today: number,
  talkDay: number,
  target: number,
  cap: number,
  load: number[],
  newRoom: number[],
  days: PlannedDay[],
  forecasts: Map<string, CardForecast>,
  curve: ReturnType<typeof forgettingCurve>,
) {
  if (talkDay <= today) return
  // Begun later, a card's answers fall on the same relative days (only its own state moves them), cut at the talk.
  let best: { start: number; peak: number; answers: number; withPlan: number } | null = null
  for (let start = today; start < talkDay; start++) {
    if (newRoom[start - today]! <= 0) continue
    const inside = pattern.filter((p) => start + p.offset < talkDay)
    const last = inside[inside.length - 1]!
    const withPlan = curve(talkDay - (start + last.offset), last.stability)
    if (withPlan < target) continue
    if (inside.some((p) => load[start + p.offset - today]! + p.answers > cap)) continue
    const peak = Math.max(...inside.map((p) => load[start + p.offset - today]! + p.answers))
    const answers = inside.reduce((a, p) => a + p.answers, 0)
    if (!best || peak < best.peak || (peak === best.peak && answers < best.answers)) best = { start, peak, answers, withPlan }
  }
  if (!best) return
  newRoom[best.start - today]! -= 1
  const f = forecasts.get(card.cardId)!
  f.withPlan = best.withPlan
  for (const p of pattern) {
    const day = best.start + p.offset
    if (day >= talkDay) break
    load[day - today]! += p.answers
    f.reviewDays.push(day)
    if (p.offset === 0) days[day - today]!.plannedCards.push(card.cardId)
    else days[day - today]!.dueCards.push(card.cardId)
  }
}

/**
 * Each claim's forecast, in the order its first card comes: without the plan by the one rule for a claim, with the
 * plan its weakest counted card's. Claims without a counted card are left out.
 */
function claimForecasts(counted: readonly TalkCard[], forecasts: Map<string, CardForecast>, target: number): ClaimForecast[] {
  return [...cardsByClaim(counted)].map(([claimId, cards]) => {
    const onTheDay = claimRecall(cards, (c) => forecasts.get(c.cardId)!.withoutPlan)
    const withPlan = Math.min(...cards.map((c) => forecasts.get(c.cardId)!.withPlan))
    const weak = onTheDay.cardsSeen < onTheDay.cardsCounted || onTheDay.weakestRetrievability! < target
    return { claimId, withoutPlan: onTheDay.weakestRetrievability, cardsCounted: onTheDay.cardsCounted, cardsSeen: onTheDay.cardsSeen, weak, withPlan, reaches: withPlan >= target }
  })
}

/** Cards grouped by their claim, claims in the order their first card comes. */
export function cardsByClaim<C extends { claimId: string }>(cards: readonly C[]): Map<string, C[]> {
  const byClaim = new Map<string, C[]>()
  for (const c of cards) {
    const own = byClaim.get(c.claimId)
    if (own) own.push(c)
    else byClaim.set(c.claimId, [c])
  }
  return byClaim
}
