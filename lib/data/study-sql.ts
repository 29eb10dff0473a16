/**
 * The study data layer's statements, written once for SQLite and PostgreSQL (lib/db/sql.ts says which SQL both
 * share), and the one mapping of a state row. Every statement on user data is filtered by the user id.
 */
import { asBool, asDate, perCount, placeholders, sql } from '../db/sql'
import { CardStateKind, SCHEDULING_FIELDS, stateColumns, stateFromValues, type StateRow } from '../core/card-state'
import type { SettingsRow } from '../core/settings'
import { DAY_LOG_KINDS, UNDOABLE_KINDS } from '../core/log-kinds'
import type { CardTexts } from '../core/present'

/** Constant words as an SQL list: `'review', 'bury'` (our own constants, never input). */
const sqlList = (words: readonly string[]) => words.map((w) => `'${w}'`).join(', ')

const { New, Learning, Review, Relearning } = CardStateKind

/** The largest LIMIT written into a statement; the routes ask for at most 100 cards (lib/core/review-input.ts). */
export const MAX_TAKE = 1000

export type ConfigRow = { [K in keyof SettingsRow]: SettingsRow[K] | null } & {
  fsrsParameters: string | null
  studyEpoch: number | null
  studyMoreDay: number | null
  studyMoreNew: number | null
  studyMoreAhead: number | null
  decksLoadedAt: unknown
  lastStudyDay: number | null
}

/** UserSettings' columns that are study settings (lib/core/settings.ts). */
const SETTINGS_COLUMNS = [
  'timeZone', 'rolloverHour', 'displayLanguage', 'newPerDay', 'maxReviewsPerDay', 'desiredRetention', 'learningSteps', 'relearningSteps',
  'maximumInterval', 'burySiblings', 'leechThreshold', 'newCardOrder', 'fsrsParameters', 'studyEpoch', 'studyMoreDay', 'studyMoreNew', 'studyMoreAhead',
] as const

/**
 * The user's settings (null columns until they save any), the last study day their log names (the day never goes
 * back before it: lib/core/study-day.ts), and when any deck was last loaded. The last is a handful of rows: a server
 * that sees it change drops what it cached of the decks' texts and positions, so a deck loaded by another server's
 * start (a rolling deploy on PostgreSQL) is never served stale nor makes it skip a new card. The last study day is
 * one seek on the log's (userId, studyDay, …) index. Parameters: user, user.
 */
export const CONFIG = sql<ConfigRow>(
  `SELECT d."decksLoadedAt", ${SETTINGS_COLUMNS.map((c) => `s."${c}"`).join(', ')},
          (SELECT MAX(l."studyDay") FROM "ReviewLog" l WHERE l."userId" = ?) AS "lastStudyDay"
   FROM (SELECT MAX("loadedAt") AS "decksLoadedAt" FROM "Deck") d LEFT JOIN "UserSettings" s ON s."userId" = ?`,
)

/**
 * Tells every server that its cached positions for this user may be wrong (after a change that gives a card back
 * its "never seen" state): each server compares the epoch it read with the settings (lib/data/study-service.ts).
 */
export const BUMP_EPOCH = sql(
  `INSERT INTO "UserSettings" ("userId", "studyEpoch", "updatedAt") VALUES (?, 1, ?)
   ON CONFLICT ("userId") DO UPDATE SET "studyEpoch" = "UserSettings"."studyEpoch" + 1`,
)

/**
 * "Study more today": adds extra new cards and reviews ahead to what was granted for this study day (a grant of an
 * earlier day counts for nothing). Parameters: user, day, new, ahead, now, day, new, day, ahead, day.
 */
