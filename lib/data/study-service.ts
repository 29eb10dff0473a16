/**
 * The study use cases: today's queue, the home page's counts, grading, undo, the manual changes, "study more". Each
 * is written once, as a generator of the statements in ./study-sql.ts, and runs on SQLite or PostgreSQL through the
 * database's executor (lib/db/sql.ts, decision 0007). "Now" comes in as an argument; every decision is the pure
 * core's. What every service reads first (the config, today, a card's state) is ./study-context.ts; what a server
 * keeps between requests, and when it drops it, is ./study-cache.ts. `gradeWork` is exported as a unit of work so
 * that another use case (the quiz's counted answer) grades inside its own transaction.
 */
import { asBool, asDate, asDateOrNull, all, get, run, type Executor, type Work } from '../db/sql'
import { allowance, buildQueue, buriedToday, LEARN_AHEAD_MS, queueCounts, todaysPicks, type DayLogEntry, type DueCandidate, type NewCandidate, type QueueCounts, type QueueInput } from '../core/queue'
import { applyAnswer, cardButtons, fuzzSeed, limitedToday, overLimit } from '../core/answer'
import { OFFLINE_PACK_MAX_BYTES, type OfflineCard, type OfflinePack } from '../core/offline-day'
import { MINUTE_MS, startOfStudyDay, studyDay } from '../core/study-day'
import { CardStateKind, neverSeenState, stateName, stateView, type CardStateView, type StateRow } from '../core/card-state'
import { snapshotOf, stateFromSnapshot } from '../core/state-snapshot'
import type { GradeRequest } from '../core/review-input'
import { LOG_ONLY_KINDS, type ManualKind } from '../core/log-kinds'
import * as Q from './study-sql'
import {
  cappedDurationMs,
  cardView,
  context,
  currentState,
  readConfig,
  keepAnsweredDayFacts,
  readDayFacts,
  readKnownDayFacts,
  REUSED_REVIEW_ID,
  ReviewIdTaken,
  todayOf,
  type DayFactsMemory,
  type KnownDayFacts,
  type StudyCard,
  type UserStudyConfig,
} from './study-context'
import { createStudyCache, forgetUserWork, type StudyCache } from './study-cache'
import { noteClaimLearnedWork } from './claim-progress'
import { daySummaryWork, type DaySummary } from './day-summary'
import { plannedTodayWork } from './talk-service'

export type GradeInput = GradeRequest

export type GradeResult =
  /** `leech`: this answer made the card a leech, and suspended it. */
  | { kind: 'graded'; replayed: boolean; state: CardStateView; leech?: boolean }
  | { kind: 'not-found' }
  | { kind: 'stale'; current: CardStateView | null }
  | { kind: 'conflict'; message: string }
  /** The review id was undone: a late retry of it is not applied again. */
  | { kind: 'undone'; state: CardStateView | null }
  /** The answer's time is before the card's current version, or after the server's now plus the clock skew allowed. */
  | { kind: 'bad-time'; message: string }
  /** The buttons were computed for another study day than the answer's: answer again with these. */
  | { kind: 'day-changed'; card: StudyCard | null }
  /** The interval the pressed button showed is not the one the answer would apply (a step now ends in the next study day): answer again with these. */
  | { kind: 'interval-changed'; card: StudyCard | null }
  /** Today's limit of new cards (or reviews) is used up: the card waits for another day. */
  | { kind: 'limit-reached' }

/** What today's queue gives, by kind (lib/core/queue.ts, queueCounts), and reviews the day's limit holds back. */
export type TodayCounts = QueueCounts & {
  nextDueAt: string | null
  /** When the next study day starts (the screen refreshes its buttons then). */
  dayEndsAt: string
  /** The study day these counts are of. */
  day: number
}

/** A grade's result, with the config it was decided on and the answer's own time. */
export type Graded = {
  result: GradeResult
  config: UserStudyConfig
  at: Date
  /** With the server's memory: the day's facts this answer was checked against, and its log entry (see keepAnsweredDayFacts). */
  dayEntry?: { base: KnownDayFacts; entry: DayLogEntry & { id: string; review: Date }; sequence: number }
}

export type GradeOutcome = GradeResult & { next?: StudyCard[] }

/** What undo would take back next: the newest answer or manual change of the study day. */
export type UndoTarget = { id: string; kind: string; cardId: string } | null

export type UndoResult =
  /** `card`: the card as it is again, to be shown; `next`: what a further undo would take back. */
  | { kind: 'undone'; undoneId: string; card: StudyCard | null; next: UndoTarget }
  | { kind: 'nothing' }
  | { kind: 'conflict'; message: string }

export type ManualInput = { id: string; cardId: string; version: number }
export type ManualResult =
  | { kind: 'done'; replayed: boolean; state: CardStateView | null }
  | { kind: 'not-found' }
  | { kind: 'stale'; current: CardStateView | null }
  | { kind: 'conflict'; message: string }
  /** Resume of a card that is not suspended, bury of a suspended one, unbury of one not buried, reset of a new one. */
  | { kind: 'no-change'; state: CardStateView | null }

export { fuzzSeed }

/** The clock skew allowed between the review screen and the server: an answer "from the future" up to this is now. */
export const CLOCK_SKEW_MS = 5 * MINUTE_MS

// ---------- The use cases' bodies (one implementation, both engines) ----------

