/**
 * Restore (issue #36): an account file (lib/core/account-file.ts), already validated, loaded into the signed-in
 * person's account in one transaction, by inserting only — ids, dates and the log's order kept — or refused with
 * nothing written. The rules, in the order they are checked:
 *
 * 1. Every card and claim the file names must be on this server (the first one missing is named, with where).
 * 2. An account with progress (a state, a log entry, a talk or a quiz) takes no file: its history cannot be merged
 *    with another. Unless the account already holds everything the file holds — this file restored before: then the
 *    answer is "already restored" and nothing is written.
 * 3. A log entry, quiz or talk id of the file that exists on this server (in another account: this one has none)
 *    refuses the file, without saying whose.
 * 4. Then every row is inserted, and the settings row is written from the file: the one row a restore may change,
 *    because signing up made it already (with the defaults). Its epoch goes up, so every server's study caches drop
 *    what they keep for the person (./study-cache.ts). The reading place, when the file has one, is written the same
 *    way (created, or overwritten: a new account may have read before restoring).
 *
 * A preview runs the same checks without writing (`write: false`). Generators of ./account-restore-sql.ts's statements
 * (decision 0007): one implementation on SQLite and PostgreSQL.
 */
import { all, asBool, get, run, type Executor, type Param, type Work } from '../db/sql'
import { hasProgress, jsonPath, type AccountFile } from '../core/account-file'
import { DEFAULT_INTERFACE_LANGUAGE, DEFAULT_SETTINGS, userSettingsSchema } from '../core/settings'
import * as Q from './account-restore-sql'
import { KEEP_PLACE, PLACE } from './reading-sql'

export type RestoreCheck =
  | { kind: 'ready' }
  | { kind: 'already-restored' }
  | { kind: 'unknown-card'; where: string; id: string }
  | { kind: 'has-progress' }
  | { kind: 'ids-exist'; where: string }

export type RestoreResult = RestoreCheck | { kind: 'restored' }

/** The settings columns a restore writes: every setting of lib/core/settings.ts, the weights and "study more". */
const SETTINGS_COLUMNS = [...Object.keys(userSettingsSchema.shape), 'fsrsParameters', 'studyMoreDay', 'studyMoreNew', 'studyMoreAhead'] as const
const UPSERT_SETTINGS = Q.settingsUpsert(SETTINGS_COLUMNS)
const SETTINGS_ROW = Q.settingsRow(SETTINGS_COLUMNS)

/** The file's settings as the row's columns: each setting the file lacks at its default. */
function settingsValues(file: AccountFile): Param[] {
  const s = file.settings
  const full: Record<string, unknown> = {
    ...DEFAULT_SETTINGS,
    interfaceLanguage: DEFAULT_INTERFACE_LANGUAGE,
    studyMoreDay: -1,
    studyMoreNew: 0,
    studyMoreAhead: 0,
    ...Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)),
  }
  full.fsrsParameters = s.fsrsParameters ? JSON.stringify(s.fsrsParameters) : null
  return SETTINGS_COLUMNS.map((c) => full[c] as Param)
}

function* idsTaken(userId: string, table: keyof typeof Q.TAKEN, ids: readonly string[]): Work<{ mine: Set<string>; others: Set<string> }> {
  const mine = new Set<string>()
  const others = new Set<string>()
  for (let i = 0; i < ids.length; i += Q.IDS_AT_ONCE) {
    const chunk = ids.slice(i, i + Q.IDS_AT_ONCE)
    for (const row of yield* all(Q.TAKEN[table](chunk.length), chunk)) (row.userId === userId ? mine : others).add(row.id)
  }
  return { mine, others }
}

/** The first card or claim of the file this server does not have, with where the file names it. */
function* unknownCard(file: AccountFile): Work<{ where: string; id: string } | null> {
  const cards = new Set((yield* all(Q.CARD_IDS, [])).map((r) => r.id))
  const claims = new Set((yield* all(Q.CLAIM_IDS, [])).map((r) => r.id))
  const named: [readonly (string | number)[], string, Set<string>][] = [
    ...file.cardStates.map((s, i) => [['cardStates', i, 'cardId'], s.cardId, cards] as [(string | number)[], string, Set<string>]),
    ...file.reviewLogs.map((l, i) => [['reviewLogs', i, 'cardId'], l.cardId, cards] as [(string | number)[], string, Set<string>]),
    ...file.claimsLearned.map((c, i) => [['claimsLearned', i, 'claimId'], c.claimId, claims] as [(string | number)[], string, Set<string>]),
    ...file.quizzes.flatMap((q, i) => [
      ...q.cardIds.map((id, j) => [['quizzes', i, 'cardIds', j], id, cards] as [(string | number)[], string, Set<string>]),
      ...q.answers.map((a, j) => [['quizzes', i, 'answers', j, 'cardId'], a.cardId, cards] as [(string | number)[], string, Set<string>]),
    ]),
  ]
  for (const [path, id, known] of named) if (!known.has(id)) return { where: jsonPath(path), id }
  return null
}

