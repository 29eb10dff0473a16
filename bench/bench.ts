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
import { copyFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { fsrs, generatorParameters, Rating, type Card as FsrsCard, type Grade as FsrsGrade } from 'ts-fsrs'
import { createDb } from '../lib/db/prisma'
import { createStudy, type Study } from '../lib/data/study-service'
import { answerCard } from '../lib/core/scheduler'
import { studyDay } from '../lib/core/study-day'
import { startEmbeddedPg } from '../scripts/embedded-pg'
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
 * The raw baseline: the same reads and writes as a grade + next cards, straight on better-sqlite3, ts-fsrs directly.
 * Equally durable: each COMMIT fsynced before it returns (FULL), as the app flushes each grade's commit before
 * answering it (decision 0010).
 */
function rawGrader(file: string) {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
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
      `INSERT INTO "ReviewLog" (id, userId, cardId, kind, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, review, studyDay, durationMs, undone, stateBefore, versionAfter, createdAt)
       VALUES (?, ?, ?, 'review', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
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
    q.insertLog.run(randomUUID(), userId, cardId, rating, log.state, row.due, log.stability, log.difficulty, log.elapsed_days, log.last_elapsed_days, log.scheduled_days, log.learning_steps, now.getTime(), 0, 1000, '{}', version + 1, now.getTime())
  })
  return {
    grade(userId: string, cardId: string, rating: number, version: number, now: Date) {
      grade.immediate(userId, cardId, rating, version, now)
      // Next cards: the same reads as the app's queue for 3 cards.
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
  gradeAsyncUs: Stats
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
  const buildSeconds = (Date.now() - t0) / 1000
  process.stderr.write(`built ${logs.toLocaleString('en')} logs, ${users} users in ${buildSeconds.toFixed(1)} s\n`)

  const db = createDb(synth.config)
  const study = createStudy(db.exec)
  // Shape B on the same connection (the runs below never overlap, so the two gates never meet).
  const asyncStudy = createStudy(asyncSqliteExecutor(await db.withSqlite((sqlite) => sqlite)))
  const raw = rawGrader(file)
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
    await gradeWith(asyncStudy, 2, 3)
  }
  const appSamples: number[] = []
  const rawSamples: number[] = []
  const asyncSamples: number[] = []
  for (let i = 0; i < GRADES; i++) {
    let t = nowUs()
    await gradeWith(study, i, 3)
    appSamples.push(nowUs() - t)
    const b = pick()
    t = nowUs()
    raw.grade(b.userId, b.cardId, rating(i), b.version, NOW)
    rawSamples.push(nowUs() - t)
    t = nowUs()
    await gradeWith(asyncStudy, i, 3)
    asyncSamples.push(nowUs() - t)
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
  const expected = logs + 100 + GRADES * 3 + READS * 4 + learners.reduce((n, l) => n + l.logs, 0)
  const check = new Database(file, { readonly: true })
  const actual = Number(check.prepare('SELECT COUNT(*) FROM "ReviewLog"').pluck().get())
  check.close()
  if (actual !== expected + 50) process.stderr.write(`note: ${actual} logs, expected ${expected + 50}\n`)

  raw.close()
  await db.close()
  return {
    copy,
    logs,
    users,
    buildSeconds,
    gradeAppUs: stats(appSamples),
    gradeRawUs: stats(rawSamples),
    gradeAsyncUs: stats(asyncSamples),
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
    console.log(row('grade, raw better-sqlite3 + ts-fsrs', r.gradeRawUs))
    console.log(row('grade, async runner on better-sqlite3 (shape B)', r.gradeAsyncUs))
    console.log(row("today's queue (10 cards)", r.queueUs))
    console.log(row('home page counts', r.countsUs))
    if (r.progress) printProgress(r.progress, row)
    console.log('  where a grade goes:')
    for (const [k, s] of Object.entries(r.breakdownUs)) console.log(row(`  ${k}`, s))
    console.log(`  grade p50 app/raw = ${ratio(r.gradeAppUs, r.gradeRawUs)}; async runner/raw = ${ratio(r.gradeAsyncUs, r.gradeRawUs)}; async runner/app = ${ratio(r.gradeAsyncUs, r.gradeAppUs)}`)
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
