/**
 * FSRS behind a few functions of ours. The only place that knows ts-fsrs: rows ↔ ts-fsrs cards are mapped here,
 * and every call takes `now`, the time zone and the rollover hour.
 *
 * Stored times are real instants. ts-fsrs is given instants shifted by toSchedulerTime() so that its calendar-day
 * arithmetic is study-day arithmetic. Its answers are mapped back: an interval of whole days becomes "due at the
 * start of that study day"; a learning step of minutes stays a duration from now.
 */
import {
  type AbstractScheduler,
  type TLearningStepsStrategy,
  BasicLearningStepsStrategy,
  ConvertStepUnitToMinutes,
  type Card as FsrsCard,
  type FSRS,
  type FSRSParameters,
  FSRSAlgorithm,
  type RecordLogItem,
  Rating,
  State,
  StrategyMode,
  createEmptyCard,
  fsrs,
  computeDecayFactor,
  default_maximum_interval,
  default_w,
  generatorParameters,
} from 'ts-fsrs'
import { DAY_MS, startOfStudyDay, studyDay, toSchedulerTime } from './study-day'
import { intervalCode, intervalOf, type Interval } from './interval'
import { stepMinutes } from './steps'
import { SCHEDULING_FIELDS, type SchedulingState } from './card-state'

export type Grade = 1 | 2 | 3 | 4
export const GRADES: readonly Grade[] = [1, 2, 3, 4]

export type { SchedulingState }

export type StudyContext = {
  now: Date
  timeZone: string
  rolloverHour: number
  /** The user's scheduler parameters (see schedulerParameters); ts-fsrs's defaults where absent. */
  parameters?: Partial<Pick<FSRSParameters, 'w' | 'request_retention' | 'maximum_interval' | 'learning_steps' | 'relearning_steps'>> | undefined
  /**
   * The study day "now" counts as, when it is not now's own: after a change of zone or rollover hour the day never
   * goes backwards (lib/core/study-day.ts, effectiveStudyDay), so intervals count from the day held.
   */
  today?: number | undefined
}

/**
 * The study day the scheduler counts from: now's own day, or the day held when that is later (StudyContext.today).
 * @example heldDay({ now, timeZone: 'Europe/London', rolloverHour: 4, today: 20_795 }) // 20_795 when now's own day is 20_794
 */
export function heldDay(ctx: StudyContext): number {
  const ownDay = studyDay(ctx.now, ctx.timeZone, ctx.rolloverHour)
  return Math.max(ownDay, ctx.today ?? ownDay)
}

/** The scheduler's parameters from a person's settings and their optimised weights (if any). */
export function schedulerParameters(
  settings: { desiredRetention: number; maximumInterval: number; learningSteps: string; relearningSteps: string },
  stored?: Partial<Pick<FSRSParameters, 'w'>> | undefined,
): NonNullable<StudyContext['parameters']> {
  const steps = (text: string) => stepMinutes(text).map((m) => `${m}m` as const)
  return {
    ...(stored?.w ? { w: stored.w } : {}),
    request_retention: settings.desiredRetention,
    maximum_interval: settings.maximumInterval,
    learning_steps: steps(settings.learningSteps),
    relearning_steps: steps(settings.relearningSteps),
  }
}

/**
 * ts-fsrs's learning steps, with Anki's Hard (rslib/src/scheduler/states/steps.rs): on the first step Hard waits the
 * average of the first two steps (or 1.5× a single step, at most a day more), rounded to whole days when that is more
 * than a day; on any later step it repeats that step. ts-fsrs averages the first two steps whatever the step, so Hard
 * on the 10m step would give 6m.
 */
const ankiLearningSteps: TLearningStepsStrategy = (params, state, step) => {
  const result = BasicLearningStepsStrategy(params, state, step)
  const hard = result[Rating.Hard]
  if (hard) {
    const minutes = stepsOf(params, state).map((s) => ConvertStepUnitToMinutes(s))
    const first = minutes[0]!
    const average = minutes.length === 1 ? Math.min(first * 1.5, first + DAY_MINUTES) : (first + minutes[1]!) / 2
    hard.scheduled_minutes = step > 0 ? minutes[step]! : average > DAY_MINUTES ? Math.round(average / DAY_MINUTES) * DAY_MINUTES : Math.round(average)
  }
  return result
}

const DAY_MINUTES = 1440

/** The steps a card in this state is on: its relearning steps after a lapse, else its learning steps. */
const stepsOf = (params: FSRSParameters, state: State) =>
  state === State.Relearning || state === State.Review ? params.relearning_steps : params.learning_steps