export const STUDY_MORE = sql(
  `INSERT INTO "UserSettings" ("userId", "studyMoreDay", "studyMoreNew", "studyMoreAhead", "updatedAt") VALUES (?, ?, ?, ?, ?)
   ON CONFLICT ("userId") DO UPDATE SET
     "studyMoreNew" = CASE WHEN "UserSettings"."studyMoreDay" = ? THEN "UserSettings"."studyMoreNew" ELSE 0 END + ?,
     "studyMoreAhead" = CASE WHEN "UserSettings"."studyMoreDay" = ? THEN "UserSettings"."studyMoreAhead" ELSE 0 END + ?,
     "studyMoreDay" = ?`,
)

export type DayLogRow = { cardId: string; claimId: string; kind: string; state: number; due: unknown; scheduledDays: number; review: unknown }

/**
 * What the day's log says of the queue, oldest first: the answers (the limits' counts, the claims whose siblings are
 * buried, the claim answered last) and the manual buries and unburies, none undone. A range of the (userId, studyDay, …) index.
 */
export const DAY_LOG = sql<DayLogRow>(
  `SELECT l."cardId", c."claimId", l."kind", l."state", l."due", l."scheduledDays", l."review" FROM "ReviewLog" l JOIN "Card" c ON c."id" = l."cardId"
   WHERE l."userId" = ? AND l."studyDay" = ? AND l."undone" = FALSE AND l."kind" IN (${sqlList(DAY_LOG_KINDS)})
   ORDER BY l."review", l."sequence"`,
)

export type DayPrintRow = { entries: number; lastSequence: number | null; lastId: string | null; undone: number | null; epoch: number | null; decksLoadedAt: unknown }

/**
 * What tells one state of a person's day log from another without reading its entries: how many there are, the
 * newest's sequence and id, how many are undone (entries are only ever added or marked undone; the id tells an entry
 * apart from one lost with a failed batch whose sequence it took), with the person's epoch (an account restore bumps
 * it) and the decks' load time (a card's claim comes from the deck). One scan of the index range DAY_LOG reads (on
 * SQLite no table row is visited), one seek for the id. Parameters: user, user, day, user.
 */
export const DAY_PRINT = sql<DayPrintRow>(
  `SELECT p."entries", p."lastSequence", p."undone", (SELECT n."id" FROM "ReviewLog" n WHERE n."userId" = ? AND n."sequence" = p."lastSequence") AS "lastId",
          (SELECT s."studyEpoch" FROM "UserSettings" s WHERE s."userId" = ?) AS "epoch", (SELECT MAX(d."loadedAt") FROM "Deck" d) AS "decksLoadedAt"
   FROM (SELECT CAST(COUNT(*) AS INTEGER) AS "entries", MAX(l."sequence") AS "lastSequence", CAST(SUM(CASE WHEN l."undone" THEN 1 ELSE 0 END) AS INTEGER) AS "undone"
         FROM "ReviewLog" l WHERE l."userId" = ? AND l."studyDay" = ?) p`,
)

/**
 * The earliest live card of each state after a time of its own (the cards before it are counted today), then the
 * earliest of those: four index seeks that stop at the first row. Parameters, for New, Learning, Review and
 * Relearning in turn: user, the time after which it counts.
 */
export const NEXT_DUE = sql<{ due: unknown }>(
  `SELECT MIN("due") AS due FROM (${[New, Learning, Review, Relearning]
    .map(
      (state) =>
        `SELECT * FROM (SELECT cs."due" FROM "CardState" cs JOIN "Card" c ON c."id" = cs."cardId"
          WHERE cs."userId" = ? AND cs."state" = ${state} AND cs."due" ${state === Learning || state === Relearning ? '>' : '>='} ? AND cs."suspended" = FALSE AND c."retired" = FALSE ORDER BY cs."due" LIMIT 1) AS s${state}`,
    )
    .join(' UNION ALL ')}) AS firsts`,
)

export type DueRow = { cardId: string; due: unknown; state: number; version: number; scheduledDays: number; claimId: string }

