/**
 * The study store on SQLite: prepared statements on the app's one connection, each call holding the connection's
 * gate (see docs/decisions/0004). A grade runs synchronously in its own savepoint of the connection's write
 * transaction, so nothing can interleave between the version check and the writes; grades arriving in the same turn
 * of the event loop share one COMMIT (decision 0006). Times are stored as epoch milliseconds (the adapter's
 * unixepoch-ms).
 */
import type Database from 'better-sqlite3'
import type { Db } from '../db/prisma'
import type { DueCandidate, NewCandidate } from '../core/queue'
import {
  REUSED_REVIEW_ID,
  configFromRow,
  cappedDurationMs,
  snapshot,
  stateView,
  type DisplayCardRow,
  type GradeInput,
  type GradeResult,
  type StateRow,
  type StudyStore,
  type UserStudyConfig,
} from './study-store'

type Sqlite = Database.Database
type RawState = Omit<StateRow, 'due' | 'lastReview'> & { due: number; lastReview: number | null }

const STATE_COLUMNS = `cardId, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview, version`
const STATE_COLUMNS_CS = STATE_COLUMNS.split(', ').map((c) => `cs.${c}`).join(', ')

function statements(db: Sqlite) {
  const prep = (sql: string) => db.prepare(sql).safeIntegers(false)
  return {
    config: prep(`SELECT timeZone, rolloverHour, displayLanguage, newPerDay, fsrsParameters FROM "UserSettings" WHERE userId = ?`),
    introduced: prep(`SELECT COUNT(*) AS n FROM "ReviewLog" WHERE userId = ? AND studyDay = ? AND state = 0 AND kind = 'review' AND undone = 0`),
    // Learning cards due before the study day ends, and reviews due now: index ranges on (userId, state, due).
    dueCounts: prep(
      `SELECT (SELECT COUNT(*) FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId
                WHERE cs.userId = @userId AND cs.state IN (1, 3) AND cs.due < @endOfDay AND c.retired = 0) AS learning,
              (SELECT COUNT(*) FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId
                WHERE cs.userId = @userId AND cs.state = 2 AND cs.due <= @now AND c.retired = 0) AS review`,
    ),
    unseen: prep(
      `SELECT COUNT(*) AS n FROM "Card" c WHERE c.retired = 0
       AND NOT EXISTS (SELECT 1 FROM "CardState" cs WHERE cs.userId = ? AND cs.cardId = c.id)`,
    ),
    // The earliest live card of each state, then the earliest of those: four index seeks that stop at the first row.
    nextDue: prep(
      `SELECT MIN(due) AS due FROM (${[0, 1, 2, 3]
        .map((state) => `SELECT * FROM (SELECT cs.due FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId WHERE cs.userId = @userId AND cs.state = ${state} AND c.retired = 0 ORDER BY cs.due LIMIT 1)`)
        .join(' UNION ALL ')})`,
    ),
    display: prep(
      `SELECT c.id, c.kind, c.ordinal, c.frontEn, c.frontZh, c.backEn, c.backZh, c.claimId,
              cl.textEn AS claimTextEn, cl.textZh AS claimTextZh, cl.whyEn, cl.whyZh,
              s.id AS sectionId, s.deckId, s.titleEn AS sectionTitleEn, s.titleZh AS sectionTitleZh
       FROM "Card" c JOIN "Claim" cl ON cl.id = c.claimId JOIN "Section" s ON s.deckId = cl.deckId AND s.id = cl.sectionId
       WHERE c.id IN (SELECT value FROM json_each(?))`,
    ),
    states: prep(`SELECT ${STATE_COLUMNS} FROM "CardState" WHERE userId = ? AND cardId IN (SELECT value FROM json_each(?))`),
    state: prep(`SELECT ${STATE_COLUMNS} FROM "CardState" WHERE userId = ? AND cardId = ?`),
    logById: prep(`SELECT userId, cardId, rating FROM "ReviewLog" WHERE id = ?`),
    // The card and the user's state of it in one read (the state's columns are null for a card never seen).
    cardAndState: prep(`SELECT c.retired, ${STATE_COLUMNS_CS} FROM "Card" c LEFT JOIN "CardState" cs ON cs.userId = ? AND cs.cardId = c.id WHERE c.id = ?`),
    insertState: prep(
      `INSERT INTO "CardState" (userId, ${STATE_COLUMNS}, updatedAt)
       VALUES (@userId, @cardId, @due, @stability, @difficulty, @elapsedDays, @scheduledDays, @learningSteps, @reps, @lapses, @state, @lastReview, @version, @updatedAt)`,
    ),
    updateState: prep(
      `UPDATE "CardState" SET due = @due, stability = @stability, difficulty = @difficulty, elapsedDays = @elapsedDays,
         scheduledDays = @scheduledDays, learningSteps = @learningSteps, reps = @reps, lapses = @lapses, state = @state,
         lastReview = @lastReview, version = @version, updatedAt = @updatedAt
       WHERE userId = @userId AND cardId = @cardId AND version = @previousVersion`,
    ),
    insertLog: prep(
      `INSERT INTO "ReviewLog" (id, userId, cardId, kind, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays,
         scheduledDays, learningSteps, review, studyDay, durationMs, undone, stateBefore, versionAfter, createdAt)
       VALUES (@id, @userId, @cardId, 'review', @rating, @state, @due, @stability, @difficulty, @elapsedDays, @lastElapsedDays,
         @scheduledDays, @learningSteps, @review, @studyDay, @durationMs, 0, @stateBefore, @versionAfter, @createdAt)`,
    ),
  }
}