/**
 * Whether this answer puts the card on a (re)learning step of a day or more. ts-fsrs turns such a step into a review
 * (BasicScheduler.applyLearningSteps: any step ≥ 1440 minutes becomes State.Review, due in whole days), so Again on it
 * the next day would count a lapse and leave the steps. Anki keeps the card in (re)learning, due by day ("interday
 * learning"), and Again on it goes back to the first step. A learning-steps strategy cannot say so (it gives only
 * minutes and the next step; the state is ts-fsrs's choice), hence this check after ts-fsrs's answer (see outcome).
 */
function onDayLongStep(params: FSRSParameters, before: SchedulingState | null, rating: Grade): boolean {
  const state = (before?.state ?? State.New) as State
  // On a review only Again enters the (relearning) steps; Hard, Good and Easy keep it a review.
  if (state === State.Review && rating !== 1) return false
  const step = ankiLearningSteps(params, state, before?.learningSteps ?? 0)[rating as unknown as Rating.Again]
  return (step?.scheduled_minutes ?? 0) >= DAY_MINUTES
}

/** What one answer does: the next state, the log fields, and the interval a button shows. */
export type AnswerOutcome = {
  rating: Grade
  next: SchedulingState
  /** Whole study days until due, or 0 for a learning step. */
  intervalDays: number
  /** Milliseconds until due for a learning step, or 0 for a day interval. */
  stepMs: number
  /** The interval as a number and a unit; the interface words it through the message catalogue. */
  interval: Interval
  /** The interval as the API's language-neutral code ("10m", "2.1mo"): see lib/core/interval.ts. */
  label: string
  log: {
    state: number
    due: Date
    stability: number
    difficulty: number
    elapsedDays: number
    lastElapsedDays: number
    scheduledDays: number
    learningSteps: number
  }
}

/**
 * ts-fsrs instances by parameter set, the most recently used last. Bounded: with fitted weights every person has a
 * set of their own, and a server must not keep one per person forever. An instance costs ~1 µs to rebuild, far less
 * than a request; the bound only has to hold the sets in use at once.
 */
const schedulers = new Map<string, FSRS>()
export const SCHEDULER_CACHE_MAX = 256

/** One ts-fsrs instance per parameter set; fuzz on (as Anki), seeded per card version (see answerOutcomes). */
function scheduler(parameters: StudyContext['parameters']): FSRS {
  const key = JSON.stringify(parameters ?? {})
  let f = schedulers.get(key)
  if (f) {
    // Most recently used last: the first key is the one to drop.
    schedulers.delete(key)
    schedulers.set(key, f)
  } else {
    f = fsrs(generatorParameters({ ...parameters, enable_fuzz: true, enable_short_term: true }))
    // The fuzz seed is the card's own key + version, not the clock, so the interval shown on a button is exactly
    // the one that answer applies, however long the person takes to press it.
    f.useStrategy(StrategyMode.LEARNING_STEPS, ankiLearningSteps)
    f.useStrategy(StrategyMode.SEED, function (this: AbstractScheduler) {
      return String(Reflect.get(Reflect.get(this, 'current') as object, 'fuzz_seed'))
    })
    schedulers.set(key, f)
    if (schedulers.size > SCHEDULER_CACHE_MAX) schedulers.delete(schedulers.keys().next().value!)
  }
  return f
}

/** How many parameter sets the scheduler holds an instance for (its cache's bound is SCHEDULER_CACHE_MAX). */
export const schedulerCacheSize = () => schedulers.size

/** A memory state: FSRS's stability (days) and difficulty (1–10). */
export type MemoryState = { stability: number; difficulty: number }

/**
 * FSRS's memory model with these weights, stepped one answer at a time as fsrs-rs steps an item's reviews (short-term
 * on: a same-day answer, 0 days, moves stability by the short-term formula). `step(null, 0, rating)` is a first answer.
 * The optimizer's evaluation and the recomputation of states after a fit use it (lib/core/fsrs-fit.ts).
 * @example const m = memoryModel(default_w); m.recall(3, m.step(null, 0, 3).stability) // ≈ 0.9…
 */
export function memoryModel(w: readonly number[]): { step(state: MemoryState | null, elapsedDays: number, rating: Grade): MemoryState; recall(elapsedDays: number, stability: number): number } {
  const algorithm = new FSRSAlgorithm(generatorParameters({ w: [...w], enable_short_term: true }))
  return {
    step: (state, elapsedDays, rating) => algorithm.next_state(state, elapsedDays, rating),
    recall: (elapsedDays, stability) => algorithm.forgetting_curve(elapsedDays, stability),
  }
}

/** FSRS-6's default weights (21 numbers): a person's until a fit keeps others. */
export const DEFAULT_WEIGHTS: readonly number[] = default_w

/** ts-fsrs's name of one of our scheduling fields: elapsedDays ↔ elapsed_days. */
const fsrsName = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

