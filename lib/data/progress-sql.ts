/**
 * The progress pages' statements (the interview map, statistics, the home page), in the SQL both engines share
 * (lib/db/sql.ts). Every one is filtered by the user id. Answers are counted from the log's stored study-day number
 * with the index ReviewLog(userId, studyDay, cardId, sequence, kind, undone, state, rating, scheduledDays, durationMs),
 * which covers what the statistics read; only answers of kind "review" that were not undone
 * count (quiz answers and manual changes are left out).
 */
import { perCount, placeholders, sql } from '../db/sql'
import { CardStateKind } from '../core/card-state'
import { stateColumns } from '../core/card-state'
import { MATURE_INTERVAL_DAYS, TRUE_RETENTION_STATE } from '../core/true-retention'

/** What counts as an answer in the statistics: a review, not undone. */
const ANSWERS = `"kind" = 'review' AND "undone" = FALSE`
/** The same, of the log row named `t`. */
const answersOf = (t: string) => `${t}."kind" = 'review' AND ${t}."undone" = FALSE`

export type MapRow = Record<string, unknown> & {
  deckId: string
  sectionId: string
  claimId: string
  cardRef: string
  retired: unknown
  learnedAt: unknown
}

/**
 * Every live claim's cards (retired cards too: mastery leaves them out), each with this user's state (null columns
 * for a card never seen) and when the claim was first learned, in deck order. A few hundred rows whatever the
 * person's history. Parameters: user, user.
 */
export const MAP_CARDS = sql<MapRow>(
  `SELECT cl."deckId", cl."sectionId", cl."id" AS "claimId", c."id" AS "cardRef", c."retired", cp."learnedAt", ${stateColumns('cs')}
   FROM "Claim" cl
   JOIN "Section" s ON s."deckId" = cl."deckId" AND s."id" = cl."sectionId"
   JOIN "Card" c ON c."claimId" = cl."id"
   LEFT JOIN "CardState" cs ON cs."userId" = ? AND cs."cardId" = c."id"
   LEFT JOIN "ClaimProgress" cp ON cp."userId" = ? AND cp."claimId" = cl."id"
   WHERE cl."retired" = FALSE AND s."retired" = FALSE
   ORDER BY cl."deckId", s."position", cl."position", c."position"`,
)

/** Answers per study day in a range, from the index alone. Parameters: user, first day, last day. */
export const DAY_COUNTS = sql<{ studyDay: number; reviews: number }>(
  `SELECT "studyDay", CAST(COUNT(*) AS INTEGER) AS reviews FROM "ReviewLog"
   WHERE "userId" = ? AND "studyDay" >= ? AND "studyDay" <= ? AND ${ANSWERS}
   GROUP BY "studyDay" ORDER BY "studyDay"`,
)

/**
 * Per study day of a short range: the answers, the time spent, and the answers to cards in review with how many of
 * those were passed (Hard, Good or Easy) — true retention. Parameters: user, first day, last day.
 */
export const DAY_DETAILS = sql<{ studyDay: number; reviews: number; durationMs: number; reviewAnswers: number; reviewPassed: number }>(
  `SELECT "studyDay", CAST(COUNT(*) AS INTEGER) AS reviews, CAST(SUM("durationMs") AS INTEGER) AS "durationMs",
          CAST(SUM(CASE WHEN "state" = ${CardStateKind.Review} THEN 1 ELSE 0 END) AS INTEGER) AS "reviewAnswers",
          CAST(SUM(CASE WHEN "state" = ${CardStateKind.Review} AND "rating" > 1 THEN 1 ELSE 0 END) AS INTEGER) AS "reviewPassed"
   FROM "ReviewLog"
   WHERE "userId" = ? AND "studyDay" >= ? AND "studyDay" <= ? AND ${ANSWERS}
   GROUP BY "studyDay" ORDER BY "studyDay"`,
)

/** One study day's counted answers (lib/core/true-retention.ts), young and mature. */
export type TrueRetentionRow = { studyDay: number; youngPassed: number; youngFailed: number; maturePassed: number; matureFailed: number }