/** A known review id: the stored answer (a replay) if it is this user's same answer, else a conflict. */
function* replayOf(userId: string, input: GradeInput): Work<GradeResult | null> {
  const log = yield* get(Q.LOG_BY_ID, [input.reviewId])
  if (!log) return null
  if (log.userId !== userId || log.cardId !== input.cardId || log.rating !== input.rating || log.kind !== 'review') return { kind: 'conflict', message: REUSED_REVIEW_ID }
  if (asBool(log.undone)) return { kind: 'undone', state: stateView(yield* currentState(userId, input.cardId)) }
  return { kind: 'graded', replayed: true, state: stateView(yield* currentState(userId, input.cardId))! }
}

/**
 * One answer, in one transaction, top to bottom (as Anki's answer_card_inner): a known review id answers its stored
 * result; a missing or retired card is not-found; an answer to a version other than the current one is stale; else
 * the core computes the next state, and the state (version + 1) and the log are written. On PostgreSQL two servers
 * may answer the same card at once: the state write is conditional on the version (or on there being no state yet),
 * so the second changes nothing and is told apart as a replay or stale, as on SQLite where the gate orders them.
 *
 * A unit of work, to run inside the caller's write (a counted quiz answer records itself in the same transaction).
 * It throws ReviewIdTaken when the log's review id belongs to another answer: the caller's whole write is undone.
 * With `memory` (the server's, ./study-cache.ts) the day's facts are read through it, and the answer's log entry is
 * returned for the caller to keep in it once the transaction committed (keepAnsweredDayFacts).
 */
export function* gradeWork(userId: string, input: GradeInput, now: Date, memory?: DayFactsMemory): Work<Graded> {
  const config = yield* readConfig(userId)
  const replay = yield* replayOf(userId, input)
  if (replay) return { result: replay, config, at: now }

  const card = yield* get(Q.CARD_AND_STATE, [userId, input.cardId])
  if (!card || asBool(card.retired)) return { result: { kind: 'not-found' }, config, at: now }
  const before = card.cardId === null ? null : Q.stateFromRow(card)
  const currentVersion = before?.version ?? 0
  if (currentVersion !== input.version) {
    // On PostgreSQL the same answer, sent twice at once, may have committed between the replay check and this read.
    return { result: (yield* replayOf(userId, input)) ?? { kind: 'stale', current: stateView(before) }, config, at: now }
  }

  // The answer's own time: scheduled and logged then, not when (a retry of) it arrives.
  const answered = answerTime(input, before ? asDate(card.updatedAt) : null, now)
  if (typeof answered === 'string') return { result: { kind: 'bad-time', message: answered }, config, at: now }
  const at = answered
  const { timeZone, rolloverHour } = config.settings
  const day = todayOf(config, at)
  if (input.day !== undefined && input.day !== day) return { result: { kind: 'day-changed', card: null }, config, at }

  // The day's limits hold for every tab and server: a new card (or review) over them is not begun today.
  // Through the server's memory the facts are read for every answer (mostly without the day's rows), so that they
  // can be kept with this one for the next cards.
  const endOfDay = startOfStudyDay(day + 1, timeZone, rolloverHour)
  const known = memory ? yield* readKnownDayFacts(userId, day, endOfDay, memory) : undefined
  if (limitedToday(before, config, day) && overLimit(before, config, day, known?.facts ?? (yield* readDayFacts(userId, day, endOfDay)))) {
    return { result: { kind: 'limit-reached' }, config, at }
  }

  const { outcome, after, leech } = applyAnswer(before, input, config, at, userId)
  // Never applied differently from what its button said.
  if (input.interval !== undefined && input.interval !== outcome.label) return { result: { kind: 'interval-changed', card: null }, config, at }
  // The version is dated at the answer's own time, not its arrival: the next answer to it must not be earlier
  // (answerTime), and answers given offline arrive later, one after another (docs/decisions/0021-offline-review.md).
  const written = before
    ? yield* run(Q.UPDATE_STATE, [...Q.stateWriteParams(after, at), userId, input.cardId, currentVersion])
    : yield* run(Q.INSERT_STATE, [userId, input.cardId, ...Q.stateWriteParams(after, at)])
  if (written !== 1) {
    // Another transaction changed this card first: the same answer sent twice (a replay), or another answer.
    const result = (yield* replayOf(userId, input)) ?? { kind: 'stale', current: stateView(yield* currentState(userId, input.cardId)) }
    return { result, config, at }
  }

  const logged = yield* get(Q.INSERT_LOG_NUMBERED, Q.logParams({
    id: input.reviewId,
    userId,
    cardId: input.cardId,
    kind: 'review',
    rating: input.rating,
    ...outcome.log,
    review: at,
    studyDay: day,
    durationMs: cappedDurationMs(input.durationMs),
    undone: false,
    stateBefore: snapshotOf(before),
    versionAfter: after.version,
    createdAt: now,
  }))
  if (!logged) throw new ReviewIdTaken()
  yield* noteClaimLearnedWork(userId, after, input.reviewId, config, at)
  // Kept by the caller once committed: the next cards' read then finds the day's facts with this answer in them. Not
  // when a deck load committed after the config was read: the card's claim, read since, may be the load's or not.
  const dayEntry = known && known.print.decksLoadedAtMs === config.decksLoadedAtMs ? {
    base: known,
    entry: { id: input.reviewId, cardId: input.cardId, claimId: card.claimId, kind: 'review', state: outcome.log.state, due: outcome.log.due, scheduledDays: outcome.log.scheduledDays, review: at },
    sequence: Number(logged.sequence),
  } : undefined
  return { result: { kind: 'graded', replayed: false, state: stateView(after, outcome.label)!, ...(leech ? { leech: true } : {}) }, config, at, dayEntry }
}

