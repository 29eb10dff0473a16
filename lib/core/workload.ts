/**
 * "Help me decide": what each desired retention would cost a person over the next year — answers and minutes a day —
 * and which retention costs least per card remembered at the end (Anki's "Help Me Decide", fsrs-rs's
 * simulate + CMRR). Pure and seeded: the same input gives the same figures; no clock (days are counted from today,
 * day 0).
 *
 * The memory model is ts-fsrs's own (FSRSAlgorithm: init and next state, forgetting curve, next interval), built from
 * the same parameters as the scheduler (lib/core/scheduler.ts, schedulerParameters), so a simulated card's stability
 * grows as a real one would.
 *
 * Where this differs from fsrs-rs's simulator (src/simulation.rs, simulate_inner):
 * - Learning and relearning steps follow the person's own steps, as the scheduler applies them (Again → first step,
 *   Hard repeats the step — on the first step it waits between the first two —, Good → next step, Easy graduates);
 *   a step of a day or more keeps the card in learning until that day (as the app does). fsrs-rs instead draws a
 *   number of same-day answers from its step count. Same-day answers after the first follow fsrs-rs's default
 *   rating transitions (its learning_step_transitions / relearning_step_transitions).
 * - Cards are simulated day by day, in the app's queue order (interday learning first, then reviews by due day, then
 *   new cards), not through fsrs-rs's priority queue ordered by difficulty; reviews beyond the review limit wait for
 *   the next day (as in fsrs-rs). New cards do not count against the review limit, as in the app's queue.
 * - No fuzz (as fsrs-rs without a post-scheduling callback), no burying of siblings, no daily time cap.
 * - Answer times and rating frequencies are the person's own where the log has them, shrunk toward fsrs-rs's defaults
 *   in proportion to how few there are (answerCosts, ratingOdds); fsrs-rs's Anki caller reads them from the revlog.
 * - Cards reaching the leech threshold are suspended (fsrs-rs's suspend_after_lapses).
 * - Existing cards keep their current due day for their first simulated review (as fsrs-rs's existing_cards); the
 *   retention under test applies from their next interval on.
 */
import { FSRSAlgorithm } from 'ts-fsrs'
import { mulberry32 } from '../deck/sample'
import { forgettingCurve, type StudyContext } from './scheduler'
import { CardStateKind, type StateRow } from './card-state'
import { studyDay } from './study-day'

export const DECIDE_RETENTIONS: readonly number[] = Array.from({ length: 28 }, (_, i) => Math.round((0.7 + i * 0.01) * 100) / 100)
export const DECIDE_DAYS = 365
export const DECIDE_SEED = 42
/** Runs averaged per retention (see workloadByRetention). */
export const DECIDE_RUNS = 8

const DAY_MINUTES = 1440
/** Same-day answers to one card after which it is taken as graduated (fsrs-rs stops at 5 steps). */
const MAX_SAME_DAY_ANSWERS = 10

/** One grade's four ratings: index 0 is Again … 3 Easy. */
export type PerRating = [number, number, number, number]

/** fsrs-rs's defaults (SimulatorConfig::default): seconds per answer by the card's state before it and the rating. */
export const DEFAULT_COSTS_SECONDS: { learning: PerRating; review: PerRating; relearning: PerRating } = {
  learning: [19.58, 18.79, 13.78, 10.71],
  review: [19.38, 17.59, 12.38, 8.94],
  relearning: [16.44, 15.25, 12.32, 8.03],
}
/** fsrs-rs's defaults: a new card's first rating, and a passed review's Hard / Good / Easy. */
export const DEFAULT_FIRST_RATING_ODDS: PerRating = [0.24, 0.094, 0.495, 0.171]
export const DEFAULT_REVIEW_RATING_ODDS: [number, number, number] = [0.224, 0.631, 0.145]
/** fsrs-rs's defaults: the next same-day rating after Again, Hard, Good (rows), in (re)learning. */
const LEARNING_TRANSITIONS: PerRating[] = [
  [0.3686, 0.0628, 0.5108, 0.0577],
  [0.0442, 0.4553, 0.4457, 0.0549],
  [0.0519, 0.047, 0.8462, 0.055],
]
const RELEARNING_TRANSITIONS: PerRating[] = [
  [0.2157, 0.0643, 0.6595, 0.0604],
  [0.05, 0.4638, 0.4475, 0.0387],
  [0.1057, 0.1434, 0.7266, 0.0244],
]