function toFsrsCard(state: SchedulingState | null, ctx: StudyContext, fuzzSeed: string): FsrsCard & { fuzz_seed: string } {
  const at = (d: Date) => toSchedulerTime(d, ctx.timeZone, ctx.rolloverHour)
  if (!state) return { ...createEmptyCard(at(ctx.now)), fuzz_seed: fuzzSeed }
  const card: Record<string, unknown> = { fuzz_seed: fuzzSeed }
  for (const field of SCHEDULING_FIELDS) {
    const v = state[field]
    // Times in the scheduler's shifted time; no last review is no field at all.
    if (v !== null) card[fsrsName(field)] = v instanceof Date ? at(v) : v
  }
  return card as unknown as FsrsCard & { fuzz_seed: string }
}

/** ts-fsrs's card after an answer as our scheduling state, with its due and last review as given (real instants). */
function fromFsrsCard(card: FsrsCard, due: Date, lastReview: Date): SchedulingState {
  const state: Record<string, unknown> = {}
  for (const field of SCHEDULING_FIELDS) state[field] = card[fsrsName(field) as keyof FsrsCard]
  return { ...(state as SchedulingState), due, lastReview }
}

/**
 * What each of the four answers would do to this card now. `fuzzSeed` must identify the card and its state version
 * (e.g. "user:card:version"): the same seed gives the same intervals.
 * @example answerOutcomes(null, { now, timeZone: 'Europe/Berlin', rolloverHour: 4 }, 'u1:c1:0')[3].label // "10m"
 */
export function answerOutcomes(state: SchedulingState | null, ctx: StudyContext, fuzzSeed: string): Record<Grade, AnswerOutcome> {
  return shownOutcomes(state, ctx, fuzzSeed).outcomes
}

/**
 * What each of the four answers would do now, as the buttons show them, and `validUntil`: the first instant at which
 * some answer would apply another interval than its button shows. Within a study day only one thing moves an
 * interval: a learning step that would end after the next study day starts is "1d" (see outcome()), so a step of
 * `s` changes at the start of the next study day less `s` (a "10m" step at 03:50 with rollover 4). Otherwise the
 * intervals hold until now's study day ends. The screen relabels its buttons at `validUntil`; the server refuses an
 * answer whose interval differs from the one shown (lib/data/study-service.ts, gradeWork).
 * @example shownOutcomes(null, { now: new Date('2026-03-10T02:45:00Z'), timeZone: 'UTC', rolloverHour: 4 }, 's').validUntil // 03:50Z: Good's 10m ends at 04:00 from then
 */
export function shownOutcomes(state: SchedulingState | null, ctx: StudyContext, fuzzSeed: string): { outcomes: Record<Grade, AnswerOutcome>; validUntil: Date } {
  const f = scheduler(ctx.parameters)
  const shiftedNow = toSchedulerTime(ctx.now, ctx.timeZone, ctx.rolloverHour)
  const preview = f.repeat(toFsrsCard(state, ctx, fuzzSeed), shiftedNow)
  const ownDay = studyDay(ctx.now, ctx.timeZone, ctx.rolloverHour)
  // outcome()'s day: a step ending from the start of the day after it on is "1d".
  const nextDayStartMs = startOfStudyDay(heldDay(ctx) + 1, ctx.timeZone, ctx.rolloverHour).getTime()
  let validUntilMs = startOfStudyDay(ownDay + 1, ctx.timeZone, ctx.rolloverHour).getTime()
  const outcomes = {} as Record<Grade, AnswerOutcome>
  for (const rating of GRADES) {
    const item = preview[rating as unknown as Rating.Again]
    if (item.card.scheduled_days < 1) {
      const stepEndsInNextDayFromMs = nextDayStartMs - (item.card.due.getTime() - shiftedNow.getTime())
      if (stepEndsInNextDayFromMs > ctx.now.getTime()) validUntilMs = Math.min(validUntilMs, stepEndsInNextDayFromMs)
    }
    outcomes[rating] = outcome(state, rating, item, ctx, shiftedNow)
  }
  return { outcomes, validUntil: new Date(validUntilMs) }
}

/**
 * The outcome of one answer; identical to what answerOutcomes showed for that rating with the same seed (ts-fsrs
 * computes each rating on its own from the same card, so only the one given is computed here).
 */
export function answerCard(state: SchedulingState | null, rating: Grade, ctx: StudyContext, fuzzSeed: string): AnswerOutcome {
  const shiftedNow = toSchedulerTime(ctx.now, ctx.timeZone, ctx.rolloverHour)
  const item = scheduler(ctx.parameters).next(toFsrsCard(state, ctx, fuzzSeed), shiftedNow, rating as unknown as Rating.Again)
  return outcome(state, rating, item, ctx, shiftedNow)
}

