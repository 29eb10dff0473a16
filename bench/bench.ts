/**
 * `npm run bench [-- --quick]`: a benchmark, not a test. Builds synthetic databases with the app's migrations and
 * measures, in one process, the data-layer functions the routes call against a raw baseline:
 *   1. grading: the app's path (settings, replay check, version check, FSRS, transaction, next cards) vs the same
 *      reads and writes with better-sqlite3 prepared statements and ts-fsrs directly;
 *   2. today's queue (GET /api/queue) and the home page's counts;
 *   3. the same at one tenth of the logs;
 *   4. the shape not taken (decision 0007): the same grade awaited statement by statement on better-sqlite3, each in
 *      its own BEGIN IMMEDIATE … COMMIT (bench/async-sqlite.ts);
 *   5. PostgreSQL (embedded, bench/pg.ts): the app's grade against a raw `pg` baseline on the same synthetic data;
 *   6. the progress pages (bench/progress.ts): the interview map, the statistics and the home page for a person with
 *      a year of daily study (20,000 logs) and one with 100,000 logs over three years, inside the largest database.
 * Prints a table, a per-step breakdown of a grade, writes bench/results.json, and ends with
 * `pg grade p50 app/raw = X.XX` and then `grade p50 app/raw = X.XX` (SQLite, the largest size).
 */
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { fsrs, generatorParameters, Rating, type Card as FsrsCard, type Grade as FsrsGrade } from 'ts-fsrs'
import { configureSqlite, createDb } from '../lib/db/prisma'
import { WAL_LIMIT_BYTES } from '../lib/db/checkpointer'
import { fsyncPath } from '../lib/db/files'
import { createStudy, REVIEW_WINDOW, type Study } from '../lib/data/study-service'
import { answerCard } from '../lib/core/scheduler'
import { startOfStudyDay, studyDay } from '../lib/core/study-day'
import { CardStateKind } from '../lib/core/card-state'
import { claimMastery, LEARNED_MIN_STABILITY_DAYS } from '../lib/core/mastery'
import * as Q from '../lib/data/study-sql'
import * as TalkQ from '../lib/data/talk-sql'
import { studyDayDate } from '../lib/core/study-day'
import type { Statement } from '../lib/db/sql'
import { startEmbeddedPg } from '../lib/db/embedded-pg'
import { buildSynthetic, cardPicker, TIME_ZONE, type Synth } from './synth'
import { asyncSqliteExecutor } from './async-sqlite'
import { measurePg, type PgSizeResult } from './pg'
import { header, nowUs, row, stats, time, timeAtOnce, type Stats } from './timing'
import { addLearners, measureProgress, printProgress, type Learner, type ProgressResult } from './progress'

const quick = process.argv.includes('--quick')
const USERS = quick ? 100 : 1000
/** States per user: most of the deck (179 live cards since the deck was sharpened, 2026-12-01; 200 before). */
const CARDS_PER_USER = 150
const LOGS = quick ? 100_000 : 1_000_000
const GRADES = quick ? 1000 : 3000
const READS = quick ? 300 : 1000
/** Grades sent together in the "at once" measure: the HTTP load's 20 connections. */
const AT_ONCE = 20
const NOW = new Date('2026-11-28T15:00:00Z')
const LEARNERS: Learner[] = [
  { userId: 'learner-20k', logs: 20_000, days: 365 },
  { userId: 'learner-100k', logs: 100_000, days: 3 * 365 },
]

/**
 * A raw baseline's connection: the app's pragmas (lib/db/prisma.ts, configureSqlite: foreign keys checked, freed pages
 * zeroed, no automatic checkpoint inside a commit, the app's checkpointer doing them all), except that SQLite fsyncs
 * the WAL inside each COMMIT (FULL), as durable as the app's flush before answering. Until 2026-12-06 the baselines
 * kept SQLite's defaults: no foreign key checks, and a checkpoint inside whichever of their commits found 1,000 frames
 * in the WAL (copying every frame, the app's too; the WAL then started over at 4 MB instead of the app's 32 MB).
 */
function rawConnection(file: string): Database.Database {
  const db = new Database(file)
  configureSqlite(db)
  db.pragma('synchronous = FULL')
  return db
}