/** The largest LIMIT written into a statement; the routes ask for at most 100 cards (lib/core/review-input.ts). */
const MAX_TAKE = 1000

/**
 * The queue's two searches, one pair of statements per limit in use (a handful: the queue's sizes). The limit is
 * written into the SQL rather than bound: SQLite ran these with `LIMIT ?` at twice the time of the same number
 * written in (~8 µs more a query, with the same plan; see docs/performance.md).
 */
function limitedStatements(db: Sqlite) {
  const prep = (sql: string) => db.prepare(sql).safeIntegers(false)
  const byTake = new Map<number, { due: Database.Statement; fresh: Database.Statement }>()
  return (take: number) => {
    const n = Math.min(Math.max(1, Math.trunc(take)), MAX_TAKE)
    let s = byTake.get(n)
    if (!s) {
      const dueOfState = (state: number, until: string) =>
        `SELECT * FROM (SELECT cs.cardId, cs.due, cs.state, cs.version, c.claimId FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId
           WHERE cs.userId = @userId AND cs.state = ${state} AND cs.due <= ${until} AND c.retired = 0 ORDER BY cs.due LIMIT ${n})`
      s = {
        // Learning and relearning cards up to the learn-ahead horizon, and reviews due now, each in due order and
        // each limited (the queue never shows more); one index range on (userId, state, due) per state, so neither
        // a pile of overdue reviews nor a long learning session is read row by row.
        due: prep(
          `SELECT * FROM (${dueOfState(1, '@ahead')} UNION ALL ${dueOfState(3, '@ahead')} ORDER BY due LIMIT ${n})
           UNION ALL ${dueOfState(2, '@now')}`,
        ),
        // From a lower bound on the user's first unseen position (see `firstUnseen` below), so that the cards
        // already seen are not probed one by one on every grade.
        fresh: prep(
          `SELECT c.id AS cardId, c.claimId, c.position FROM "Card" c
           WHERE c.retired = 0 AND c.position >= @from
             AND NOT EXISTS (SELECT 1 FROM "CardState" cs WHERE cs.userId = @userId AND cs.cardId = c.id)
           ORDER BY c.position LIMIT ${n}`,
        ),
      }
      byTake.set(n, s)
    }
    return s
  }
}

const toState = (r: RawState | undefined): StateRow | null =>
  r ? { ...r, due: new Date(r.due), lastReview: r.lastReview === null ? null : new Date(r.lastReview) } : null

function readConfig(s: Statements, userId: string): UserStudyConfig {
  return configFromRow(s.config.get(userId) as Parameters<typeof configFromRow>[0])
}

type Decide = Parameters<StudyStore['grade']>[3]