/**
 * When an answer counts as given: its `answeredAt`, kept between the moment the card's current version was written
 * and the server's now. Up to CLOCK_SKEW_MS outside that range it is taken as the range's end (clocks differ); beyond,
 * the message says why it is refused. Without `answeredAt` (an older client), now.
 */
export function answerTime(input: Pick<GradeInput, 'answeredAt'>, versionWrittenAt: Date | null, now: Date): Date | string {
  if (input.answeredAt === undefined) return now
  const t = new Date(input.answeredAt).getTime()
  if (t > now.getTime() + CLOCK_SKEW_MS) return `answeredAt is more than ${CLOCK_SKEW_MS / MINUTE_MS} minutes after the server's time (${now.toISOString()}).`
  if (versionWrittenAt && t < versionWrittenAt.getTime() - CLOCK_SKEW_MS) {
    return `answeredAt is before this version of the card was written (${versionWrittenAt.toISOString()}).`
  }
  return new Date(Math.min(now.getTime(), Math.max(t, versionWrittenAt?.getTime() ?? t)))
}

/**
 * Today's counts: what the queue gives today, by the core's one definition (queueCounts over the candidates the queue
 * reads, all of them), so the home page, the review bar and the finish line never count a card the queue will not
 * give. The next card due is the first that is not counted now: a learning card past the learn-ahead time, a card of
 * a later study day, or, when the limit (`heldBack`) or a bury holds back a card due today, the next study day's start.
 */
function* countsWork(cache: StudyCache, userId: string, config: UserStudyConfig, now: Date): Work<TodayCounts> {
  const { input } = yield* candidatesWork(cache, userId, config, now, 'all')
  const counts = queueCounts(input)
  const endOfDay = input.endOfDay
  const learnedAfter = new Date(Math.min(now.getTime() + LEARN_AHEAD_MS, endOfDay.getTime() - 1))
  const next = (yield* get(Q.NEXT_DUE, [userId, endOfDay, userId, learnedAfter, userId, endOfDay, userId, learnedAfter]))!
  // Cards due today that the review limit or a bury holds back come back when the next study day starts.
  const buried = (c: DueCandidate) => c.due < endOfDay && buriedToday(c, input, input.burySiblings) !== null && !input.planned?.has(c.cardId)
  const waiting = counts.heldBack > 0 || input.due.some(buried)
  const nextDue = asDateOrNull(next.due)
  return {
    ...counts,
    nextDueAt: (waiting && (!nextDue || nextDue > endOfDay) ? endOfDay : nextDue)?.toISOString() ?? null,
    dayEndsAt: endOfDay.toISOString(),
    day: todayOf(config, now),
  }
}

function* undoTargetWork(userId: string, config: UserStudyConfig, now: Date): Work<UndoTarget> {
  const row = yield* get(Q.UNDO_TARGET, [userId, todayOf(config, now)])
  return row ? { id: row.id, kind: row.kind, cardId: row.cardId } : null
}

export const UNDO_CHANGED = 'This card changed after that answer (on another device?); it cannot be undone.'
export const UNDO_NOT_NEWEST = 'That is not the newest answer of today; undo the ones after it first.'

/**
 * Takes back the study day's newest answer or manual change (`expectId`, if given, must be it: a retried undo then
 * takes back nothing more). The card is put back exactly as the log's snapshot kept it (with a new version, so no
 * screen's copy is mistaken for it); a card that had never been seen goes back to never seen. What that answer
 * caused goes with it: its siblings' burying and the day's counts are read from the log, which now marks it undone;
 * a leech suspension was part of the state it replaced; a claim's "learned before" flag it set is removed. Returns the card's id and whether its state went.
 */