/** How many of the person's own answers weigh as much as the default (a cell with 5 answers is half theirs). */
const PRIOR_ANSWERS = 5

/** A seen card as the simulator starts it: days relative to today (0), its memory state and its step. */
export type SimCard = {
  state: number
  stability: number
  difficulty: number
  /** The study day (relative to today) it is next due; ≤ 0 means due today. */
  dueDay: number
  /** The study day (relative, ≤ 0) of its last answer. */
  lastDay: number
  /** The (re)learning step it is on. */
  step: number
  lapses: number
}

export type DecideInput = {
  /** The scheduler's parameters (schedulerParameters): weights, maximum interval, steps. The retention is varied. */
  parameters: NonNullable<StudyContext['parameters']>
  cards: SimCard[]
  /** Cards never seen, introduced in deck order at `newPerDay` a day (all alike to the memory model). */
  unseenCards: number
  newPerDay: number
  maxReviewsPerDay: number
  leechThreshold: number
  costs: typeof DEFAULT_COSTS_SECONDS
  firstRatingOdds: PerRating
  reviewRatingOdds: [number, number, number]
  days?: number
  seed?: number
  /** How many seeded runs are averaged per retention (DECIDE_RUNS). */
  runs?: number
}

export type RetentionWorkload = {
  retention: number
  answersPerDay: number
  minutesPerDay: number
  /** Expected cards recalled on the last day (the sum of every introduced card's recall then). */
  rememberedAtEnd: number
  /** Seconds of study over the year per card remembered at its end (the figure the best retention minimises). */
  secondsPerCardRemembered: number
}

export type DecideResult = { rows: RetentionWorkload[]; best: number | null; days: number }

/**
 * The workload of every retention from 0.70 to 0.97, and the one with the lowest cost per card remembered (null when
 * nothing would be remembered: no cards at all).
 * @example workloadByRetention({ ...input, cards: [], unseenCards: 179 }).best // 0.8x for the default parameters
 */
export function workloadByRetention(input: DecideInput): DecideResult {
  const days = input.days ?? DECIDE_DAYS
  const runs = input.runs ?? DECIDE_RUNS
  const seed = input.seed ?? DECIDE_SEED
  // The mean of several runs, each with its own seed (the same seeds for every retention): one run of 179 cards wobbles
  // by several percent from one retention to the next, which would move the best one by chance.
  const rows = DECIDE_RETENTIONS.map((retention) => {
    const model = memoryModel(input.parameters, retention)
    const each = Array.from({ length: runs }, (_, k) => simulateWith(model, { ...input, seed: seed + k }, retention, days))
    const mean = (f: (r: RetentionWorkload) => number) => each.reduce((a, r) => a + f(r), 0) / runs
    const remembered = mean((r) => r.rememberedAtEnd)
    const minutes = mean((r) => r.minutesPerDay)
    return {
      retention,
      answersPerDay: mean((r) => r.answersPerDay),
      minutesPerDay: minutes,
      rememberedAtEnd: remembered,
      secondsPerCardRemembered: remembered > 0 ? (minutes * 60 * days) / remembered : Infinity,
    }
  })
  let best: RetentionWorkload | null = null
  for (const row of rows) if (row.rememberedAtEnd > 0 && (!best || row.secondsPerCardRemembered < best.secondsPerCardRemembered)) best = row
  return { rows, best: best?.retention ?? null, days }
}

type Card = SimCard & { seen: boolean; suspended: boolean }

