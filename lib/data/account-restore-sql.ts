/**
 * The statements of an account restore (./account-restore-service.ts): whether an account or an id is taken, and the
 * inserts of a whole account in chunks of rows. Every statement on user data names the user, or looks up ids only to
 * refuse a file (the answer never says whose they are).
 */
import { perCount, placeholders, sql, Statement } from '../db/sql'

/** One row of the person's, if the account has any progress (a state, a log entry, a talk or a quiz). */
export const ANY_PROGRESS = sql<{ found: number }>(
  `SELECT 1 AS "found" FROM "CardState" WHERE "userId" = ?
   UNION ALL SELECT 1 FROM "ReviewLog" WHERE "userId" = ?
   UNION ALL SELECT 1 FROM "Talk" WHERE "userId" = ?
   UNION ALL SELECT 1 FROM "Quiz" WHERE "userId" = ?
   LIMIT 1`,
)

/** Every card's and every claim's id on this server (a few thousand): the file's must all be among them. */
export const CARD_IDS = sql<{ id: string }>(`SELECT "id" FROM "Card"`)
export const CLAIM_IDS = sql<{ id: string }>(`SELECT "id" FROM "Claim"`)

/** Ids a lookup takes at once. */
export const IDS_AT_ONCE = 500

/** Which of n ids are taken in `table`, and by whom (the caller only compares the owner with the signed-in person). */
const takenIn = (table: 'ReviewLog' | 'Quiz' | 'Talk') =>
  perCount<{ id: string; userId: string }>((n) => `SELECT "id", "userId" FROM "${table}" WHERE "id" IN (${placeholders(n)})`, IDS_AT_ONCE)
export const TAKEN = { ReviewLog: takenIn('ReviewLog'), Quiz: takenIn('Quiz'), Talk: takenIn('Talk') }

/** Which of n cards have a state of this person's. Parameters: user, n card ids. */
export const STATES_OF = perCount<{ cardId: string }>(
  (n) => `SELECT "cardId" FROM "CardState" WHERE "userId" = ? AND "cardId" IN (${placeholders(n)})`,
  IDS_AT_ONCE,
)

/**
 * Parameters a statement may take: SQLite's limit is 32,766, PostgreSQL's 65,535. A chunk of rows stays under the
 * smaller with room to spare (the widest table, ReviewLog, has 21 columns: 21 × 523 ≈ 11,000).
 */
const PARAMETERS_AT_ONCE = 11_000

export type Table = { name: string; columns: readonly string[] }

export const TABLES = {
  CardState: {
    name: 'CardState',
    columns: ['userId', 'cardId', 'due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state', 'lastReview', 'version', 'updatedAt', 'suspended', 'leech'],
  },
  ReviewLog: {
    name: 'ReviewLog',
    columns: [
      'id', 'userId', 'cardId', 'kind', 'rating', 'state', 'due', 'stability', 'difficulty', 'elapsedDays', 'lastElapsedDays', 'scheduledDays',
      'learningSteps', 'review', 'studyDay', 'durationMs', 'undone', 'stateBefore', 'versionAfter', 'createdAt', 'sequence',
    ],
  },
  ClaimProgress: { name: 'ClaimProgress', columns: ['userId', 'claimId', 'learnedAt', 'learnedByReviewId'] },
  Talk: { name: 'Talk', columns: ['id', 'userId', 'title', 'date', 'sections', 'tags', 'minutesPerDay', 'createdAt'] },
  Quiz: { name: 'Quiz', columns: ['id', 'userId', 'options', 'cardIds', 'cardCount', 'position', 'countAsReviews', 'startedAt', 'finishedAt', 'talkId'] },
  QuizAnswer: { name: 'QuizAnswer', columns: ['quizId', 'position', 'cardId', 'reviewId', 'rating', 'answeredAt'] },
} as const satisfies Record<string, Table>

/** How many rows of `table` one INSERT takes. */
export const rowsAtOnce = (table: Table) => Math.floor(PARAMETERS_AT_ONCE / table.columns.length)

const inserts = new Map<string, Statement>()
/** `INSERT INTO table (columns) VALUES (…), (…)` for n rows; made once per table and n. */
export function insertRows(table: Table, n: number): Statement {
  const key = `${table.name}:${n}`
  let statement = inserts.get(key)
  if (!statement) {
    const row = `(${placeholders(table.columns.length)})`
    const text = `INSERT INTO "${table.name}" (${table.columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: n }, () => row).join(', ')}`
    inserts.set(key, (statement = sql(text)))
  }
  return statement
}

/**
 * The person's settings row, written whole: created, or (when the account already has one, as every account made by
 * signing up does) overwritten with the file's settings — the one row a restore changes. The epoch goes up either
 * way, so every server drops what it keeps for the person (./study-cache.ts). Parameters: user, each of `columns`,
 * updatedAt.
 */
export function settingsUpsert(columns: readonly string[]): Statement {
  const names = ['userId', ...columns, 'updatedAt']
  return sql(
    `INSERT INTO "UserSettings" (${names.map((c) => `"${c}"`).join(', ')}, "studyEpoch") VALUES (${placeholders(names.length)}, 1)
     ON CONFLICT ("userId") DO UPDATE SET ${names.slice(1).map((c) => `"${c}" = excluded."${c}"`).join(', ')}, "studyEpoch" = "UserSettings"."studyEpoch" + 1`,
  )
}

/** The person's settings row, if any: `columns` as stored. Parameters: user. */
export function settingsRow(columns: readonly string[]): Statement<Record<string, unknown>> {
  return sql(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "UserSettings" WHERE "userId" = ?`)
}