function* undoWork(userId: string, now: Date, expectId: string | undefined): Work<{ result: Exclude<UndoResult, { kind: 'undone' }> | { kind: 'undone'; undoneId: string; cardId: string; forgot: boolean }; config: UserStudyConfig }> {
  const config = yield* readConfig(userId)
  const target = yield* get(Q.UNDO_TARGET, [userId, todayOf(config, now)])
  if (expectId !== undefined && target?.id !== expectId) {
    const log = yield* get(Q.LOG_BY_ID, [expectId])
    // Undone already (a retry of this undo): nothing more is taken back.
    if (log && log.userId === userId && asBool(log.undone)) return { result: { kind: 'nothing' }, config }
    return { result: target ? { kind: 'conflict', message: UNDO_NOT_NEWEST } : { kind: 'nothing' }, config }
  }
  if (!target) return { result: { kind: 'nothing' }, config }
  let forgot = false
  if (!(LOG_ONLY_KINDS as readonly string[]).includes(target.kind)) {
    // A bury changed no state (it is read from the log). Every other kind wrote the version it names; any later
    // change of the card today would be a newer entry (and undone already, its version bumped), so a version older
    // than that one means the card was put back in another way.
    const current = yield* currentState(userId, target.cardId)
    const version = current?.version ?? 0
    if (version < target.versionAfter) return { result: { kind: 'conflict', message: UNDO_CHANGED }, config }
    const before = stateFromSnapshot(target.stateBefore)
    if (!before) {
      yield* dropStateWork(userId, target.cardId, version, now)
      forgot = true
    } else {
      // The state as the snapshot kept it, with a new version: no screen's copy of a later state is taken for it
      // (after a reset the card had no state, so the new version is counted on from the snapshot's).
      const restored: StateRow = { ...before, version: Math.max(version, before.version) + 1 }
      if (current) yield* run(Q.UPDATE_STATE, [...Q.stateWriteParams(restored, now), userId, target.cardId, version])
      else yield* run(Q.INSERT_STATE, [userId, target.cardId, ...Q.stateWriteParams(restored, now)])
    }
  }
  // The answer that first made its claim learned took that "learned before" flag with it.
  if (target.kind === 'review') yield* run(Q.DELETE_CLAIM_LEARNED_BY, [userId, target.id])
  yield* run(Q.MARK_UNDONE, [target.id, userId])
  return { result: { kind: 'undone', undoneId: target.id, cardId: target.cardId, forgot }, config }
}

/**
 * Bury (until the next study day), suspend (until resumed), resume, unbury or reset a card to new, once per `id` (the
 * screen's own, as a review id), checked against the version shown, and logged with its own kind so that undo can
 * take it back and the statistics and the optimizer can leave it out. A never-seen card suspended gets a state of its
 * own (new, suspended), which resume removes again. Bury and unbury change no state: the day's log says which cards
 * are buried (lib/core/queue.ts, buriedToday), so an unbury lifts a manual bury or a sibling burial for today.
 * Reset takes the state away, as undo of a first answer does: the card is never seen again, a new card that counts
 * against the day's new-card limit when it is begun again; its schedule, lapses, leech mark and suspension go, and
 * the log's snapshot keeps them for undo.
 */
function* manualWork(userId: string, kind: ManualKind, input: ManualInput, now: Date): Work<{ result: ManualResult; forgot: boolean }> {
  const config = yield* readConfig(userId)
  const known = yield* get(Q.LOG_BY_ID, [input.id])
  if (known) {
    const same = known.userId === userId && known.cardId === input.cardId && known.kind === kind
    return { result: same ? { kind: 'done', replayed: true, state: stateView(yield* currentState(userId, input.cardId)) } : { kind: 'conflict', message: REUSED_REVIEW_ID }, forgot: false }
  }
  const card = yield* get(Q.CARD_AND_STATE, [userId, input.cardId])
  if (!card || asBool(card.retired)) return { result: { kind: 'not-found' }, forgot: false }
  const before = card.cardId === null ? null : Q.stateFromRow(card)
  const version = before?.version ?? 0
  if (version !== input.version) return { result: { kind: 'stale', current: stateView(before) }, forgot: false }
  const unchanged = { result: { kind: 'no-change' as const, state: stateView(before) }, forgot: false }
  if (kind === 'unbury' || kind === 'reset') {
    if (kind === 'reset' && !before) return unchanged
    if (kind === 'unbury') {
      const { timeZone, rolloverHour, burySiblings } = config.settings
      const today = todayOf(config, now)
      const facts = yield* readDayFacts(userId, today, startOfStudyDay(today + 1, timeZone, rolloverHour))
      if (!buriedToday({ cardId: input.cardId, claimId: card.claimId, state: before?.state ?? CardStateKind.New }, facts, burySiblings)) return unchanged
    }
  } else if ((kind === 'resume') !== (before?.suspended ?? false)) return unchanged

  let after: StateRow | null = before
  let forgot = false
  if (kind === 'reset') {
    yield* dropStateWork(userId, input.cardId, version, now)
    after = null
    forgot = true
  } else if (kind === 'suspend') {
    after = { ...(before ?? neverSeenState(input.cardId, now)), suspended: true, version: version + 1 }
    if (before) yield* run(Q.UPDATE_STATE, [...Q.stateWriteParams(after, now), userId, input.cardId, version])
    else yield* run(Q.INSERT_STATE, [userId, input.cardId, ...Q.stateWriteParams(after, now)])
  } else if (kind === 'resume') {
    if (before!.state === CardStateKind.New && before!.reps === 0) {
      // Suspended before it was ever seen: back to never seen, a new card again.
      yield* dropStateWork(userId, input.cardId, version, now)
      after = null
      forgot = true
    } else {
      after = { ...before!, suspended: false, version: version + 1 }
      yield* run(Q.UPDATE_STATE, [...Q.stateWriteParams(after, now), userId, input.cardId, version])
    }
  }
  const logged = yield* run(Q.INSERT_LOG, Q.logParams({
    id: input.id,
    userId,
    cardId: input.cardId,
    kind,
    rating: 0,
    ...Q.unchangedLogFields(before ?? neverSeenState(input.cardId, now)),
    elapsedDays: 0,
    review: now,
    studyDay: todayOf(config, now),
    durationMs: 0,
    undone: false,
    stateBefore: snapshotOf(before),
    versionAfter: after?.version ?? 0,
    createdAt: now,
  }))
  if (logged !== 1) throw new ReviewIdTaken()
  return { result: { kind: 'done', replayed: false, state: stateView(after) }, forgot }
}