/** Draws an index from weights that sum to about 1. */
function draw(random: () => number, weights: readonly number[]): number {
  let u = random() * weights.reduce((a, b) => a + b, 0)
  for (let i = 0; i < weights.length - 1; i++) {
    u -= weights[i]!
    if (u < 0) return i
  }
  return weights.length - 1
}

type MemoryModel = { algorithm: FSRSAlgorithm; recall: (elapsedDays: number, stabilityDays: number) => number }

/**
 * ts-fsrs's algorithm for these parameters at this retention, and the forgetting curve the scheduler uses
 * (forgettingCurve: ts-fsrs's, with its decay and factor worked out once rather than on every call).
 */
function memoryModel(parameters: DecideInput['parameters'], retention: number): MemoryModel {
  return {
    algorithm: new FSRSAlgorithm({ ...parameters, request_retention: retention, enable_fuzz: false, enable_short_term: true }),
    recall: forgettingCurve(parameters),
  }
}

/** One year at one retention (one seeded run). */
export function simulate(input: DecideInput, retention: number, days = DECIDE_DAYS): RetentionWorkload {
  return simulateWith(memoryModel(input.parameters, retention), input, retention, days)
}

function simulateWith({ algorithm, recall: curve }: MemoryModel, input: DecideInput, retention: number, days: number): RetentionWorkload {
  const p = input.parameters
  const learningSteps = (p.learning_steps ?? ['1m', '10m']).map(stepToMinutes)
  const relearningSteps = (p.relearning_steps ?? ['10m']).map(stepToMinutes)
  const maxInterval = p.maximum_interval ?? 36500
  const random = mulberry32(input.seed ?? DECIDE_SEED)
  const cards: Card[] = input.cards.map((c) => ({ ...c, dueDay: Math.max(0, c.dueDay), seen: true, suspended: false }))
  let unseen = input.unseenCards
  let answers = 0
  let seconds = 0

  const graduate = (card: Card, day: number) => {
    card.state = CardStateKind.Review
    card.step = 0
    card.dueDay = day + Math.min(maxInterval, algorithm.next_interval(card.stability, 0))
  }

  /**
   * A card in (re)learning on `day` after an answer of `rating` that left it on its steps: further same-day answers
   * while its next step ends today, each with the rating drawn from the transitions; a step of a day or more leaves
   * it due on that day.
   */
  const steps = (card: Card, day: number, rating: number) => {
    const relearning = card.state === CardStateKind.Relearning
    const list = relearning ? relearningSteps : learningSteps
    const costs = relearning ? input.costs.relearning : input.costs.learning
    const transitions = relearning ? RELEARNING_TRANSITIONS : LEARNING_TRANSITIONS
    for (let n = 0; ; n++) {
      const next = nextStep(list, card.step, rating)
      if (next === null || n >= MAX_SAME_DAY_ANSWERS) return graduate(card, day)
      card.step = next.step
      if (next.waitMinutes >= DAY_MINUTES) {
        card.dueDay = day + Math.max(1, Math.round(next.waitMinutes / DAY_MINUTES))
        return
      }
      rating = draw(random, transitions[rating - 1]!) + 1
      const s = algorithm.next_state({ stability: card.stability, difficulty: card.difficulty }, 0, rating)
      card.stability = s.stability
      card.difficulty = s.difficulty
      answers++
      seconds += costs[rating - 1]!
    }
  }

  /** An answer on a later day than the last one (a review, or an interday learning step). */
  const answerDue = (card: Card, day: number) => {
    const elapsed = day - card.lastDay
    const recall = curve(elapsed, card.stability)
    const forgot = random() >= recall
    const rating = forgot ? 1 : draw(random, input.reviewRatingOdds) + 2
    const costs = card.state === CardStateKind.Review ? input.costs.review : card.state === CardStateKind.Relearning ? input.costs.relearning : input.costs.learning
    const s = algorithm.next_state({ stability: card.stability, difficulty: card.difficulty }, elapsed, rating, recall)
    card.stability = s.stability
    card.difficulty = s.difficulty
    card.lastDay = day
    answers++
    seconds += costs[rating - 1]!
    if (card.state === CardStateKind.Review) {
      if (rating === 1) {
        card.lapses++
        if (card.lapses >= input.leechThreshold) {
          card.suspended = true
          return
        }
        if (relearningSteps.length === 0) return graduate(card, day)
        card.state = CardStateKind.Relearning
        card.step = 0
        if (relearningSteps[0]! >= DAY_MINUTES) card.dueDay = day + Math.round(relearningSteps[0]! / DAY_MINUTES)
        else steps(card, day, 1)
        return
      }
      return graduate(card, day)
    }
    steps(card, day, rating)
  }

  // Cards by the day they are due (days past the simulated year are dropped): each day reads only its own.
  const dueOn: Card[][] = Array.from({ length: days + 1 }, () => [])
  const schedule = (card: Card) => {
    if (!card.suspended && card.dueDay < days) dueOn[card.dueDay]!.push(card)
  }
  for (const card of cards) schedule(card)

  for (let day = 0; day < days; day++) {
    let reviewsLeft = input.maxReviewsPerDay
    const due = dueOn[day]!
    // Interday learning first (it takes the review limit first, as in the queue), then reviews, longest due first.
    due.sort((a, b) => Number(a.state === CardStateKind.Review) - Number(b.state === CardStateKind.Review) || a.dueDay - b.dueDay)
    for (const card of due) {
      // Over the review limit: due again tomorrow (its due day kept, so it stays ahead of tomorrow's own).
      if (reviewsLeft <= 0) {
        dueOn[day + 1]!.push(card)
        continue
      }
      reviewsLeft--
      answerDue(card, day)
      schedule(card)
    }
    // New cards: the first answer, then its steps the same day.
    const introduce = Math.min(unseen, input.newPerDay)
    unseen -= introduce
    for (let i = 0; i < introduce; i++) {
      const rating = draw(random, input.firstRatingOdds) + 1
      const s = algorithm.next_state(null, 0, rating)
      const card: Card = { state: CardStateKind.Learning, stability: s.stability, difficulty: s.difficulty, dueDay: day, lastDay: day, step: 0, lapses: 0, seen: true, suspended: false }
      cards.push(card)
      answers++
      seconds += input.costs.learning[rating - 1]!
      if (learningSteps.length === 0 || rating === 4) graduate(card, day)
      else steps(card, day, rating)
      schedule(card)
    }
  }

  let remembered = 0
  for (const card of cards) remembered += curve(Math.max(0, days - card.lastDay), card.stability)
  return {
    retention,
    answersPerDay: answers / days,
    minutesPerDay: seconds / 60 / days,
    rememberedAtEnd: remembered,
    secondsPerCardRemembered: remembered > 0 ? seconds / remembered : Infinity,
  }
}