/**
 * The raw baseline: the same reads and writes as the app's grade + next 3 cards, straight on better-sqlite3 (the
 * app's statement texts, prepared once, parameters passed as they are), ts-fsrs directly, in one BEGIN IMMEDIATE …
 * COMMIT. Its reads follow the app's rules, so that the two read the same rows: the day's log's print with every grade
 * and again for the next cards, and the day's rows when the print is not the one kept (the first grade of a person's
 * day, or after a change the grades did not make), the grade's own entry kept with it; the claim's cards when the
 * answer makes this card ready for "learned" (ClaimProgress, issue #15), and the flag written when the claim is
 * learned; the learning cards due within the day and the interday ones (read apart, so they never crowd out the cards due now); the due reviews' window (their order is by overdueness relative to the interval, worked out after the
 * read); the person's coming talks (whose plan adds cards to today's queue); new cards when fewer than 3 are due now; the deck texts of a card shown for the first time. It never reads
 * states to render previews, which the app does for a card shown again at a new version: the baseline reads at most
 * what the app reads. Equally durable: each COMMIT fsynced before it returns (FULL), as the app flushes each grade's
 * commit before answering it (decision 0010).
 */
function rawGrader(file: string) {
  const db = rawConnection(file)
  const f = fsrs(generatorParameters({ enable_fuzz: true, enable_short_term: true }))
  const prepared = new Map<Statement<unknown>, Database.Statement>()
  const q = (st: Statement<unknown>) => {
    let p = prepared.get(st)
    if (!p) prepared.set(st, (p = db.prepare(st.text)))
    return p
  }
  const textsRead = new Set<string>()
  const LEARN_AHEAD = 20 * 60_000
  type Row = Record<string, number | string | null>
  // The day's facts as the app keeps them between grades (lib/data/study-context.ts, readKnownDayFacts): the log's
  // print read each time, its rows only when the print is not the one kept; the grade's own entry kept after its
  // COMMIT. With four graders writing to the same random people, most grades of both miss on their first read.
  type Day = { day: number; print: string; claims: Set<unknown>; reviewed: number; entries: number; undone: number; epoch: number; decks: number }
  const days = new Map<string, Day>()
  const printOf = (d: Pick<Day, 'entries' | 'undone' | 'epoch' | 'decks'> & { last: number; lastId: unknown }) => `${d.entries}:${d.last}:${String(d.lastId)}:${d.undone}:${d.epoch}:${d.decks}`
  const dayLog = (userId: string, today: number): Day => {
    const p = q(Q.DAY_PRINT).get(userId, userId, userId, today) as Row
    const head = { entries: Number(p.entries), last: Number(p.lastSequence ?? 0), lastId: p.lastId, undone: Number(p.undone ?? 0), epoch: Number(p.epoch ?? 0), decks: Number(p.decksLoadedAt ?? 0) }
    const print = printOf(head)
    const kept = days.get(userId)
    if (kept && kept.day === today && kept.print === print) return kept
    const answered = q(Q.DAY_LOG).all(userId, today) as Row[]
    const day = { day: today, print, ...head, claims: new Set(answered.map((r) => r.claimId)), reviewed: answered.filter((r) => r.kind === 'review' && r.state !== CardStateKind.New).length }
    days.set(userId, day)
    return day
  }
  const grade = db.transaction((userId: string, cardId: string, rating: number, version: number, now: Date) => {
    const nowMs = now.getTime()
    const settings = q(Q.CONFIG).get(userId, userId) as Row
    const zone = settings.timeZone as string
    const rollover = settings.rolloverHour as number
    if (q(Q.LOG_BY_ID).get(randomUUID())) throw new Error('replay')
    const row = q(Q.CARD_AND_STATE).get(userId, cardId) as Row
    if (row.version !== version) throw new Error('stale')
    const today = studyDay(now, zone, rollover)
    const endOfDay = startOfStudyDay(today + 1, zone, rollover).getTime()
    const known = dayLog(userId, today)
    const card: FsrsCard = {
      due: new Date(row.due!), stability: row.stability as number, difficulty: row.difficulty as number, elapsed_days: row.elapsedDays as number,
      scheduled_days: row.scheduledDays as number, learning_steps: row.learningSteps as number, reps: row.reps as number, lapses: row.lapses as number,
      state: row.state as number, last_review: new Date(row.lastReview!),
    }
    const { card: next, log } = f.next(card, now, rating as FsrsGrade)
    q(Q.UPDATE_STATE).run(next.due.getTime(), next.stability, next.difficulty, next.elapsed_days, next.scheduled_days, next.learning_steps, next.reps, next.lapses, next.state, nowMs, version + 1, 0, 0, nowMs, userId, cardId, version)
    const reviewId = randomUUID()
    const { sequence } = q(Q.INSERT_LOG_NUMBERED).get(reviewId, userId, cardId, 'review', rating, log.state, row.due, log.stability, log.difficulty, log.elapsed_days, log.last_elapsed_days, log.scheduled_days, log.learning_steps, nowMs, today, 1000, 0, '{}', version + 1, nowMs, userId) as { sequence: number }
    const entries = known.entries + 1
    const after: Day = { ...known, entries, print: printOf({ ...known, entries, last: sequence, lastId: reviewId }), claims: new Set([...known.claims, row.claimId]), reviewed: known.reviewed + (log.state === CardStateKind.New ? 0 : 1) }
    if (next.state === CardStateKind.Review && next.stability >= LEARNED_MIN_STABILITY_DAYS) {
      // Whether the claim is now learned: the core's one rule, as the app asks it (pure, no data access).
      const rows = q(Q.CLAIM_CARDS_OF_CARD).all(userId, userId, cardId) as Row[]
      const cards = rows.map((r) => {
        const state = r.cardId === null ? null : Q.stateFromRow(r)
        return { retired: r.retired === 1, suspended: state?.suspended ?? false, state }
      })
      const ctx = { now, timeZone: zone, rolloverHour: rollover, desiredRetention: settings.desiredRetention as number }
      if (rows[0]?.learnedAt === null && claimMastery(cards, false, ctx)?.mastery === 'learned') q(Q.INSERT_CLAIM_LEARNED).run(userId, rows[0]!.claimId, nowMs, reviewId)
    }
    return { today, endOfDay, maxReviews: settings.maxReviewsPerDay as number, after }
  })
  return {
    grade(userId: string, cardId: string, rating: number, version: number, now: Date) {
      const { today, endOfDay, maxReviews, after } = grade.immediate(userId, cardId, rating, version, now)
      days.set(userId, after) // committed
      // Next 3 cards: the day's log (limits, buried siblings), learning cards (within the day, then interday), the reviews' window, new cards only
      // when fewer than 3 are due now, the texts of cards not shown before.
      const answered = dayLog(userId, today)
      const claims = answered.claims.size
      const reviewed = answered.reviewed
      const ahead = now.getTime() + LEARN_AHEAD
      q(TalkQ.UPCOMING_TALKS).all(userId, studyDayDate(today)) // a talk's planned cards (none here)
      const learning = q(Q.DUE_LEARNING(3)).all(userId, ahead, userId, ahead) as Row[]
      // Interday learning cards (steps ending on a later study day) take the review limit first.
      const interdayTake = Math.min(Math.max(0, maxReviews - reviewed), 3)
      const interday = interdayTake > 0 ? (q(Q.DUE_INTERDAY_LEARNING(interdayTake)).all(userId, endOfDay, userId, endOfDay) as Row[]) : []
      const take = Math.min(Math.max(0, maxReviews - reviewed) + claims, REVIEW_WINDOW)
      const reviews = take > 0 ? (q(Q.DUE_REVIEWS(take)).all(userId, endOfDay) as Row[]) : []
      const due = [...learning, ...interday, ...reviews]
      const dueNow = due.filter((d) => (d.due as number) <= now.getTime()).length
      const fresh = dueNow < 3 ? (q(Q.FRESH(12 + claims)).all(0, userId) as Row[]) : []
      const unread = [...due, ...fresh].slice(0, 3).map((d) => d.cardId as string).filter((id) => !textsRead.has(id))
      if (unread.length > 0) for (const text of q(Q.DISPLAY(unread.length)).all(...unread) as Row[]) textsRead.add(text.id as string)
    },
    close: () => db.close(),
  }
}