/** How many due reviews the queue reads at first, to sort them by relative overdueness (docs/performance.md). */
export const REVIEW_WINDOW = 200

/** Rows read `take` at a time, twice as many each time, until `enough` says so or there are no more. */
function* widening<R>(read: (take: number) => Work<R[]>, firstTake: number, enough: (rows: R[]) => boolean): Work<R[]> {
  for (let take = Math.min(Math.max(1, firstTake), Q.MAX_TAKE); ; take = Math.min(take * 2, Q.MAX_TAKE)) {
    const rows = yield* read(take)
    if (rows.length < take || take >= Q.MAX_TAKE || enough(rows)) return rows
  }
}

/**
 * The queue's candidates for its first `want` cards, or for all of today's ('all': the counts), with every due
 * candidate read (their versions). Buried siblings and cards of claims answered today are among the rows read, so a
 * window of reviews or new cards is read again twice as wide while the core's picks of it fall short of what the day
 * allows: buried siblings never starve the day's limits.
 */
function* candidatesWork(cache: StudyCache, userId: string, config: UserStudyConfig, now: Date, want: number | 'all'): Work<{ input: QueueInput; due: DueCandidate[] }> {
  cache.noteDecks(config)
  const { timeZone, rolloverHour, burySiblings, newCardOrder } = config.settings
  const today = todayOf(config, now)
  const endOfDay = startOfStudyDay(today + 1, timeZone, rolloverHour)
  const ahead = new Date(now.getTime() + LEARN_AHEAD_MS)
  const { facts } = yield* readKnownDayFacts(userId, today, endOfDay, cache.dayFacts)
  const left = allowance(config.settings, config.studyMore, today, facts)
  const everything = want === 'all'
  const limit = everything ? Q.MAX_TAKE : want
  const toCandidate = (r: Q.DueRow): DueCandidate => ({ ...r, due: asDate(r.due) })
  const due = (yield* all(Q.DUE_LEARNING(limit), [userId, ahead, userId, ahead])).map(toCandidate)
  // Interday learning cards take the review limit first: the queue shows at most that many (and cards buried by hand
  // are among the rows); the counts read them all (how many the limit holds back).
  const interdayTake = everything ? Q.MAX_TAKE : Math.min(Math.min(left.reviewsAllowed, limit) + facts.buried.size, Q.MAX_TAKE)
  if (interdayTake > 0) due.push(...(yield* all(Q.DUE_INTERDAY_LEARNING(interdayTake), [userId, endOfDay, userId, endOfDay])).map(toCandidate))
  // A talk's planned cards for today: seen ones not yet answered today join the candidates whatever their due
  // date; new ones go to the front of the new cards (buildQueue puts both first and does not bury them).
  const planned = new Set(yield* plannedTodayWork(userId, config, now))
  let plannedFresh: NewCandidate[] = []
  if (planned.size > 0) {
    const ids = [...planned]
    const seen = (yield* all(Q.PLANNED_DUE(ids.length), [userId, ...ids])).filter((r) => {
      const last = asDateOrNull(r.lastReview)
      return !last || studyDay(last, timeZone, rolloverHour) < today
    })
    const listed = new Set(due.map((c) => c.cardId))
    for (const r of seen) if (!listed.has(r.cardId)) due.push(toCandidate(r))
    plannedFresh = yield* all(Q.PLANNED_FRESH(ids.length), [userId, ...ids])
  }
  const input: QueueInput = { now, endOfDay, due, fresh: plannedFresh, ...left, burySiblings, answeredClaims: facts.answeredClaims, lastClaimId: facts.lastClaimId, buried: facts.buried, unburied: facts.unburied, planned, limit }
  const unplanned = (cards: { cardId: string }[]) => cards.filter((c) => !planned.has(c.cardId)).length

  // Reviews beyond the day's maximum are never shown (the counts read them all: how many the limit holds back). The
  // queue ranks the REVIEW_WINDOW most overdue by date (docs/decisions/0011-daily-queue.md), however few it lists or
  // the day allows; the counts rank the same window.
  const reviewNeed = Math.min(left.reviewsAllowed, limit)
  if (everything || reviewNeed > 0) {
    const firstTake = everything ? Q.MAX_TAKE : REVIEW_WINDOW
    const read = function* (take: number) {
      return (yield* all(Q.DUE_REVIEWS(take), [userId, endOfDay])).map(toCandidate)
    }
    const reviews = yield* widening(read, firstTake, (rows) => {
      const p = todaysPicks({ ...input, due: [...due, ...rows] })
      return p.interdayLearning.length + unplanned(p.reviews) >= reviewNeed
    })
    const listed = new Set(due.map((c) => c.cardId))
    for (const r of reviews) if (!listed.has(r.cardId)) due.push(r)
    input.reviewWindow = everything ? REVIEW_WINDOW : reviews.length
  }

  // New cards come after every card due now: when those fill the queue, there is no need to look for new ones.
  const picked = todaysPicks(input)
  const dueNow = picked.learningNow.length + picked.interdayLearning.length + unplanned(picked.reviews)
  const freshNeed = everything ? left.newAllowed : dueNow >= limit ? 0 : Math.min(left.newAllowed, limit)
  if (freshNeed > 0) {
    const from = cache.firstUnseenFrom(userId, config.epoch)
    const read = function* (take: number) {
      return yield* all((newCardOrder === 'core-first' ? Q.FRESH_CORE_FIRST : Q.FRESH)(take), [from, userId])
    }
    const withPlanned = (rows: NewCandidate[]) => [...plannedFresh, ...rows.filter((c) => !planned.has(c.cardId))]
    const fresh = yield* widening(read, freshNeed * 4 + facts.answeredClaims.size, (rows) => todaysPicks({ ...input, fresh: withPlanned(rows) }).fresh.length >= freshNeed)
    // In deck order, every live card before the first one returned has a state: the next search can start there.
    if (fresh.length > 0 && newCardOrder === 'deck') cache.keepFirstUnseen(userId, config.epoch, fresh[0]!.position)
    input.fresh = withPlanned(fresh)
  }

  // "Study more today": reviews ahead, once nothing else is left (the counts count them all the same).
  if (left.aheadAllowed > 0 && (everything || buildQueue(input).length === 0)) {
    const aheadNeed = Math.min(left.aheadAllowed, limit)
    const read = function* (take: number) {
      return (yield* all(Q.AHEAD_REVIEWS(take), [userId, endOfDay])).map(toCandidate)
    }
    input.ahead = yield* widening(read, Math.min(aheadNeed + facts.answeredClaims.size, REVIEW_WINDOW), (rows) => todaysPicks({ ...input, ahead: rows }).ahead.length >= aheadNeed)
    for (const c of input.ahead) due.push(c)
  }
  return { input, due }
}