/**
 * Where a (re)learning card goes after `rating` on step `step`, as the scheduler's steps (lib/core/scheduler.ts,
 * ankiLearningSteps): null when it graduates, else the step it is on and the wait in minutes.
 */
export function nextStep(stepsMinutes: readonly number[], step: number, rating: number): { step: number; waitMinutes: number } | null {
  if (stepsMinutes.length === 0 || rating === 4) return null
  const first = stepsMinutes[0]!
  if (rating === 1) return { step: 0, waitMinutes: first }
  if (rating === 2) {
    if (step > 0) return { step, waitMinutes: stepsMinutes[step] ?? first }
    const average = stepsMinutes.length === 1 ? Math.min(first * 1.5, first + DAY_MINUTES) : (first + stepsMinutes[1]!) / 2
    return { step: 0, waitMinutes: average }
  }
  return step + 1 < stepsMinutes.length ? { step: step + 1, waitMinutes: stepsMinutes[step + 1]! } : null
}

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: DAY_MINUTES }
/** ts-fsrs's step ("10m", "1h", "2d") in minutes. */
function stepToMinutes(step: string): number {
  const match = /^(\d+(?:\.\d+)?)([mhd])$/.exec(step)
  return match ? Number(match[1]) * UNIT_MINUTES[match[2]!]! : 0
}