/**
 * The baseline of 2026-11-29, kept as a second row: a grade's reads and writes before the daily limits, buried
 * siblings and ClaimProgress (issues #14, #15) added theirs. Against it the ratio says what those features cost;
 * against `rawGrader`, what the one study store costs.
 */
function minimalRawGrader(file: string) {
  const db = rawConnection(file)
  const f = fsrs(generatorParameters({ enable_fuzz: true, enable_short_term: true }))
  const q = {
    config: db.prepare('SELECT timeZone, rolloverHour, displayLanguage, newPerDay, fsrsParameters FROM "UserSettings" WHERE userId = ?'),
    log: db.prepare('SELECT userId, cardId, rating FROM "ReviewLog" WHERE id = ?'),
    card: db.prepare('SELECT retired FROM "Card" WHERE id = ?'),
    state: db.prepare('SELECT * FROM "CardState" WHERE userId = ? AND cardId = ?'),
    update: db.prepare(
      `UPDATE "CardState" SET due = ?, stability = ?, difficulty = ?, elapsedDays = ?, scheduledDays = ?, learningSteps = ?, reps = ?, lapses = ?, state = ?, lastReview = ?, version = ?, updatedAt = ?
       WHERE userId = ? AND cardId = ? AND version = ?`,
    ),
    insertLog: db.prepare(
      `INSERT INTO "ReviewLog" (id, userId, cardId, kind, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, review, studyDay, durationMs, undone, stateBefore, versionAfter, createdAt, sequence)
       VALUES (?, ?, ?, 'review', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM "ReviewLog" WHERE userId = ?))`,
    ),
    dueLearning: db.prepare(`SELECT cs.cardId, cs.due, cs.state, c.claimId FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId WHERE cs.userId = ? AND cs.state IN (1, 3) AND cs.due <= ? AND c.retired = 0 ORDER BY cs.due LIMIT ?`),
    dueReviews: db.prepare(`SELECT cs.cardId, cs.due, cs.state, c.claimId FROM "CardState" cs JOIN "Card" c ON c.id = cs.cardId WHERE cs.userId = ? AND cs.state = 2 AND cs.due <= ? AND c.retired = 0 ORDER BY cs.due LIMIT ?`),
    introduced: db.prepare(`SELECT COUNT(*) FROM "ReviewLog" WHERE userId = ? AND studyDay = ? AND state = 0 AND kind = 'review' AND undone = 0`),
    fresh: db.prepare(`SELECT c.id, c.claimId, c.position FROM "Card" c WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM "CardState" cs WHERE cs.userId = ? AND cs.cardId = c.id) ORDER BY c.position LIMIT ?`),
    display: db.prepare(
      `SELECT c.*, cl.textEn, cl.textZh, cl.whyEn, cl.whyZh, s.titleEn, s.titleZh FROM "Card" c JOIN "Claim" cl ON cl.id = c.claimId JOIN "Section" s ON s.deckId = cl.deckId AND s.id = cl.sectionId WHERE c.id IN (SELECT value FROM json_each(?))`,
    ),
  }
  const grade = db.transaction((userId: string, cardId: string, rating: number, version: number, now: Date) => {
    q.config.get(userId)
    if (q.log.get(randomUUID())) throw new Error('replay')
    q.card.get(cardId)
    const row = q.state.get(userId, cardId) as Record<string, number>
    if (row.version !== version) throw new Error('stale')
    const card: FsrsCard = {
      due: new Date(row.due!), stability: row.stability!, difficulty: row.difficulty!, elapsed_days: row.elapsedDays!, scheduled_days: row.scheduledDays!,
      learning_steps: row.learningSteps!, reps: row.reps!, lapses: row.lapses!, state: row.state!, last_review: new Date(row.lastReview!),
    }
    const { card: next, log } = f.next(card, now, rating as FsrsGrade)
    q.update.run(next.due.getTime(), next.stability, next.difficulty, next.elapsed_days, next.scheduled_days, next.learning_steps, next.reps, next.lapses, next.state, now.getTime(), version + 1, now.getTime(), userId, cardId, version)
    q.insertLog.run(randomUUID(), userId, cardId, rating, log.state, row.due, log.stability, log.difficulty, log.elapsed_days, log.last_elapsed_days, log.scheduled_days, log.learning_steps, now.getTime(), 0, 1000, '{}', version + 1, now.getTime(), userId)
  })
  return {
    grade(userId: string, cardId: string, rating: number, version: number, now: Date) {
      grade.immediate(userId, cardId, rating, version, now)
      const due = [
        ...(q.dueLearning.all(userId, now.getTime() + 20 * 60_000, 3) as { cardId: string }[]),
        ...(q.dueReviews.all(userId, now.getTime(), 3) as { cardId: string }[]),
      ]
      q.introduced.get(userId, 0)
      q.fresh.all(userId, 12)
      q.display.all(JSON.stringify(due.slice(0, 3).map((d) => d.cardId)))
    },
    close: () => db.close(),
  }
}