/** One grade, inside its own savepoint of the shared write transaction (see StudyStore.grade). */
function gradeOnce(s: Statements, userId: string, input: GradeInput, now: Date, decide: Decide): GradeResult {
  const log = s.logById.get(input.reviewId) as { userId: string; cardId: string; rating: number } | undefined
  if (log) {
    if (log.userId !== userId || log.cardId !== input.cardId || log.rating !== input.rating) return { kind: 'conflict', message: REUSED_REVIEW_ID }
    return { kind: 'graded', replayed: true, state: stateView(toState(s.state.get(userId, input.cardId) as RawState))! }
  }
  const card = s.cardAndState.get(userId, input.cardId) as (RawState & { retired: number }) | (Record<keyof RawState, null> & { retired: number }) | undefined
  if (!card || card.retired) return { kind: 'not-found' }
  const { retired: _, ...state } = card
  const before = state.cardId === null ? null : toState(state as RawState)
  const currentVersion = before?.version ?? 0
  if (currentVersion !== input.version) return { kind: 'stale', current: stateView(before) }
  const { outcome, studyDay } = decide(before, readConfig(s, userId))
  const version = currentVersion + 1
  const next = outcome.next
  const row = {
    userId,
    cardId: input.cardId,
    due: next.due.getTime(),
    stability: next.stability,
    difficulty: next.difficulty,
    elapsedDays: next.elapsedDays,
    scheduledDays: next.scheduledDays,
    learningSteps: next.learningSteps,
    reps: next.reps,
    lapses: next.lapses,
    state: next.state,
    lastReview: next.lastReview ? next.lastReview.getTime() : null,
    version,
    updatedAt: Date.now(),
  }
  if (before) s.updateState.run({ ...row, previousVersion: currentVersion })
  else s.insertState.run(row)
  s.insertLog.run({
    id: input.reviewId,
    userId,
    cardId: input.cardId,
    rating: input.rating,
    ...outcome.log,
    due: outcome.log.due.getTime(),
    review: now.getTime(),
    studyDay,
    durationMs: cappedDurationMs(input.durationMs),
    stateBefore: snapshot(before),
    versionAfter: version,
    createdAt: Date.now(),
  })
  return { kind: 'graded', replayed: false, state: stateView({ ...next, cardId: input.cardId, version }, outcome.label)! }
}

/** Every statement the store runs, made once per connection. */
function prepared(db: Sqlite) {
  const s = statements(db)
  return { ...s, limited: limitedStatements(db) }
}
type Statements = ReturnType<typeof statements>
type Prepared = ReturnType<typeof prepared>

/**
 * `withSqlite` runs its callback on the shared connection while holding the gate; `writeSqlite` does the same inside
 * the connection's shared write transaction and resolves after its COMMIT (lib/db/group-commit.ts).
 */
export function sqliteStudyStore({ withSqlite, writeSqlite }: Pick<Db, 'withSqlite' | 'writeSqlite'>): StudyStore {
  const cache = new WeakMap<Sqlite, Prepared>()
  /**
   * Per user, a position below which every live card already has a state. It only ever grows while the server
   * runs: a state is never deleted (deleting the account deletes the user), and decks are loaded before the server
   * starts, so no card appears or comes back below it. A feature that deletes states or loads decks at run time
   * must clear it.
   */
  const firstUnseen = new Map<string, number>()
  const rememberFirstUnseen = (userId: string, position: number) => {
    if (firstUnseen.size > 50_000) firstUnseen.clear()
    firstUnseen.set(userId, position)
  }
  const statementsOf = (db: Sqlite) => {
    let s = cache.get(db)
    if (!s) cache.set(db, (s = prepared(db)))
    return s
  }
  const run = <T>(work: (s: Prepared) => T) => withSqlite((db) => work(statementsOf(db)))

  return {
    config: (userId) => run((s) => readConfig(s, userId)),

    queueCandidates: (userId, { now, dueUntil, take, today, newTake }) =>
      run((s) => {
        const due = (s.limited(take).due.all({ userId, now: now.getTime(), ahead: dueUntil.getTime() }) as (Omit<DueCandidate, 'due'> & { due: number })[]).map((r) => ({ ...r, due: new Date(r.due) }))
        const freshTake = newTake(due)
        if (freshTake <= 0) return { due, fresh: [], introduced: 0 }
        const fresh = s.limited(freshTake).fresh.all({ userId, from: firstUnseen.get(userId) ?? 0 }) as NewCandidate[]
        // Every live card before the first one returned has a state: the next search can start there.
        if (fresh.length > 0) rememberFirstUnseen(userId, fresh[0]!.position)
        return { due, fresh, introduced: (s.introduced.get(userId, today) as { n: number }).n }
      }),

    counts: (userId, { now, endOfDay, today }) =>
      run((s) => {
        const due = s.dueCounts.get({ userId, now: now.getTime(), endOfDay: endOfDay.getTime() }) as { learning: number; review: number }
        const next = (s.nextDue.get({ userId }) as { due: number | null }).due
        return {
          learning: due.learning,
          review: due.review,
          unseen: (s.unseen.get(userId) as { n: number }).n,
          introduced: (s.introduced.get(userId, today) as { n: number }).n,
          nextDue: next === null ? null : new Date(next),
        }
      }),

    cardStates: (userId, cardIds) => run((s) => (s.states.all(userId, JSON.stringify(cardIds)) as RawState[]).map((r) => toState(r)!)),

    displayCards: (cardIds) => run((s) => s.display.all(JSON.stringify(cardIds)) as DisplayCardRow[]),

    // Its own savepoint in the shared write transaction: grades arriving together share one COMMIT.
    grade: (userId, input, now, decide) => writeSqlite((db) => gradeOnce(statementsOf(db), userId, input, now, decide)),
  }
}