/**
 * ts-fsrs's answer (in shifted time) as ours: real instants, day intervals due at the start of their study day, and
 * a learning step that would end after the next study day starts due at the start of the day it ends in ("1d", as
 * Anki): it is then due by day, not at an hour of the night. A step of a day or more keeps the card in (re)learning
 * (onDayLongStep), due at the start of the study day it ends on.
 */
function outcome(state: SchedulingState | null, rating: Grade, { card, log }: RecordLogItem, ctx: StudyContext, shiftedNow: Date): AnswerOutcome {
  const ownDay = studyDay(ctx.now, ctx.timeZone, ctx.rolloverHour)
  const today = heldDay(ctx)
  let due: Date
  let intervalDays = 0
  let stepMs = 0
  if (onDayLongStep(scheduler(ctx.parameters).parameters, state, rating)) {
    // Kept in (re)learning on its step, as Anki does (see onDayLongStep); ts-fsrs's due and step index stand.
    card.state = state === null || state.state === State.New ? State.Learning : state.state === State.Review ? State.Relearning : (state.state as State)
  }
  if (card.scheduled_days >= 1) {
    // Due by day: the shifted due's UTC date is the due study day (counted from now's own day); it opens at that
    // day's rollover, counted from the day held.
    // ts-fsrs keeps Hard < Good < Easy by adding a day past the maximum interval; Anki caps them all at it.
    intervalDays = Math.min(Math.floor(card.due.getTime() / DAY_MS) - ownDay, maximumInterval(ctx))
    card.scheduled_days = Math.min(card.scheduled_days, maximumInterval(ctx))
    due = startOfStudyDay(today + intervalDays, ctx.timeZone, ctx.rolloverHour)
  } else {
    stepMs = card.due.getTime() - shiftedNow.getTime()
    due = new Date(ctx.now.getTime() + stepMs)
    const endsOn = studyDay(due, ctx.timeZone, ctx.rolloverHour)
    if (endsOn > today) {
      intervalDays = endsOn - today
      stepMs = 0
      due = startOfStudyDay(endsOn, ctx.timeZone, ctx.rolloverHour)
      // Due by day from now on, as a day-long step is: the queue counts it against the review limit (lib/core/queue.ts).
      card.scheduled_days = intervalDays
    }
  }
  const interval = intervalOf(intervalDays, stepMs)
  return {
    rating,
    intervalDays,
    stepMs,
    interval,
    label: intervalCode(interval),
    next: fromFsrsCard(card, due, ctx.now),
    log: {
      state: log.state,
      due: state?.due ?? ctx.now,
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
    },
  }
}

const maximumInterval = (ctx: StudyContext) => ctx.parameters?.maximum_interval ?? default_maximum_interval

/**
 * A card's recall now: the probability (0–1) that the person recalls it, or null for a card never reviewed ("not
 * studied", which is neither 0% nor 100%). Every page that shows recall asks this one function.
 * The time since the last review counts in whole study days, as the scheduler, the talk plan and fsrs-rs count it
 * (decisions 0003 and 0016), not in ts-fsrs's get_retrievability's 24-hour periods: a card answered at 22:30 has one
 * day behind it the next morning.
 * @example recallNow(answeredAt2230, { now: nextMorning, timeZone, rolloverHour: 4 }) // 0.983…, not 1
 */
export function recallNow(state: SchedulingState | null, ctx: StudyContext): number | null {
  if (!state || state.state === State.New || !state.lastReview) return null
  // From the day held, as outcome() counts intervals: after a change of zone the day never goes backwards.
  const elapsedDays = heldDay(ctx) - studyDay(state.lastReview, ctx.timeZone, ctx.rolloverHour)
  return forgettingCurve(ctx.parameters)(elapsedDays, state.stability)
}

/**
 * The FSRS forgetting curve in closed form, as ts-fsrs computes it (its rounding included): the probability of
 * recall `elapsedDays` whole study days after a review that left `stabilityDays`. For projections over many days
 * and cards (a talk's plan) and for recallNow(); tested equal to ts-fsrs's own curve.
 * @example forgettingCurve(undefined)(10, 10) // 0.9
 */
export function forgettingCurve(parameters: StudyContext['parameters']): (elapsedDays: number, stabilityDays: number) => number {
  const { decay, factor } = computeDecayFactor(parameters?.w ?? default_w)
  const round8 = (x: number) => Math.round(x * 1e8) / 1e8
  return (elapsedDays, stabilityDays) => round8(Math.pow(1 + (factor * Math.max(0, elapsedDays)) / round8(stabilityDays), decay))
}

export { State }