type SizeResult = {
  logs: number
  users: number
  buildSeconds: number
  gradeAppUs: Stats
  gradeRawUs: Stats
  /** The 2026-11-29 baseline (minimalRawGrader): without the reads that limits, burying and ClaimProgress added. */
  gradeMinimalRawUs: Stats
  gradeAsyncUs: Stats
  /** The WAL file's largest size seen while the four paths graded (the checkpointer as under `npm start`). */
  walLargestBytes: number
  queueUs: Stats
  countsUs: Stats
  breakdownUs: Record<string, Stats>
  progress?: ProgressResult
}

/** With `keepCopyAs`, a copy of the synthetic file is kept there before anything grades in it (for PostgreSQL). */
async function measure(logs: number, users: number, keepCopyAs?: string, learners: Learner[] = []): Promise<SizeResult & { copy?: { file: string; synth: Synth } }> {
  const file = path.join(process.cwd(), 'var', 'bench', `bench-${logs}.db`)
  const t0 = Date.now()
  const synth: Synth = await buildSynthetic({ file, users, cardsPerUser: CARDS_PER_USER, logs, now: NOW })
  if (keepCopyAs) copyFileSync(file, keepCopyAs)
  const copy = keepCopyAs ? { file: keepCopyAs, synth: { ...synth, versions: new Map(synth.versions) } } : undefined
  addLearners(file, learners, NOW)
  // The build wrote the file (and its copy) without syncing: hundreds of MB the kernel would otherwise write back
  // about 30 s later (vm.dirty_expire_centisecs), in the middle of the timed grades, whose every flush to disk would
  // then queue behind it. Written back now, before anything is timed.
  for (const written of [file, `${file}-wal`, ...(keepCopyAs ? [keepCopyAs] : [])]) if (existsSync(written)) fsyncPath(written)
  const buildSeconds = (Date.now() - t0) / 1000
  process.stderr.write(`built ${logs.toLocaleString('en')} logs, ${users} users in ${buildSeconds.toFixed(1)} s\n`)

  const db = createDb(synth.config)
  // The app's study layer as lib/data/study.ts makes it: the queue asks for a talk's planned cards.
  const study = createStudy(db.exec)
  // Shape B on the same connection (the runs below never overlap, so the two gates never meet).
  const asyncStudy = createStudy(asyncSqliteExecutor(await db.withSqlite((sqlite) => sqlite)))
  const raw = rawGrader(file)
  const minimal = minimalRawGrader(file)
  const { rand, pick } = cardPicker(synth, 7)
  const rating = (i: number) => ((i % 4) + 1) as 1 | 2 | 3 | 4
  /** A grade of a picked card through `s`, answered as the i-th rating; anything but "graded" stops the run. */
  const gradeWith = async (s: Study, i: number, nextLimit: number) => {
    const a = pick()
    const result = await s.gradeCard(a.userId, { reviewId: randomUUID(), cardId: a.cardId, rating: rating(i), version: a.version, durationMs: 5000 }, NOW, nextLimit)
    if (result.kind !== 'graded') throw new Error(`grade: ${result.kind}`)
  }

  // Warm up every path (statement preparation, JIT), then alternate so that drift hits all alike.
  for (let i = 0; i < 50; i++) {
    await gradeWith(study, 2, 3)
    const b = pick()
    raw.grade(b.userId, b.cardId, 3, b.version, NOW)
    const m = pick()
    minimal.grade(m.userId, m.cardId, 3, m.version, NOW)
    await gradeWith(asyncStudy, 2, 3)
  }
  const appSamples: number[] = []
  // The WAL file's size after each round of the four paths (outside the timed parts): the checkpointer is to keep it
  // within WAL_LIMIT_BYTES under this load.
  const walBytes = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0)
  let walLargestBytes = walBytes()
  const rawSamples: number[] = []
  const minimalSamples: number[] = []
  const asyncSamples: number[] = []
  for (let i = 0; i < GRADES; i++) {
    let t = nowUs()
    await gradeWith(study, i, 3)
    appSamples.push(nowUs() - t)
    const b = pick()
    t = nowUs()
    raw.grade(b.userId, b.cardId, rating(i), b.version, NOW)
    rawSamples.push(nowUs() - t)
    const m = pick()
    t = nowUs()
    minimal.grade(m.userId, m.cardId, rating(i), m.version, NOW)
    minimalSamples.push(nowUs() - t)
    t = nowUs()
    await gradeWith(asyncStudy, i, 3)
    asyncSamples.push(nowUs() - t)
    walLargestBytes = Math.max(walLargestBytes, walBytes())
  }

  // Where a grade's time goes, step by step (each step alone, same data).
  const someone = () => synth.userIds[Math.floor(rand() * synth.userIds.length)]!
  const config = await study.config(synth.userIds[0]!)
  const breakdown: Record<string, number[]> = {
    'gate + settings read': await time(READS, () => study.config(someone())),
    'FSRS answer (one rating, time mapping)': await time(READS, () => answerCard(null, 3, { now: NOW, timeZone: TIME_ZONE, rolloverHour: 4 }, `x:${Math.random()}`)),
    'study day (Intl)': await time(READS, (i) => studyDay(new Date(NOW.getTime() + i * 1000), TIME_ZONE, 4)),
    'grade transaction (no next cards)': await time(READS, (i) => gradeWith(study, i, 0)),
    'next 3 cards (queue + display + previews)': await time(READS, () => study.studyQueue(someone(), NOW, 3, config)),
    // As under load: grades arriving in the same turn share one COMMIT (lib/db/group-commit.ts).
    [`grade transaction, ${AT_ONCE} at once (per grade)`]: await timeAtOnce(READS / AT_ONCE, AT_ONCE, (i) => gradeWith(study, i, 0)),
    'async runner: grade transaction (no next cards)': await time(READS, (i) => gradeWith(asyncStudy, i, 0)),
    // Without group commit, grades arriving together queue at the gate, each with its own COMMIT.
    [`async runner: ${AT_ONCE} at once (per grade)`]: await timeAtOnce(READS / AT_ONCE, AT_ONCE, (i) => gradeWith(asyncStudy, i, 0)),
  }

  const queueUs = await time(READS, () => study.studyQueue(someone(), NOW, 10))
  const countsUs = await time(READS, () => study.todayCounts(someone(), NOW))
  const progress = learners.length > 0 ? await measureProgress(db.exec, study, learners, NOW, Math.min(READS, 300)) : undefined

  // Every acknowledged grade is in the log, once.
  // Four paths graded in the warm-up (50 each) and the measured run; the breakdown grades READS × 4.
  const expected = logs + 50 * 4 + GRADES * 4 + READS * 4 + learners.reduce((n, l) => n + l.logs, 0)
  const check = new Database(file, { readonly: true })
  const actual = Number(check.prepare('SELECT COUNT(*) FROM "ReviewLog"').pluck().get())
  check.close()
  if (actual !== expected) process.stderr.write(`note: ${actual} logs, expected ${expected}\n`)

  raw.close()
  minimal.close()
  await db.close()
  return {
    copy,
    logs,
    users,
    buildSeconds,
    gradeAppUs: stats(appSamples),
    gradeRawUs: stats(rawSamples),
    gradeMinimalRawUs: stats(minimalSamples),
    gradeAsyncUs: stats(asyncSamples),
    walLargestBytes,
    queueUs: stats(queueUs),
    countsUs: stats(countsUs),
    ...(progress ? { progress } : {}),
    breakdownUs: Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, stats(v)])),
  }
}

