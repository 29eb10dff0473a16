/**
 * The study store on SQLite: prepared statements on the app's one connection, each call holding the connection's
 * gate (see docs/decisions/0004). A grade is one synchronous IMMEDIATE transaction, so nothing can interleave
 * between the version check and the writes. Times are stored as epoch milliseconds (the adapter's unixepoch-ms).
 */
import type Database from 'better-sqlite3'
import type { NewCandidate } from '../core/queue'
import {
  REUSED_REVIEW_ID,
  configFromRow,
  cappedDurationMs,
  snapshot,
  stateView,
  type DisplayCardRow,
  type GradeResult,
  type StateRow,
  type StudyStore,
  type UserStudyConfig,
} from './study-store'

type Sqlite = Database.Database
type RawState = Omit<StateRow, 'due' | 'lastReview'> & { due: number; lastReview: number | null }

const STATE_COLUMNS = `cardId, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview, version`

function statements(db: Sqlite) {
  const prep = (sql: string) => db.prepare(sql).safeIntegers(false)
  return {
    config: prep(`SELECT timeZone, rolloverHour, displayLanguage, newPerDay, fsrsParameters FROM "UserSettings" WHERE userId = ?`),
    // Learning cards up to the learn-ahead horizon and reviews due now, each in due order and each limited: the
    // queue never needs more of either than it shows.
    due: prep(
      `SELECT * FROM (SELECT cs.cardId, cs.due, cs.state, cs.version, c.claimId FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId
         WHERE cs.userId = @userId AND cs.state IN (1, 3) AND cs.due <= @ahead AND c.retired = 0 ORDER BY cs.due LIMIT @take)
       UNION ALL
       SELECT * FROM (SELECT cs.cardId, cs.due, cs.state, cs.version, c.claimId FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId
         WHERE cs.userId = @userId AND cs.state = 2 AND cs.due <= @now AND c.retired = 0 ORDER BY cs.due LIMIT @take)`,
    ),
    // From a lower bound on the user's first unseen position (see `firstUnseen` below), so that the cards already
    // seen are not probed one by one on every grade.
    fresh: prep(
      `SELECT c.id AS cardId, c.claimId, c.position FROM "Card" c
       WHERE c.retired = 0 AND c.position >= @from
         AND NOT EXISTS (SELECT 1 FROM "CardState" cs WHERE cs.userId = @userId AND cs.cardId = c.id)
       ORDER BY c.position LIMIT @take`,
    ),
    introduced: prep(`SELECT COUNT(*) AS n FROM "ReviewLog" WHERE userId = ? AND studyDay = ? AND state = 0 AND kind = 'review' AND undone = 0`),
    dueCounts: prep(
      `SELECT COALESCE(SUM(cs.state IN (1, 3)), 0) AS learning, COALESCE(SUM(cs.state = 2 AND cs.due <= ?), 0) AS review
       FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId WHERE cs.userId = ? AND cs.due < ? AND c.retired = 0`,
    ),
    unseen: prep(
      `SELECT COUNT(*) AS n FROM "Card" c WHERE c.retired = 0
       AND NOT EXISTS (SELECT 1 FROM "CardState" cs WHERE cs.userId = ? AND cs.cardId = c.id)`,
    ),
    nextDue: prep(`SELECT MIN(cs.due) AS due FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId WHERE cs.userId = ? AND c.retired = 0`),
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
    cardRetired: prep(`SELECT retired FROM "Card" WHERE id = ?`),
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

const toState = (r: RawState | undefined): StateRow | null =>
  r ? { ...r, due: new Date(r.due), lastReview: r.lastReview === null ? null : new Date(r.lastReview) } : null

function readConfig(s: ReturnType<typeof statements>, userId: string): UserStudyConfig {
  return configFromRow(s.config.get(userId) as Parameters<typeof configFromRow>[0])
}

/** `withSqlite` runs its callback on the shared connection while holding the gate. */
export function sqliteStudyStore(withSqlite: <T>(work: (db: Sqlite) => T) => Promise<T>): StudyStore {
  const cache = new WeakMap<Sqlite, ReturnType<typeof statements>>()
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
  const run = <T>(work: (s: ReturnType<typeof statements>, db: Sqlite) => T) =>
    withSqlite((db) => {
      let s = cache.get(db)
      if (!s) cache.set(db, (s = statements(db)))
      return work(s, db)
    })

  return {
    config: (userId) => run((s) => readConfig(s, userId)),

    dueCandidates: (userId, { now, dueUntil, take }) =>
      run((s) =>
        (s.due.all({ userId, now: now.getTime(), ahead: dueUntil.getTime(), take }) as { cardId: string; claimId: string; due: number; state: number; version: number }[]).map((r) => ({
          ...r,
          due: new Date(r.due),
        })),
      ),

    newCandidates: (userId, { take, today }) =>
      run((s) => {
        let fresh: NewCandidate[] = []
        if (take > 0) {
          fresh = s.fresh.all({ userId, from: firstUnseen.get(userId) ?? 0, take }) as NewCandidate[]
          // Every live card before the first one returned has a state: the next search can start there.
          if (fresh.length > 0) rememberFirstUnseen(userId, fresh[0]!.position)
        }
        return { fresh, introduced: (s.introduced.get(userId, today) as { n: number }).n }
      }),

    counts: (userId, { now, endOfDay, today }) =>
      run((s) => {
        const due = s.dueCounts.get(now.getTime(), userId, endOfDay.getTime()) as { learning: number; review: number }
        const next = (s.nextDue.get(userId) as { due: number | null }).due
        return {
          learning: due.learning,
          review: due.review,
          unseen: (s.unseen.get(userId) as { n: number }).n,
          introduced: (s.introduced.get(userId, today) as { n: number }).n,
          nextDue: next === null ? null : new Date(next),
        }
      }),

    displayCards: (userId, cardIds) =>
      run((s) => {
        const ids = JSON.stringify(cardIds)
        return {
          cards: s.display.all(ids) as DisplayCardRow[],
          states: (s.states.all(userId, ids) as RawState[]).map((r) => toState(r)!),
        }
      }),

    grade: (userId, input, now, decide) =>
      run((s, db) =>
        db
          .transaction((): GradeResult => {
            const log = s.logById.get(input.reviewId) as { userId: string; cardId: string; rating: number } | undefined
            if (log) {
              if (log.userId !== userId || log.cardId !== input.cardId || log.rating !== input.rating) return { kind: 'conflict', message: REUSED_REVIEW_ID }
              return { kind: 'graded', replayed: true, state: stateView(toState(s.state.get(userId, input.cardId) as RawState))! }
            }
            const card = s.cardRetired.get(input.cardId) as { retired: number } | undefined
            if (!card || card.retired) return { kind: 'not-found' }
            const before = toState(s.state.get(userId, input.cardId) as RawState | undefined)
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
          })
          .immediate(),
      ),
  }
}
