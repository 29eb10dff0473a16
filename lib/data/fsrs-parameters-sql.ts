/**
 * The statements of a person's FSRS parameters (issue #35), written once for SQLite and PostgreSQL (lib/db/sql.ts).
 * Every statement is filtered by the user id.
 */
import { sql } from '../db/sql'

/** The log entries the optimizer reads (lib/core/fsrs-fit.ts): answers and resets, not undone. Parameters: user. */
export const FIT_LOG = sql<{ cardId: string; kind: string; rating: number; state: number; studyDay: number; review: unknown; sequence: number; undone: unknown }>(
  `SELECT "cardId", "kind", "rating", "state", "studyDay", "review", "sequence", "undone" FROM "ReviewLog"
   WHERE "userId" = ? AND "kind" IN ('review', 'reset') AND NOT "undone" ORDER BY "sequence"`,
)

/** The person's last log entry's sequence number (null before any). Parameters: user. */
export const LAST_SEQUENCE = sql<{ sequence: number | null }>(`SELECT MAX("sequence") AS "sequence" FROM "ReviewLog" WHERE "userId" = ?`)

/** The parameters as stored, what restore would put back, and the relearning steps. Parameters: user. */
export const PARAMETERS = sql<{ fsrsParameters: string | null; fsrsRestore: string | null; relearningSteps: string | null }>(
  `SELECT "fsrsParameters", "fsrsRestore", "relearningSteps" FROM "UserSettings" WHERE "userId" = ?`,
)

/** Each card's memory state and version. Parameters: user. */
export const MEMORY_STATES = sql<{ cardId: string; stability: number; difficulty: number; version: number }>(
  `SELECT "cardId", "stability", "difficulty", "version" FROM "CardState" WHERE "userId" = ?`,
)

/** A card's memory state, if its version is still the one read; its due date, state and steps stay. Parameters: stability, difficulty, now, user, card, version. */
export const WRITE_MEMORY_STATE = sql(
  `UPDATE "CardState" SET "stability" = ?, "difficulty" = ?, "version" = "version" + 1, "updatedAt" = ?
   WHERE "userId" = ? AND "cardId" = ? AND "version" = ?`,
)

/**
 * The parameters and what restore would put back, compare-and-swap: only if the stored parameters are still those
 * read (compared as text, '' for none), so of two servers optimizing at once the second writes nothing. Also tells
 * every server to drop what it caches for this person (the intervals shown depend on the parameters).
 * Parameters: user, parameters, restore, now, parameters, restore, now, parameters read.
 */
export const SWAP_PARAMETERS = sql(
  `INSERT INTO "UserSettings" ("userId", "fsrsParameters", "fsrsRestore", "studyEpoch", "updatedAt") VALUES (?, ?, ?, 1, ?)
   ON CONFLICT ("userId") DO UPDATE SET "fsrsParameters" = ?, "fsrsRestore" = ?, "studyEpoch" = "UserSettings"."studyEpoch" + 1, "updatedAt" = ?
   WHERE COALESCE("UserSettings"."fsrsParameters", '') = ?`,
)