const dueOfState = (state: number, n: number, dueTest: string) =>
  `SELECT * FROM (SELECT cs."cardId", cs."due", cs."state", cs."version", cs."scheduledDays", c."claimId" FROM "CardState" cs JOIN "Card" c ON c."id" = cs."cardId"
     WHERE cs."userId" = ? AND cs."state" = ${state} AND ${dueTest} AND cs."suspended" = FALSE AND c."retired" = FALSE ORDER BY cs."due", cs."cardId" LIMIT ${n}) AS s${state}`

/**
 * Learning and relearning cards on steps within a study day (due by time: lib/core/queue.ts, dueByDay) up to the
 * learn-ahead horizon, in due order, limited (the queue never shows more); one index range on (userId, state, due)
 * per state. Interday learning cards are read apart (DUE_INTERDAY_LEARNING): due at the study day's start, they would
 * sort first and crowd out the cards due now. Parameters: user, horizon, user, horizon.
 */
export const DUE_LEARNING = perCount<DueRow>(
  (n) =>
    `SELECT * FROM (${dueOfState(Learning, n, 'cs."scheduledDays" < 1 AND cs."due" <= ?')} UNION ALL ${dueOfState(Relearning, n, 'cs."scheduledDays" < 1 AND cs."due" <= ?')}) AS learning ORDER BY "due", "cardId" LIMIT ${n}`,
  MAX_TAKE,
)

/**
 * Interday learning cards (steps that end on a later study day: dueByDay) due before the study day ends, in due order,
 * limited (they count against the review limit). Parameters: user, end, user, end.
 */
export const DUE_INTERDAY_LEARNING = perCount<DueRow>(
  (n) =>
    `SELECT * FROM (${dueOfState(Learning, n, 'cs."scheduledDays" >= 1 AND cs."due" < ?')} UNION ALL ${dueOfState(Relearning, n, 'cs."scheduledDays" >= 1 AND cs."due" < ?')}) AS interday ORDER BY "due", "cardId" LIMIT ${n}`,
  MAX_TAKE,
)

/**
 * Reviews due before the study day ends, the most overdue by date first; the core sorts them by overdueness
 * relative to their interval, so this takes a window larger than the queue (REVIEW_WINDOW). Parameters: user, end.
 */
export const DUE_REVIEWS = perCount<DueRow>((n) => dueOfState(Review, n, 'cs."due" < ?'), MAX_TAKE)

/** Reviews due on a later study day, soonest first ("Study more today": reviews ahead). Parameters: user, end. */
export const AHEAD_REVIEWS = perCount<DueRow>((n) => dueOfState(Review, n, 'cs."due" >= ?'), MAX_TAKE)

/**
 * The seen cards a talk's plan has for today, as queue candidates whatever their due date (suspended and retired
 * ones are left out, as everywhere). Parameters: user, card ids.
 */
export const PLANNED_DUE = perCount<DueRow & { lastReview: unknown }>(
  (n) =>
    `SELECT cs."cardId", cs."due", cs."state", cs."version", cs."scheduledDays", c."claimId", cs."lastReview" FROM "CardState" cs JOIN "Card" c ON c."id" = cs."cardId"
     WHERE cs."userId" = ? AND cs."cardId" IN (${placeholders(n)}) AND cs."suspended" = FALSE AND c."retired" = FALSE`,
  MAX_TAKE,
)

/** The never-seen cards a talk's plan begins today, as new-card candidates. Parameters: user, card ids. */
export const PLANNED_FRESH = perCount<{ cardId: string; claimId: string; position: number }>(
  (n) =>
    `SELECT c."id" AS "cardId", c."claimId", c."position" FROM "Card" c
     WHERE c."retired" = FALSE AND NOT EXISTS (SELECT 1 FROM "CardState" cs WHERE cs."userId" = ? AND cs."cardId" = c."id") AND c."id" IN (${placeholders(n)})
     ORDER BY c."position", c."deckId", c."id"`,
  MAX_TAKE,
)

/**
 * Cards the user has never seen, in deck order, from a lower bound on their first unseen position (so the cards
 * already seen are not probed one by one on every grade). Parameters: from, user.
 */
