/**
 * One answer to one card, and the buttons a card shows: the steps the server's grade (lib/data/study-service.ts,
 * gradeWork) and the offline review screen (lib/client/offline-day.ts) both take, so that an answer given offline
 * gives the same state in the browser as on the server when it is sent (docs/decisions/0021-offline-review.md).
 * Pure: no database, no clock, no Next; the person's config and the answer's time come in as arguments.
 */
import { answerCard, GRADES, shownOutcomes, type AnswerOutcome, type Grade, type StudyContext } from './scheduler'
import { effectiveStudyDay, startOfStudyDay } from './study-day'
import { CardStateKind, isLeechLapse, type StateRow } from './card-state'
import { allowance, dueByDay, type DayFacts, type StudyMore } from './queue'
import type { StudySettings } from './settings'

/** What scheduling reads of a person: their settings, scheduler parameters, the last study day logged, "study more". */
export type StudyConfig = {
  settings: StudySettings
  /** The scheduler's parameters: the settings' retention, steps and maximum interval, and any optimised weights. */
  parameters: StudyContext['parameters']
  /** The last study day the log names (null before any answer): today never goes back before it. */
  lastStudyDay: number | null
  studyMore: StudyMore
}

/**
 * The fuzz seed of a card's current state: the same seed, the same intervals (preview = applied).
 * @example fuzzSeed('u1', 'c1', 3) // "u1:c1:3"
 */
export function fuzzSeed(userId: string, cardId: string, version: number): string {
  return `${userId}:${cardId}:${version}`
}

/** The study day `now` counts as for this person (it never goes back before the last day logged). */
export function todayOf(config: Pick<StudyConfig, 'settings' | 'lastStudyDay'>, now: Date): number {
  return effectiveStudyDay(now, config.settings.timeZone, config.settings.rolloverHour, config.lastStudyDay)
}

/** The scheduler's context for this person now (retrievability, previews, answers). */
export function studyContext(config: Pick<StudyConfig, 'settings' | 'lastStudyDay' | 'parameters'>, now: Date): StudyContext {
  return { now, timeZone: config.settings.timeZone, rolloverHour: config.settings.rolloverHour, parameters: config.parameters, today: todayOf(config, now) }
}

/** What a card's buttons say now, and until when they say it (see shownOutcomes). */
export type CardButtons = { intervals: Record<Grade, string>; intervalsValidUntil: string }

/**
 * The four buttons' intervals of a card in `state` (null: never seen) at `ctx.now`.
 * @example cardButtons(null, studyContext(config, now), fuzzSeed('u1', 'c1', 0)).intervals[3] // "10m"
 */
export function cardButtons(state: StateRow | null, ctx: StudyContext, seed: string): CardButtons {
  const { outcomes, validUntil } = shownOutcomes(state, ctx, seed)
  return { intervals: Object.fromEntries(GRADES.map((g) => [g, outcomes[g].label])) as Record<Grade, string>, intervalsValidUntil: validUntil.toISOString() }
}

/** An answer's result: the scheduler's outcome, the card's state after it (version + 1), and whether it made a leech. */
export type AppliedAnswer = { outcome: AnswerOutcome; after: StateRow; leech: boolean }

/**
 * The state a card is in after one answer at `at` (the answer's own time), from `before` (null: never seen), for the
 * person `userId` with `config`: the scheduler's next state, the version after, and a lapse that reaches the leech
 * threshold marks the card a leech and suspends it.
 * @example applyAnswer(null, { cardId: 'c1', rating: 3 }, config, at, 'u1').after.version // 1
 */
export function applyAnswer(before: StateRow | null, answer: { cardId: string; rating: Grade }, config: Pick<StudyConfig, 'settings' | 'lastStudyDay' | 'parameters'>, at: Date, userId: string): AppliedAnswer {
  const version = before?.version ?? 0
  const outcome = answerCard(before, answer.rating, studyContext(config, at), fuzzSeed(userId, answer.cardId, version))
  const lapse = before?.state === CardStateKind.Review && answer.rating === 1
  const leech = lapse && isLeechLapse(outcome.next.lapses, config.settings.leechThreshold)
  const after: StateRow = {
    ...outcome.next,
    cardId: answer.cardId,
    version: version + 1,
    suspended: leech || (before?.suspended ?? false),
    leech: leech || (before?.leech ?? false),
  }
  return { outcome, after, leech }
}

/**
 * Whether today's limits count this answer: a new card, or a card due today (a review answered ahead of its day is
 * not counted: the queue offers only those "Study more today" granted). `day`: the answer's study day.
 */
export function limitedToday(before: StateRow | null, config: Pick<StudyConfig, 'settings'>, day: number): boolean {
  const endOfDay = startOfStudyDay(day + 1, config.settings.timeZone, config.settings.rolloverHour)
  return before === null || (dueByDay(before) && before.due.getTime() < endOfDay.getTime())
}

/**
 * Whether today's limits refuse this answer: a new card over the day's new cards, or a card due today over the day's
 * reviews. `facts`: today's log (lib/core/queue.ts, dayFacts).
 */
export function overLimit(before: StateRow | null, config: Pick<StudyConfig, 'settings' | 'studyMore'>, day: number, facts: DayFacts): boolean {
  if (!limitedToday(before, config, day)) return false
  const left = allowance(config.settings, config.studyMore, day, facts)
  return !before ? left.newAllowed <= 0 : left.reviewsAllowed <= 0
}
