/**
 * What a day of study looks like to someone who has not started yet (the home page's first sentence): how many new
 * cards, how many answers and about how many minutes, from their settings. Pure: no clock, no database.
 */
import { parseSteps } from './steps'

/**
 * The time one answer takes, reading a card (in one or both languages), recalling and grading it. An assumption,
 * not a measurement: Anki users report 8–15 s a card on short cards; ours ask for an idea in a sentence, so we take
 * a slower 20 s. On the defaults (20 new cards, steps "1m 10m") that makes 40 answers, 800 s: about 15 minutes.
 */
export const SECONDS_PER_ANSWER = 20

/** Estimates are rounded up to whole 5 minutes: a plan, not a stopwatch, and better a little long than short. */
const ROUND_MINUTES = 5
const MINUTES_PER_DAY = 1440

/**
 * How often a new card is answered on the day it is introduced if every answer is Good: once, then once more for
 * each learning step after the first that is shorter than a day (as in Anki, Good on a new card waits the second
 * step, and Good on the last step graduates it). A step of a day or more moves the rest to later days. An Again
 * adds answers; the estimate does not guess how many.
 * @example answersPerNewCard('1m 10m') // 2
 * @example answersPerNewCard('10m') // 1
 * @example answersPerNewCard('1m 10m 1d 3d') // 2
 */
export function answersPerNewCard(learningSteps: string): number {
  const parsed = parseSteps(learningSteps)
  const steps = 'steps' in parsed ? parsed.steps : []
  let answers = 1
  for (const minutes of steps.slice(1)) {
    if (minutes >= MINUTES_PER_DAY) break
    answers++
  }
  return answers
}

export type DayEstimate = { newCards: number; answersPerCard: number; answers: number; minutes: number; secondsPerAnswer: number }

/**
 * A first day: the new cards it brings (the daily limit, or fewer when fewer are left), the answers they take, and
 * the minutes those answers take at SECONDS_PER_ANSWER, rounded up to 5.
 * @example dayEstimate({ newPerDay: 20, learningSteps: '1m 10m' }, 69) // { newCards: 20, answersPerCard: 2, answers: 40, minutes: 15, secondsPerAnswer: 20 }
 */
export function dayEstimate(settings: { newPerDay: number; learningSteps: string }, newCardsLeft: number): DayEstimate {
  const newCards = Math.max(0, Math.min(settings.newPerDay, newCardsLeft))
  const answersPerCard = answersPerNewCard(settings.learningSteps)
  const answers = newCards * answersPerCard
  const minutes = Math.ceil((answers * SECONDS_PER_ANSWER) / 60 / ROUND_MINUTES) * ROUND_MINUTES
  return { newCards, answersPerCard, answers, minutes, secondsPerAnswer: SECONDS_PER_ANSWER }
}

/**
 * Whether a person has nothing yet to count on the home page: no card learning or due, none scheduled for later, no
 * claim learned. Their home says what a day looks like instead of showing tiles of zeros.
 */
export function nothingToCount(today: { learning: number; review: number; nextDueAt: string | null }, learnedClaims: number): boolean {
  return today.learning === 0 && today.review === 0 && today.nextDueAt === null && learnedClaims === 0
}