export const FRESH = perCount<{ cardId: string; claimId: string; position: number }>(
  (n) =>
    `SELECT c."id" AS "cardId", c."claimId", c."position" FROM "Card" c
     WHERE c."retired" = FALSE AND c."position" >= ?
       AND NOT EXISTS (SELECT 1 FROM "CardState" cs WHERE cs."userId" = ? AND cs."cardId" = c."id")
     ORDER BY c."position", c."deckId", c."id" LIMIT ${n}`,
  MAX_TAKE,
)

/** The same, core claims first (new card order "core-first"), each part in deck order. Parameters: from, user. */
export const FRESH_CORE_FIRST = perCount<{ cardId: string; claimId: string; position: number }>(
  (n) =>
    `SELECT c."id" AS "cardId", c."claimId", c."position" FROM "Card" c JOIN "Claim" cl ON cl."id" = c."claimId"
     WHERE c."retired" = FALSE AND c."position" >= ?
       AND NOT EXISTS (SELECT 1 FROM "CardState" cs WHERE cs."userId" = ? AND cs."cardId" = c."id")
     ORDER BY CASE WHEN cl."importance" = 'core' THEN 0 ELSE 1 END, c."position", c."deckId", c."id" LIMIT ${n}`,
  MAX_TAKE,
)

/** A card's texts as the core presents them, with its claim's and section's. */
export type DisplayRow = CardTexts & {
  id: string
  claimId: string
  claimTextEn: string
  claimTextZh: string
  whyEn: string
  whyZh: string
  sectionId: string
  deckId: string
  sectionTitleEn: string
  sectionTitleZh: string
}

/** The deck's texts of n cards (the same for every user). */
export const DISPLAY = perCount<DisplayRow>(
  (n) =>
    `SELECT c."id", c."kind", c."ordinal", c."frontEn", c."frontZh", c."backEn", c."backZh", c."claimId",
            cl."textEn" AS "claimTextEn", cl."textZh" AS "claimTextZh", cl."whyEn", cl."whyZh",
            s."id" AS "sectionId", s."deckId", s."titleEn" AS "sectionTitleEn", s."titleZh" AS "sectionTitleZh"
     FROM "Card" c JOIN "Claim" cl ON cl."id" = c."claimId" JOIN "Section" s ON s."deckId" = cl."deckId" AND s."id" = cl."sectionId"
     WHERE c."id" IN (${placeholders(n)})`,
  MAX_TAKE,
)

/** The user's states of n cards. Parameters: user, then the n card ids. */
export const STATES = perCount<Record<string, unknown>>(
  (n) => `SELECT ${stateColumns('cs')} FROM "CardState" cs WHERE cs."userId" = ? AND cs."cardId" IN (${placeholders(n)})`,
  MAX_TAKE,
)

export const STATE = sql<Record<string, unknown>>(`SELECT ${stateColumns('cs')} FROM "CardState" cs WHERE cs."userId" = ? AND cs."cardId" = ?`)

export const LOG_BY_ID = sql<{ userId: string; cardId: string; rating: number; kind: string; undone: unknown }>(
  `SELECT "userId", "cardId", "rating", "kind", "undone" FROM "ReviewLog" WHERE "id" = ?`,
)

/** The card and the user's state of it in one read (the state's columns are null for a card never seen). */
export const CARD_AND_STATE = sql<Record<string, unknown> & { retired: unknown; updatedAt: unknown; claimId: string }>(
  `SELECT c."retired", c."claimId", ${stateColumns('cs')}, cs."updatedAt" FROM "Card" c LEFT JOIN "CardState" cs ON cs."userId" = ? AND cs."cardId" = c."id" WHERE c."id" = ?`,
)

const STATE_WRITE_COLUMNS = [...SCHEDULING_FIELDS, 'version', 'suspended', 'leech', 'updatedAt'] as const
const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ')

