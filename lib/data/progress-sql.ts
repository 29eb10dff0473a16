/**
 * The progress pages' statements (the interview map, statistics, the home page), in the SQL both engines share
 * (lib/db/sql.ts). Every one is filtered by the user id. Answers are counted from the log's stored study-day number
 * with the index ReviewLog(userId, studyDay, state, kind, undone); only answers of kind "review" that were not undone
 * count (quiz answers and manual changes are left out).
 */
import { perCount, placeholders, sql } from '../db/sql'
import { CardStateKind } from '../core/card-state'
import { stateColumns } from '../core/card-state'
import { MATURE_INTERVAL_DAYS, TRUE_RETENTION_STATE } from '../core/true-retention'

/** What counts as an answer in the statistics: a review, not undone. */
const ANSWERS = `"kind" = 'review' AND "undone" = FALSE`

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

/**
 * True retention as Anki 24.11 counts it (lib/core/true-retention.ts): per study day, a card's first answer of that
 * day when it was to a card in review, young or mature by the interval before the answer (the log's scheduledDays is
 * the card's interval before it), passed (Hard, Good, Easy) or failed. The window numbers each card's answers of a
 * day by the order they were written; the range is read once through ReviewLog(userId, studyDay, …), so no other
 * index is needed. The window partitions by day first: partitioned by card first, SQLite walked the person's whole log
 * through ReviewLog(userId, cardId, review) instead (5× slower at 100,000 answers, bench:pages). Parameters: user,
 * first day, last day.
 */
export const TRUE_RETENTION_DAYS = sql<{ studyDay: number; mature: number; passed: number; failed: number }>(
  `SELECT "studyDay", CAST(CASE WHEN "scheduledDays" >= ${MATURE_INTERVAL_DAYS} THEN 1 ELSE 0 END AS INTEGER) AS "mature",
          CAST(SUM(CASE WHEN "rating" > 1 THEN 1 ELSE 0 END) AS INTEGER) AS "passed",
          CAST(SUM(CASE WHEN "rating" = 1 THEN 1 ELSE 0 END) AS INTEGER) AS "failed"
   FROM (SELECT "studyDay", "state", "rating", "scheduledDays",
                ROW_NUMBER() OVER (PARTITION BY "studyDay", "cardId" ORDER BY "sequence") AS "nth"
         FROM "ReviewLog"
         WHERE "userId" = ? AND "studyDay" >= ? AND "studyDay" <= ? AND ${ANSWERS}) AS firsts
   WHERE "nth" = 1 AND "state" = ${TRUE_RETENTION_STATE}
   GROUP BY "studyDay", CASE WHEN "scheduledDays" >= ${MATURE_INTERVAL_DAYS} THEN 1 ELSE 0 END
   ORDER BY "studyDay"`,
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