/** Whether this account already holds everything the file holds (the file was restored here before). */
function* alreadyHeld(userId: string, file: AccountFile): Work<boolean> {
  if (!hasProgress(file)) {
    const row = yield* get(SETTINGS_ROW, [userId])
    if (!row) return false
    const wanted = settingsValues(file)
    const sameSettings = SETTINGS_COLUMNS.every((c, i) => {
      const stored = row[c]
      const want = wanted[i]
      return typeof want === 'boolean' ? asBool(stored) === want : stored === want
    })
    if (!sameSettings || !file.reading) return sameSettings
    // A file without progress but with a reading place holds it too (with progress, the place may since have moved on).
    const place = yield* get(PLACE, [userId])
    return place?.deckId === file.reading.deckId && place.sectionId === file.reading.sectionId && Number(place.passage) === file.reading.passage
  }
  for (const [table, ids] of [['ReviewLog', file.reviewLogs.map((l) => l.id)], ['Quiz', file.quizzes.map((q) => q.id)], ['Talk', file.talks.map((t) => t.id)]] as const) {
    const { mine } = yield* idsTaken(userId, table, ids)
    if (mine.size !== ids.length) return false
  }
  const cardIds = file.cardStates.map((s) => s.cardId)
  for (let i = 0; i < cardIds.length; i += Q.IDS_AT_ONCE) {
    const chunk = cardIds.slice(i, i + Q.IDS_AT_ONCE)
    if ((yield* all(Q.STATES_OF(chunk.length), [userId, ...chunk])).length !== chunk.length) return false
  }
  return true
}

/** The checks above, in order; the first that refuses the file answers. */
export function* checkRestoreWork(userId: string, file: AccountFile): Work<RestoreCheck> {
  const unknown = yield* unknownCard(file)
  if (unknown) return { kind: 'unknown-card', ...unknown }
  const progress = (yield* get(Q.ANY_PROGRESS, [userId, userId, userId, userId])) !== undefined
  if (progress || !hasProgress(file)) {
    if (yield* alreadyHeld(userId, file)) return { kind: 'already-restored' }
    if (progress) return { kind: 'has-progress' }
  }
  const sections = [['reviewLogs', 'ReviewLog', file.reviewLogs], ['quizzes', 'Quiz', file.quizzes], ['talks', 'Talk', file.talks]] as const
  for (const [section, table, rows] of sections) {
    const { others } = yield* idsTaken(userId, table, rows.map((r) => r.id))
    const at = rows.findIndex((r) => others.has(r.id))
    if (at >= 0) return { kind: 'ids-exist', where: jsonPath([section, at, 'id']) }
  }
  return { kind: 'ready' }
}

function* insertAll(table: Q.Table, rows: readonly Param[][]): Work<void> {
  const size = Q.rowsAtOnce(table)
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size)
    yield* run(Q.insertRows(table, chunk.length), chunk.flat())
  }
}

/** Every row of the file, into the person's account (the checks passed, in the same transaction). */
function* insertWork(userId: string, file: AccountFile, now: Date): Work<void> {
  const T = Q.TABLES
  yield* run(UPSERT_SETTINGS, [userId, ...settingsValues(file), now])
  if (file.reading) yield* run(KEEP_PLACE, [userId, file.reading.deckId, file.reading.sectionId, file.reading.passage, file.reading.updatedAt])
  yield* insertAll(T.CardState, file.cardStates.map((s) => [userId, s.cardId, s.due, s.stability, s.difficulty, s.elapsedDays, s.scheduledDays, s.learningSteps, s.reps, s.lapses, s.state, s.lastReview, s.version, s.updatedAt, s.suspended, s.leech]))
  yield* insertAll(T.ReviewLog, file.reviewLogs.map((l) => [
    l.id, userId, l.cardId, l.kind, l.rating, l.state, l.due, l.stability, l.difficulty, l.elapsedDays, l.lastElapsedDays, l.scheduledDays,
    l.learningSteps, l.review, l.studyDay, l.durationMs, l.undone, JSON.stringify(l.stateBefore), l.versionAfter, l.createdAt, l.sequence,
  ]))
  yield* insertAll(T.ClaimProgress, file.claimsLearned.map((c) => [userId, c.claimId, c.learnedAt, c.learnedByReviewId]))
  yield* insertAll(T.Talk, file.talks.map((t) => [t.id, userId, t.title, t.date, JSON.stringify(t.sections), JSON.stringify(t.tags), t.minutesPerDay, t.createdAt]))
  yield* insertAll(T.Quiz, file.quizzes.map((q) => [q.id, userId, JSON.stringify(q.options), JSON.stringify(q.cardIds), q.cardCount, q.position, q.countAsReviews, q.startedAt, q.finishedAt, q.talkId]))
  yield* insertAll(T.QuizAnswer, file.quizzes.flatMap((q) => q.answers.map((a) => [q.id, a.position, a.cardId, a.reviewId, a.rating, a.answeredAt])))
}

/** A unique index refused a row: a restore of the same file (or of its ids) committed meanwhile (PostgreSQL). */
const uniqueViolation = (err: unknown) => {
  const { code } = err as { code?: unknown }
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export function createAccountRestore(exec: Executor) {
  return {
    /** What restoring `file` would answer now, writing nothing (the preview). */
    check: (userId: string, file: AccountFile): Promise<RestoreCheck> => exec.read(() => checkRestoreWork(userId, file)),

    /** Restores `file` into the person's account, or answers why not; all of it or nothing. */
    async restore(userId: string, file: AccountFile, now: Date): Promise<RestoreResult> {
      const attempt = () =>
        exec.write(function* (): Work<RestoreResult> {
          const check = yield* checkRestoreWork(userId, file)
          if (check.kind !== 'ready') return check
          yield* insertWork(userId, file, now)
          return { kind: 'restored' }
        })
      try {
        return await attempt()
      } catch (err) {
        // Two restores at once on PostgreSQL: the second to commit meets the first's rows; checked again, it sees them.
        if (!uniqueViolation(err)) throw err
        return attempt()
      }
    },
  }
}

export type AccountRestore = ReturnType<typeof createAccountRestore>