/** A first state; changes nothing when another transaction wrote one first (a lost race on PostgreSQL). */
export const INSERT_STATE = sql(
  `INSERT INTO "CardState" ("userId", "cardId", ${quoted(STATE_WRITE_COLUMNS)}) VALUES (?, ?, ${placeholders(STATE_WRITE_COLUMNS.length)})
   ON CONFLICT ("userId", "cardId") DO NOTHING`,
)

/** The next state, only over the version the answer was given to: a concurrent writer makes it change nothing. */
export const UPDATE_STATE = sql(
  `UPDATE "CardState" SET ${STATE_WRITE_COLUMNS.map((c) => `"${c}" = ?`).join(', ')} WHERE "userId" = ? AND "cardId" = ? AND "version" = ?`,
)

/** Parameters of a state write, in the order of STATE_WRITE_COLUMNS. */
export function stateWriteParams(state: StateRow, updatedAt: Date) {
  return STATE_WRITE_COLUMNS.map((column) => (column === 'updatedAt' ? updatedAt : state[column]))
}

const LOG_COLUMNS = [
  'id', 'userId', 'cardId', 'kind', 'rating', 'state', 'due', 'stability', 'difficulty', 'elapsedDays', 'lastElapsedDays',
  'scheduledDays', 'learningSteps', 'review', 'studyDay', 'durationMs', 'undone', 'stateBefore', 'versionAfter', 'createdAt',
] as const

/**
 * A log entry, numbered next in its person's write order (the sequence is found in the same statement, through the
 * (userId, sequence) index: no query more a grade); changes nothing when its id is taken (the caller then tells a
 * replay from a reused id). Parameters: logParams.
 */
export const INSERT_LOG = sql(
  `INSERT INTO "ReviewLog" (${quoted(LOG_COLUMNS)}, "sequence")
   VALUES (${placeholders(LOG_COLUMNS.length)}, (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "ReviewLog" WHERE "userId" = ?))
   ON CONFLICT ("id") DO NOTHING`,
)

/** INSERT_LOG, answering the entry's sequence (no row when the id is taken). */
export const INSERT_LOG_NUMBERED = sql<{ sequence: number }>(`${INSERT_LOG.text} RETURNING "sequence"`)

export type LogEntry = { [K in (typeof LOG_COLUMNS)[number]]: string | number | boolean | Date }

export const logParams = (entry: LogEntry) => [...LOG_COLUMNS.map((c) => entry[c]), entry.userId]

/** A log entry's scheduling fields when it changes no schedule (a quiz answer, a manual change): the state as it stands. */
export function unchangedLogFields(state: StateRow) {
  const { due, stability, difficulty, elapsedDays, scheduledDays, learningSteps } = state
  return { state: state.state, due, stability, difficulty, elapsedDays, lastElapsedDays: 0, scheduledDays, learningSteps }
}

export type UndoRow = { id: string; cardId: string; kind: string; stateBefore: string; versionAfter: number }

/**
 * The newest entry of the study day that undo would take back (answers and manual changes, not yet undone), in the
 * order they were written (the log's sequence: two entries in one millisecond have one too). Parameters: user, day.
 */
export const UNDO_TARGET = sql<UndoRow>(
  `SELECT "id", "cardId", "kind", "stateBefore", "versionAfter" FROM "ReviewLog"
   WHERE "userId" = ? AND "studyDay" = ? AND "undone" = FALSE AND "kind" IN (${sqlList(UNDOABLE_KINDS)})
   ORDER BY "sequence" DESC LIMIT 1`,
)

/** Marks a log entry undone (kept: its id stays taken). Parameters: id, user. */
export const MARK_UNDONE = sql(`UPDATE "ReviewLog" SET "undone" = TRUE WHERE "id" = ? AND "userId" = ? AND "undone" = FALSE`)