function* queueWork(cache: StudyCache, userId: string, config: UserStudyConfig, now: Date, limit: number): Work<{ order: { cardId: string; early: boolean }[]; versions: Map<string, number> }> {
  const { input, due } = yield* candidatesWork(cache, userId, config, now, limit)
  // A card in the queue is either due (it has a state, at this version) or new (version 0, no state yet).
  return { order: buildQueue(input), versions: new Map(due.map((c) => [c.cardId, c.version])) }
}

/**
 * The cards as the screen shows them. A rendering depends only on the state's version, the study day, the display
 * language and the scheduler's settings (previews count whole study days; learning steps are durations), so one
 * already kept (./study-cache.ts, shown) is served again: after each grade the next cards are usually ones the
 * prefetched queue showed. Keys carry the version read from the database, so a grade through another server is never
 * served stale.
 */
function* presentWork(cache: StudyCache, userId: string, cardIds: string[], versionOf: (cardId: string) => number, config: UserStudyConfig, now: Date, early: ReadonlySet<string> = new Set()): Work<StudyCard[]> {
  if (cardIds.length === 0) return []
  const { timeZone, rolloverHour, displayLanguage: lang } = config.settings
  const today = todayOf(config, now)
  const variant = `${today}|${lang}|${timeZone}|${rolloverHour}|${config.parameters ? JSON.stringify(config.parameters) : ''}`
  const keyOf = (id: string, version: number) => `${id}|${version}|${variant}`
  const missing = cardIds.filter((id) => !cache.shownCard(userId, keyOf(id, versionOf(id)), now.getTime()))
  const rendered = new Map<string, StudyCard>()
  if (missing.length > 0) {
    const unread = cache.textsMissing(missing)
    if (unread.length > 0) for (const row of yield* all(Q.DISPLAY(unread.length), unread)) cache.keepText(row)
    // States only of the cards seen before (a new card has none): usually none or one after a grade.
    const seen = missing.filter((id) => versionOf(id) > 0)
    const states = new Map<string, StateRow>()
    if (seen.length > 0) for (const row of yield* all(Q.STATES(seen.length), [userId, ...seen])) states.set(row.cardId as string, Q.stateFromRow(row))
    const ctx = context(config, now)
    for (const id of missing) {
      const text = cache.text(id)
      if (!text) continue
      const state = states.get(id) ?? null
      const version = state?.version ?? 0
      // Keyed by the version just read: newer than the queue's if another server graded it in between.
      const card: StudyCard = {
        cardId: id,
        version,
        state: stateName(state?.state ?? CardStateKind.New),
        ...cardView(text, lang),
        ...cardButtons(state, ctx, fuzzSeed(userId, id, version)),
        day: today,
        early: false,
      }
      cache.keepShown(userId, keyOf(id, version), card, now.getTime())
      rendered.set(id, card)
    }
  }
  return cardIds.flatMap((id) => {
    const card = rendered.get(id) ?? cache.shownCard(userId, keyOf(id, versionOf(id)), now.getTime())
    return card ? [early.has(id) ? { ...card, early: true } : card] : []
  })
}

function* studyQueueWork(cache: StudyCache, userId: string, config: UserStudyConfig, now: Date, limit: number): Work<StudyCard[]> {
  const { order, versions } = yield* queueWork(cache, userId, config, now, limit)
  const early = new Set(order.filter((c) => c.early).map((c) => c.cardId))
  return yield* presentWork(cache, userId, order.map((c) => c.cardId), (id) => versions.get(id) ?? 0, config, now, early)
}