/** PostgreSQL at the main size (the full run's 1,000,000 logs, or --quick's 100,000). */
async function measurePostgres(source: { file: string; synth: Synth }): Promise<PgSizeResult> {
  const server = await startEmbeddedPg(Number(process.env.BENCH_PG_PORT ?? 55600))
  const stop = () => void server.stop().finally(() => process.exit(130))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    return await measurePg({ server, source, logs: LOGS, users: USERS, grades: GRADES, reads: READS, atOnce: AT_ONCE, now: NOW })
  } catch (err) {
    // Said before the server stops: stopping it ends the open clients' connections, whose errors would hide this one.
    console.error('PostgreSQL measure failed:', err)
    throw err
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await server.stop()
  }
}

async function main() {
  const { copy, ...largest } = await measure(LOGS, USERS, path.join(process.cwd(), 'var', 'bench', `bench-pg-source-${LOGS}.db`), LEARNERS)
  const sizes: SizeResult[] = [largest, await measure(LOGS / 10, USERS)]
  const pgSize = await measurePostgres(copy!)
  const ratio = (a: Stats, b: Stats) => (a.p50 / b.p50).toFixed(2)
  for (const r of sizes) {
    console.log(`\n${r.logs.toLocaleString('en')} review logs, ${r.users} users × ${CARDS_PER_USER} cards (built in ${r.buildSeconds.toFixed(1)} s)`)
    console.log(header())
    console.log(row('grade, app (SQLite, + next 3 cards)', r.gradeAppUs))
    console.log(row('grade, raw better-sqlite3 + ts-fsrs (same statements)', r.gradeRawUs))
    console.log(row('grade, raw, the reads of 2026-11-29 (no limits/siblings)', r.gradeMinimalRawUs))
    console.log(row('grade, async runner on better-sqlite3 (shape B)', r.gradeAsyncUs))
    console.log(row("today's queue (10 cards)", r.queueUs))
    console.log(row('home page counts', r.countsUs))
    if (r.progress) printProgress(r.progress, row)
    console.log('  where a grade goes:')
    for (const [k, s] of Object.entries(r.breakdownUs)) console.log(row(`  ${k}`, s))
    console.log(`  the WAL's largest size while grading: ${(r.walLargestBytes / 2 ** 20).toFixed(1)} MiB (the checkpointer starts it over past ${WAL_LIMIT_BYTES / 2 ** 20} MiB written)`)
    console.log(`  grade p50 app/raw = ${ratio(r.gradeAppUs, r.gradeRawUs)}; async runner/raw = ${ratio(r.gradeAsyncUs, r.gradeRawUs)}; async runner/app = ${ratio(r.gradeAsyncUs, r.gradeAppUs)}; app/raw of 2026-11-29 = ${ratio(r.gradeAppUs, r.gradeMinimalRawUs)}`)
  }
  const p = pgSize
  console.log(`\nPostgreSQL 18 (embedded, loopback), ${p.logs.toLocaleString('en')} review logs, ${p.users} users × ${CARDS_PER_USER} cards (copied in ${p.copySeconds.toFixed(1)} s)`)
  console.log(header())
  console.log(row('grade, app (PostgreSQL, + next 3 cards)', p.gradeAppUs))
  console.log(row('grade, raw pg + ts-fsrs (one client)', p.gradeRawUs))
  console.log('  where a grade goes:')
  for (const [k, s] of Object.entries(p.breakdownUs)) console.log(row(`  ${k}`, s))
  console.log(`  statements per grade + next 3 cards (round trips, BEGIN and COMMIT included): app ${p.statementsPerGrade.app.toFixed(1)}, raw ${p.statementsPerGrade.raw.toFixed(1)}`)
  if (p.logsFound !== p.logsExpected) process.stderr.write(`note: PostgreSQL holds ${p.logsFound} logs, expected ${p.logsExpected}\n`)
  const main = sizes[0]!
  mkdirSync('bench', { recursive: true })
  writeFileSync(
    path.join('bench', 'results.json'),
    JSON.stringify(
      { date: new Date().toISOString(), quick, node: process.version, sizes, postgres: pgSize, gradeP50Ratio: main.gradeAppUs.p50 / main.gradeRawUs.p50, pgGradeP50Ratio: p.gradeAppUs.p50 / p.gradeRawUs.p50 },
      null,
      2,
    ),
  )
  console.log(`pg grade p50 app/raw = ${ratio(p.gradeAppUs, p.gradeRawUs)}`)
  console.log(`grade p50 app/raw = ${ratio(main.gradeAppUs, main.gradeRawUs)}`)
}

void Rating
main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