/**
 * Takes back the "learned before" flag an answer set (lib/data/claim-progress.ts), when that answer is undone. A range
 * of the primary key's userId prefix: a person's flags are at most one a claim. Parameters: user, review id.
 */
export const DELETE_CLAIM_LEARNED_BY = sql(`DELETE FROM "ClaimProgress" WHERE "userId" = ? AND "learnedByReviewId" = ?`)

/** A state back to "never seen", only over the version expected. Parameters: user, card, version. */
export const DELETE_STATE = sql(`DELETE FROM "CardState" WHERE "userId" = ? AND "cardId" = ? AND "version" = ?`)

/** The one mapping of a stored state (either engine) to a StateRow. */
export function stateFromRow(row: Record<string, unknown>): StateRow {
  return stateFromValues(row, { date: asDate, boolean: asBool })
}

/** The signed-in user of a session token, if the session is live. */
export const SESSION_USER = sql<{ id: string; name: string; email: string }>(
  `SELECT u."id", u."name", u."email" FROM "session" s JOIN "user" u ON u."id" = s."userId" WHERE s."token" = ? AND s."expiresAt" > ?`,
)

// ---------- A claim's mastery (lib/core/mastery.ts) ----------

export type ClaimCardRow = Record<string, unknown> & { claimId: string; retired: unknown; learnedAt: unknown }

/**
 * Every card of the claim of one card, each with this user's state (null columns for a card never seen), and when
 * the claim was first learned (null if never). Parameters: user, user, card. The claim's cards come by Card's claimId
 * index, their states by primary key.
 */
export const CLAIM_CARDS_OF_CARD = sql<ClaimCardRow>(
  `SELECT c."claimId", c."retired", cp."learnedAt", ${stateColumns('cs')}
   FROM "Card" me JOIN "Card" c ON c."claimId" = me."claimId"
   LEFT JOIN "CardState" cs ON cs."userId" = ? AND cs."cardId" = c."id"
   LEFT JOIN "ClaimProgress" cp ON cp."userId" = ? AND cp."claimId" = me."claimId"
   WHERE me."id" = ?`,
)

/** The first time a claim is learned; later answers change nothing. Parameters: user, claim, when, review id. */
export const INSERT_CLAIM_LEARNED = sql(
  `INSERT INTO "ClaimProgress" ("userId", "claimId", "learnedAt", "learnedByReviewId") VALUES (?, ?, ?, ?)
   ON CONFLICT ("userId", "claimId") DO NOTHING`,
)

/**
 * The finish screen's totals of one study day: answers, distinct cards, time spent, how many were Again. Served by
 * the (userId, studyDay, …) index. Parameters: user, study day.
 */
export const DAY_SUMMARY = sql<{ answers: number; cards: number; durationMs: number; forgotten: number }>(
  `SELECT CAST(COUNT(*) AS INTEGER) AS "answers", CAST(COUNT(DISTINCT "cardId") AS INTEGER) AS "cards",
          CAST(COALESCE(SUM("durationMs"), 0) AS INTEGER) AS "durationMs",
          CAST(COALESCE(SUM(CASE WHEN "rating" = 1 THEN 1 ELSE 0 END), 0) AS INTEGER) AS "forgotten"
   FROM "ReviewLog" WHERE "userId" = ? AND "studyDay" = ? AND "undone" = FALSE AND "kind" = 'review'`,
)

/**
 * The claims that first became learned between two instants (a study day), in the order they were. A person's
 * ClaimProgress rows are at most one a claim, read by the primary key's userId prefix. Parameters: user, from, until.
 */
export const CLAIMS_LEARNED_BETWEEN = sql<{ id: string; textEn: string; textZh: string }>(
  `SELECT cl."id", cl."textEn", cl."textZh" FROM "ClaimProgress" cp JOIN "Claim" cl ON cl."id" = cp."claimId"
   WHERE cp."userId" = ? AND cp."learnedAt" >= ? AND cp."learnedAt" < ?
   ORDER BY cp."learnedAt", cl."id"`,
)