/**
 * The live cards as the simulator starts them: suspended cards are left out, never-seen ones (no state, or new
 * again after a reset) counted as unseen, the others with their days counted from `today` in the person's zone.
 * @example simulatorCards([null, reviewState], today, 'UTC', 4) // { cards: [{ state: 2, dueDay: 3, … }], unseenCards: 1 }
 */
export function simulatorCards(states: readonly (StateRow | null)[], today: number, timeZone: string, rolloverHour: number): { cards: SimCard[]; unseenCards: number } {
  const cards: SimCard[] = []
  let unseenCards = 0
  for (const s of states) {
    if (s?.suspended) continue
    if (!s || s.state === CardStateKind.New || !(s.stability > 0) || !s.lastReview) {
      unseenCards++
      continue
    }
    cards.push({
      state: s.state,
      stability: s.stability,
      difficulty: s.difficulty,
      dueDay: studyDay(s.due, timeZone, rolloverHour) - today,
      lastDay: studyDay(s.lastReview, timeZone, rolloverHour) - today,
      step: s.learningSteps,
      lapses: s.lapses,
    })
  }
  return { cards, unseenCards }
}

/** The log's answers grouped by the card's state before the answer and the rating: how many and their time. */
export type AnswerGroup = { state: number; rating: number; answers: number; durationMs: number }

/**
 * Seconds per answer by state and rating from the person's own answer times, each cell shrunk toward fsrs-rs's
 * default by PRIOR_ANSWERS answers' weight (a cell with none is the default; with many, their mean).
 * @example answerCosts([{ state: 2, rating: 3, answers: 95, durationMs: 95 * 6000 }]).review[2] // ≈ 6.3
 */
export function answerCosts(groups: readonly AnswerGroup[]): typeof DEFAULT_COSTS_SECONDS {
  const cell = (states: number[], rating: number, fallback: number) => {
    let n = 0
    let ms = 0
    for (const g of groups) {
      if (!states.includes(g.state) || g.rating !== rating) continue
      n += g.answers
      ms += g.durationMs
    }
    return n === 0 ? fallback : (ms / 1000 + PRIOR_ANSWERS * fallback) / (n + PRIOR_ANSWERS)
  }
  const row = (states: number[], defaults: PerRating) => defaults.map((d, i) => cell(states, i + 1, d)) as PerRating
  return {
    learning: row([CardStateKind.New, CardStateKind.Learning], DEFAULT_COSTS_SECONDS.learning),
    review: row([CardStateKind.Review], DEFAULT_COSTS_SECONDS.review),
    relearning: row([CardStateKind.Relearning], DEFAULT_COSTS_SECONDS.relearning),
  }
}

/**
 * How often the person answers a new card Again…Easy, and a passed review Hard / Good / Easy, shrunk toward fsrs-rs's
 * defaults as answerCosts (PRIOR_ANSWERS × 4 answers' weight for a whole row).
 */
export function ratingOdds(groups: readonly AnswerGroup[]): { first: PerRating; review: [number, number, number] } {
  const odds = (state: number, ratings: number[], defaults: readonly number[]) => {
    const counts = ratings.map((r) => groups.filter((g) => g.state === state && g.rating === r).reduce((a, g) => a + g.answers, 0))
    const total = counts.reduce((a, b) => a + b, 0)
    const prior = PRIOR_ANSWERS * ratings.length
    return counts.map((c, i) => (c + prior * defaults[i]!) / (total + prior))
  }
  return {
    first: odds(CardStateKind.New, [1, 2, 3, 4], DEFAULT_FIRST_RATING_ODDS) as PerRating,
    review: odds(CardStateKind.Review, [2, 3, 4], DEFAULT_REVIEW_RATING_ODDS) as [number, number, number],
  }
}