/**
 * Today's work for the offline review screen (issue #37, lib/core/offline-day.ts): the cards today's queue gives within
 * today's limits (learning, interday learning, due reviews, new cards: todaysPicks over all of today's candidates),
 * and the learning cards due later today, with each card's texts and state, today's log and the person's config.
 * Reviews ahead ("Study more") and a talk's planned cards are left to the server. Cards are listed in the queue's
 * order, learning cards due later after them: when the whole passes OFFLINE_PACK_MAX_BYTES the last are left out.
 */
function* offlineDayWork(cache: StudyCache, userId: string, config: UserStudyConfig, now: Date): Work<OfflinePack> {
  const { input } = yield* candidatesWork(cache, userId, config, now, 'all')
  const { timeZone, rolloverHour } = config.settings
  const today = todayOf(config, now)
  const endOfDay = startOfStudyDay(today + 1, timeZone, rolloverHour)
  const picks = todaysPicks({ ...input, ahead: [], planned: new Set() })
  const ordered = buildQueue({ ...input, ahead: [], planned: new Set(), limit: Number.MAX_SAFE_INTEGER }).map((e) => e.cardId)
  // Learning cards due later today come back on time offline.
  const later = (yield* all(Q.DUE_LEARNING(Q.MAX_TAKE), [userId, endOfDay, userId, endOfDay])).filter((r) => asDate(r.due) < endOfDay)
  const claimOf = new Map<string, string>()
  for (const c of [...picks.learningNow, ...picks.learnAhead, ...picks.interdayLearning, ...picks.reviews, ...picks.fresh, ...later]) claimOf.set(c.cardId, c.claimId)
  const ids = [...new Set([...ordered, ...claimOf.keys()])]
  const seen = ids.filter((id) => !picks.fresh.some((c) => c.cardId === id))
  const states = new Map<string, StateRow>()
  for (let i = 0; i < seen.length; i += Q.MAX_TAKE) {
    const chunk = seen.slice(i, i + Q.MAX_TAKE)
    for (const row of yield* all(Q.STATES(chunk.length), [userId, ...chunk])) states.set(row.cardId as string, Q.stateFromRow(row))
  }
  const views = new Map<string, StudyCard>()
  for (let i = 0; i < ids.length; i += Q.MAX_TAKE) {
    const chunk = ids.slice(i, i + Q.MAX_TAKE)
    for (const card of yield* presentWork(cache, userId, chunk, (id) => states.get(id)?.version ?? 0, config, now)) views.set(card.cardId, card)
  }
  const cards: OfflineCard[] = []
  let bytes = 0
  let leftOut = 0
  for (const id of ids) {
    const view = views.get(id)
    if (!view) continue
    const card: OfflineCard = { cardId: id, claimId: claimOf.get(id)!, state: states.get(id) ?? null, view: { kind: view.kind, promptHtml: view.promptHtml, answerHtml: view.answerHtml, claim: view.claim, section: view.section } }
    bytes += JSON.stringify(card).length
    // The config and today's log take little; the cards are most of it.
    if (bytes > OFFLINE_PACK_MAX_BYTES * 0.95) leftOut++
    else cards.push(card)
  }
  const dayLog = (yield* all(Q.DAY_LOG, [userId, today])).map((r) => ({ cardId: r.cardId, claimId: r.claimId, kind: r.kind, state: r.state, due: asDate(r.due), scheduledDays: r.scheduledDays }))
  const { settings, parameters, lastStudyDay, studyMore } = config
  return { userId, day: today, endOfDay, madeAt: now, config: { settings, parameters, lastStudyDay, studyMore }, dayLog, cards, leftOut }
}

/** One card as it is to be answered now (after a refused grade, after undo), read again. */
function* presentOneWork(cache: StudyCache, userId: string, cardId: string, now: Date): Work<{ card: StudyCard | null; state: StateRow | null }> {
  const fresh = yield* readConfig(userId)
  const state = yield* currentState(userId, cardId)
  const [card] = yield* presentWork(cache, userId, [cardId], () => state?.version ?? 0, fresh, now)
  return { card: card ?? null, state }
}