const MATURE = `l."scheduledDays" >= ${MATURE_INTERVAL_DAYS}`

/**
 * True retention as Anki 24.11 counts it (lib/core/true-retention.ts): per study day, a card's first answer of that
 * day when it was to a card in review, young or mature by the interval before the answer (the log's scheduledDays is
 * the card's interval before it), passed (Hard, Good, Easy) or failed. "First" is: no earlier answer (by the order
 * written) to that card that day, one seek on ReviewLog(userId, studyDay, cardId, sequence, …). That index covers
 * every column read, and the counts are summed per day in the index's order: no table lookup, no sort and no window
 * (a ROW_NUMBER window over the year cost twice as much, bench:pages). Parameters: user, first day, last day.
 */
export const TRUE_RETENTION_DAYS = sql<TrueRetentionRow>(
  `SELECT l."studyDay",
          CAST(SUM(CASE WHEN NOT (${MATURE}) AND l."rating" > 1 THEN 1 ELSE 0 END) AS INTEGER) AS "youngPassed",
          CAST(SUM(CASE WHEN NOT (${MATURE}) AND l."rating" = 1 THEN 1 ELSE 0 END) AS INTEGER) AS "youngFailed",
          CAST(SUM(CASE WHEN ${MATURE} AND l."rating" > 1 THEN 1 ELSE 0 END) AS INTEGER) AS "maturePassed",
          CAST(SUM(CASE WHEN ${MATURE} AND l."rating" = 1 THEN 1 ELSE 0 END) AS INTEGER) AS "matureFailed"
   FROM "ReviewLog" l
   WHERE l."userId" = ? AND l."studyDay" >= ? AND l."studyDay" <= ? AND ${answersOf('l')} AND l."state" = ${TRUE_RETENTION_STATE}
     AND NOT EXISTS (SELECT 1 FROM "ReviewLog" e
                     WHERE e."userId" = l."userId" AND e."studyDay" = l."studyDay" AND e."cardId" = l."cardId" AND e."sequence" < l."sequence"
                       AND ${answersOf('e')})
   GROUP BY l."studyDay" ORDER BY l."studyDay"`,
)

/**
 * Every study day with an answer, ever, for the streaks: a loose index scan (one index seek per day, however many
 * answers a day holds) written as a recursive query both engines run. Parameters: user, user.
 */
export const ACTIVE_DAYS = sql<{ day: number }>(
  `WITH RECURSIVE d("day") AS (
     SELECT (SELECT "studyDay" FROM "ReviewLog" WHERE "userId" = ? AND ${ANSWERS} ORDER BY "studyDay" LIMIT 1)
     UNION ALL
     SELECT (SELECT l."studyDay" FROM "ReviewLog" l WHERE l."userId" = ? AND l."studyDay" > d."day" AND l."kind" = 'review' AND l."undone" = FALSE
             ORDER BY l."studyDay" LIMIT 1)
     FROM d WHERE d."day" IS NOT NULL
   )
   SELECT "day" FROM d WHERE "day" IS NOT NULL`,
)

export type HistoryRow = { id: string; cardId: string; rating: number; state: number; review: unknown; durationMs: number }

/** A claim's latest answers, newest first (ties: the later written), through ReviewLog(userId, cardId, review). Parameters: user, n card ids. */
export const CLAIM_HISTORY = perCount<HistoryRow>(
  (n) =>
    `SELECT "id", "cardId", "rating", "state", "review", "durationMs" FROM "ReviewLog"
     WHERE "userId" = ? AND "cardId" IN (${placeholders(n)}) AND ${ANSWERS}
     ORDER BY "review" DESC, "sequence" DESC LIMIT 100`,
  100,
)

/** How many answers a claim's cards have had. Parameters: user, n card ids. */
export const CLAIM_ANSWER_COUNT = perCount<{ n: number }>(
  (n) => `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "ReviewLog" WHERE "userId" = ? AND "cardId" IN (${placeholders(n)}) AND ${ANSWERS}`,
  100,
)
