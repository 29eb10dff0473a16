/**
 * The progress pages' reads at scale (issue #17): the interview map, the statistics and the home page's figures for
 * people with long histories, inside the benchmark's large synthetic database. A learner studies every day: the
 * history is spread evenly over `days` study days, over every live card, and every card has a state.
 */
import Database from 'better-sqlite3'
import { startOfStudyDay, studyDay } from '../lib/core/study-day'
import { createProgress } from '../lib/data/progress-service'
import type { createStudy } from '../lib/data/study-service'
import type { Executor } from '../lib/db/sql'
import { prng, TIME_ZONE } from './synth'
import { nowUs, stats, type Stats } from './timing'

const DAY_MS = 86_400_000

export type Learner = { userId: string; logs: number; days: number }

/** Adds learners with `logs` answers over their last `days` study days before `now` (raw inserts, as bench/synth.ts). */
export function addLearners(file: string, learners: Learner[], now: Date): void {
  const sqlite = new Database(file)
  sqlite.pragma('synchronous = OFF')
  const cardIds = sqlite.prepare('SELECT id FROM "Card" WHERE retired = 0 ORDER BY position').pluck().all() as string[]
  const rand = prng(17)
  const today = studyDay(now, TIME_ZONE, 4)
  const t = now.getTime()
  const user = sqlite.prepare('INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 0, ?, ?)')
  const settings = sqlite.prepare('INSERT INTO "UserSettings" (userId, timeZone, rolloverHour, displayLanguage, newPerDay, updatedAt) VALUES (?, ?, 4, \'en\', 20, ?)')
  const state = sqlite.prepare(
    `INSERT INTO "CardState" (userId, cardId, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview, version, updatedAt)
     VALUES (?, ?, ?, ?, 5, 5, 10, 0, ?, 0, 2, ?, ?, ?)`,
  )
  const log = sqlite.prepare(
    `INSERT INTO "ReviewLog" (id, userId, cardId, kind, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays,
       learningSteps, review, studyDay, durationMs, undone, stateBefore, versionAfter, createdAt, sequence)
     VALUES (?, ?, ?, 'review', ?, 2, ?, 20, 5, 3, 3, 7, 0, ?, ?, ?, 0, 'null', 1, ?, ?)`,
  )
  sqlite.transaction(() => {
    for (const [n, l] of learners.entries()) {
      user.run(l.userId, `Learner ${n}`, `${l.userId}@bench.test`, t, t)
      settings.run(l.userId, TIME_ZONE, t)
      const perCard = Math.ceil(l.logs / cardIds.length)
      for (const cardId of cardIds) {
        const due = startOfStudyDay(today + Math.floor(rand() * 40) - 5, TIME_ZONE, 4).getTime()
        state.run(l.userId, cardId, due, 5 + rand() * 200, perCard, t - Math.floor(1 + rand() * 20) * DAY_MS, perCard, t)
      }
      for (let i = 0; i < l.logs; i++) {
        const day = today - l.days + 1 + Math.floor((i * l.days) / l.logs)
        const review = startOfStudyDay(day, TIME_ZONE, 4).getTime() + 3_600_000 + Math.floor(rand() * 12 * 3_600_000)
        const rating = rand() < 0.1 ? 1 : 3
        log.run(`learner-${n}-${i}`, l.userId, cardIds[i % cardIds.length]!, rating, review, review, day, 3000 + Math.floor(rand() * 9000), review, i + 1)
      }
    }
  })()
  sqlite.exec('ANALYZE')
  sqlite.close()
}

/** Wall time and this process's CPU time (user + system) per call, in µs: on a machine shared with other work the
 * CPU time shows the cost apart from waiting for a core. */
export type Timed = { wall: Stats; cpu: Stats }

export async function timed(n: number, fn: () => Promise<unknown>): Promise<Timed> {
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage()
    const t0 = nowUs()
    await fn()
    wall.push(nowUs() - t0)
    const c = process.cpuUsage(c0)
    cpu.push(c.user + c.system)
  }
  return { wall: stats(wall), cpu: stats(cpu) }
}

export type ProgressResult = Record<string, { mapUs: Timed; statisticsUs: Timed; homeUs: Timed }>

/** Each learner's map, statistics and home figures, `reads` times each. */
export async function measureProgress(exec: Executor, study: ReturnType<typeof createStudy>, learners: Learner[], now: Date, reads: number): Promise<ProgressResult> {
  const progress = createProgress(exec)
  const out: ProgressResult = {}
  for (const l of learners) {
    const config = await study.config(l.userId)
    // Warm up (statement preparation, JIT).
    for (let i = 0; i < 20; i++) await Promise.all([progress.map(l.userId, now), progress.statistics(l.userId, now), progress.home(l.userId, now, config)])
    out[l.userId] = {
      mapUs: await timed(reads, () => progress.map(l.userId, now)),
      statisticsUs: await timed(reads, () => progress.statistics(l.userId, now)),
      // The home page's whole read: today's counts and the progress figures.
      homeUs: await timed(reads, async () => {
        const c = await study.config(l.userId)
        await Promise.all([study.todayCounts(l.userId, now, c), progress.home(l.userId, now, c)])
      }),
    }
  }
  return out
}

/** The rows: wall time, then CPU time. */
export function printProgress(result: ProgressResult, row: (name: string, s: Stats) => string) {
  for (const [who, p] of Object.entries(result)) {
    for (const [name, t] of [['interview map', p.mapUs], ['statistics page', p.statisticsUs], ['home page (counts + progress)', p.homeUs]] as const) {
      console.log(row(`${name}, ${who}`, t.wall))
      console.log(row(`  CPU time`, t.cpu))
    }
  }
}

/** `npm run bench:progress [-- --quick]`: only these rows, on a database of 1,000,000 logs (100,000 with --quick). */
async function main() {
  const path = await import('node:path')
  const { buildSynthetic } = await import('./synth')
  const { createDb } = await import('../lib/db/prisma')
  const { createStudy } = await import('../lib/data/study-service')
  const { header, row } = await import('./timing')
  const quick = process.argv.includes('--quick')
  const now = new Date('2026-11-28T15:00:00Z')
  const logs = quick ? 100_000 : 1_000_000
  const file = path.join(process.cwd(), 'var', 'bench', `progress-${logs}.db`)
  const learners: Learner[] = [
    { userId: 'learner-20k', logs: 20_000, days: 365 },
    { userId: 'learner-100k', logs: 100_000, days: 3 * 365 },
  ]
  const { existsSync } = await import('node:fs')
  const { databaseConfig } = await import('../lib/db/config')
  // --reuse: measure again on the database the last run built (it only reads).
  if (!(process.argv.includes('--reuse') && existsSync(file))) {
    await buildSynthetic({ file, users: quick ? 100 : 1000, cardsPerUser: 150, logs, now })
    addLearners(file, learners, now)
  }
  const db = createDb(databaseConfig({ DATABASE_URL: `file:${file}` }))
  const result = await measureProgress(db.exec, createStudy(db.exec), learners, now, 300)
  console.log(`\n${(logs + 120_000).toLocaleString('en')} review logs in all`)
  console.log(header())
  printProgress(result, row)
  await db.close()
}

if (process.argv[1]?.endsWith('progress.ts')) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