/** The study use cases over one database, with this server's caches (./study-cache.ts). */
export function createStudy(exec: Executor) {
  const cache = createStudyCache()
  return {
    config: (userId: string) => exec.read(() => readConfig(userId)),

    /** Drops what this server keeps for the person, after a change made elsewhere committed (an account restore). */
    forgetUser: (userId: string) => cache.forgetUser(userId),

    /** Today's counts for the home page: new cards left today, learning cards due today, reviews due now. */
    todayCounts: async (userId: string, now: Date, config?: UserStudyConfig): Promise<TodayCounts> =>
      exec.read(function* () {
        return yield* countsWork(cache, userId, config ?? (yield* readConfig(userId)), now)
      }),

    /** The next `limit` cards due, in order, with everything the review screen shows. */
    studyQueue: async (userId: string, now: Date, limit: number, config?: UserStudyConfig): Promise<StudyCard[]> =>
      exec.read(function* () {
        return yield* studyQueueWork(cache, userId, config ?? (yield* readConfig(userId)), now, limit)
      }),

    /**
     * Grades one card, once (see gradeWork), at its answer time; with `nextLimit`, the next cards too (as of now).
     * A grade refused because the day or the pressed button's interval changed comes back with the card as it is to
     * be answered now.
     */
    async gradeCard(userId: string, input: GradeInput, now: Date, nextLimit = 0): Promise<GradeOutcome> {
      // The next cards as of now, with the log just written, read while the grade's flush to disk runs (see
      // Executor.writeAndRead). The config read inside the grade is still the person's, but for the day this answer
      // was logged on: today never goes back before it. (Reading it again cost a tenth of a grade,
      // docs/performance.md.)
      const nextCards = ({ result, config, at, dayEntry }: Graded) => {
        if (dayEntry) keepAnsweredDayFacts(cache.dayFacts, userId, dayEntry.base, dayEntry.entry, dayEntry.sequence)
        return result.kind === 'graded' && nextLimit > 0
          ? studyQueueWork(cache, userId, { ...config, lastStudyDay: Math.max(config.lastStudyDay ?? Number.NEGATIVE_INFINITY, todayOf(config, at)) }, now, nextLimit)
          : undefined
      }
      let graded: Graded
      let next: StudyCard[] | undefined
      try {
        ;({ written: graded, read: next } = await exec.writeAndRead(() => gradeWork(userId, input, now, cache.dayFacts), nextCards))
      } catch (err) {
        // The next cards may have been read (and kept) after a COMMIT whose flush to disk then failed, and the day's
        // facts read inside a batch that failed: drop them.
        cache.forgetUser(userId)
        if (!(err instanceof ReviewIdTaken)) throw err
        const result = (await exec.read(() => replayOf(userId, input))) ?? { kind: 'conflict' as const, message: REUSED_REVIEW_ID }
        return result
      }
      const { result } = graded
      if (result.kind === 'day-changed' || result.kind === 'interval-changed') {
        const { card } = await exec.read(() => presentOneWork(cache, userId, input.cardId, now))
        return { kind: result.kind, card }
      }
      return next ? { ...result, next } : result
    },

    /** Today's work for the offline review screen (see offlineDayWork). */
    offlineDay: (userId: string, now: Date): Promise<OfflinePack> =>
      exec.read(function* () {
        return yield* offlineDayWork(cache, userId, yield* readConfig(userId), now)
      }),

    /** Chosen cards as the review screen shows them, each at its current version (the reader's review areas). */
    presentCards: (userId: string, cardIds: string[], now: Date): Promise<StudyCard[]> =>
      exec.read(function* () {
        const config = yield* readConfig(userId)
        const versions = new Map<string, number>()
        if (cardIds.length > 0) for (const row of yield* all(Q.STATES(cardIds.length), [userId, ...cardIds])) versions.set(row.cardId as string, Q.stateFromRow(row).version)
        return yield* presentWork(cache, userId, cardIds, (id) => versions.get(id) ?? 0, config, now)
      }),

    /** The review screen's progress and finish line: what today's answers came to (see day-summary.ts). */
    daySummary: (userId: string, now: Date, config?: UserStudyConfig): Promise<DaySummary> =>
      exec.read(function* () {
        return yield* daySummaryWork(userId, config ?? (yield* readConfig(userId)), now)
      }),

    /** What undo would take back next (the screen's Undo button, after a reload too). */
    undoTarget: (userId: string, now: Date, config?: UserStudyConfig): Promise<UndoTarget> =>
      exec.read(function* () {
        return yield* undoTargetWork(userId, config ?? (yield* readConfig(userId)), now)
      }),

    /** Takes back the study day's newest answer or manual change (see undoWork), and shows its card again. */
    async undo(userId: string, now: Date, expectId?: string): Promise<UndoResult> {
      const { result, config } = await exec.write(() => undoWork(userId, now, expectId))
      if (result.kind !== 'undone') return result
      if (result.forgot) cache.forgetUser(userId)
      const { undoneId, cardId } = result
      return exec.read(function* () {
        const { card, state } = yield* presentOneWork(cache, userId, cardId, now)
        return { kind: 'undone' as const, undoneId, card: card && !state?.suspended ? card : null, next: yield* undoTargetWork(userId, config, now) }
      })
    },

    /** Bury, suspend or resume one card (see manualWork). */
    async changeCard(userId: string, kind: ManualKind, input: ManualInput, now: Date): Promise<ManualResult> {
      try {
        const { result, forgot } = await exec.write(() => manualWork(userId, kind, input, now))
        if (forgot) cache.forgetUser(userId)
        return result
      } catch (err) {
        if (!(err instanceof ReviewIdTaken)) throw err
        return { kind: 'conflict', message: REUSED_REVIEW_ID }
      }
    },

    /** "Study more today" (as Anki's custom study): `extraNew` more new cards, or `extraAhead` reviews ahead of time. */
    async studyMore(userId: string, now: Date, grant: { extraNew: number; extraAhead: number }): Promise<void> {
      await exec.write(function* () {
        const day = todayOf(yield* readConfig(userId), now)
        yield* run(Q.STUDY_MORE, [userId, day, grant.extraNew, grant.extraAhead, now, day, grant.extraNew, day, grant.extraAhead, day])
      })
    },
  }
}

/** A card back to never seen (over the version expected), and every server's cached positions for the user stale. */
function* dropStateWork(userId: string, cardId: string, version: number, now: Date): Work<void> {
  yield* run(Q.DELETE_STATE, [userId, cardId, version])
  yield* forgetUserWork(userId, now)
}

export type Study = ReturnType<typeof createStudy>
export type { CardStateView, DaySummary, ManualKind, StudyCard }
