/**
 * "Help me decide" (issue #35): what the simulator (lib/core/workload.ts) starts from, read for one person — their
 * scheduler parameters and limits, their live cards' states (suspended ones left out, never-seen ones as unseen), and
 * their answers of the last year grouped by the card's state and the rating (for their answer times and how often
 * they press each button). Every statement is filtered by the user id; the simulation itself runs elsewhere (a
 * worker thread: lib/server/decide.ts).
 */
import { all, asBool, sql, type Executor, type Work } from '../db/sql'
import { answerCosts, ratingOdds, simulatorCards, type AnswerGroup, type DecideInput } from '../core/workload'
import { readConfig, todayOf } from './study-context'
import { MAP_CARDS } from './progress-sql'
import { stateFromRow } from './study-sql'

/** The days of answers whose times and ratings the simulator takes (the latest year's: how the person answers now). */
const ANSWER_HISTORY_DAYS = 365

/** Answers by the state before them and the rating: count and time. Parameters: user, first day, last day. */
const ANSWER_GROUPS = sql<AnswerGroup>(
  `SELECT "state", "rating", CAST(COUNT(*) AS INTEGER) AS "answers", CAST(SUM("durationMs") AS INTEGER) AS "durationMs"
   FROM "ReviewLog"
   WHERE "userId" = ? AND "studyDay" >= ? AND "studyDay" <= ? AND "kind" = 'review' AND "undone" = FALSE
   GROUP BY "state", "rating"`,
)

/** The simulator's input for this person now, with their current desired retention (to show beside the choice). */
export type DecideStart = { input: DecideInput; desiredRetention: number }

function* decideStartWork(userId: string, now: Date): Work<DecideStart> {
  const config = yield* readConfig(userId)
  const { timeZone, rolloverHour, newPerDay, maxReviewsPerDay, leechThreshold, desiredRetention } = config.settings
  const today = todayOf(config, now)
  const states = (yield* all(MAP_CARDS, [userId, userId])).flatMap((r) => (asBool(r.retired) ? [] : [r.cardId === null ? null : stateFromRow(r)]))
  const groups = yield* all(ANSWER_GROUPS, [userId, today - (ANSWER_HISTORY_DAYS - 1), today])
  const odds = ratingOdds(groups)
  return {
    desiredRetention,
    input: {
      parameters: config.parameters ?? {},
      ...simulatorCards(states, today, timeZone, rolloverHour),
      newPerDay,
      maxReviewsPerDay,
      leechThreshold,
      costs: answerCosts(groups),
      firstRatingOdds: odds.first,
      reviewRatingOdds: odds.review,
    },
  }
}

export function createDecide(exec: Executor) {
  return {
    /** What "Help me decide" simulates from, for this person now. */
    start: (userId: string, now: Date) => exec.read(() => decideStartWork(userId, now)),
  }
}
