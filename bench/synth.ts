/**
 * A synthetic database at scale, built with the app's own migrations and deck loader: `users` users, each with
 * states for `cardsPerUser` cards and `logs` review logs in all, spread over a year. Deterministic (seeded).
 */
import Database from 'better-sqlite3'
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { databaseConfig, type DatabaseConfig } from '../lib/db/config'
import { applyMigrations } from '../lib/db/schema-engine'
import { createDb } from '../lib/db/prisma'
import { loadDecks } from '../lib/deck/load'
import { startOfStudyDay, studyDay } from '../lib/core/study-day'

export type SynthOptions = { file: string; users: number; cardsPerUser: number; logs: number; now: Date }
export type Synth = { config: DatabaseConfig; userIds: string[]; cardIds: string[]; cardsOf: (u: number) => string[]; versions: Map<string, number> }

export const TIME_ZONE = 'America/New_York'
const DAY_MS = 86_400_000

/** mulberry32: a small, fast, seeded PRNG, so every run builds the same database. */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export async function buildSynthetic(o: SynthOptions): Promise<Synth> {
  mkdirSync(path.dirname(o.file), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) rmSync(o.file + suffix, { force: true })
  const config = databaseConfig({ DATABASE_URL: `file:${o.file}` })
  const pre = new Database(o.file)
  pre.pragma('journal_mode = WAL')
  pre.close()
  await applyMigrations(config)
  const loader = createDb(config)
  await loadDecks(loader.prisma, path.join(process.cwd(), 'data'))
  await loader.close()

  const sqlite = new Database(o.file)
  sqlite.pragma('synchronous = OFF')
  const cardIds = (sqlite.prepare('SELECT id FROM "Card" WHERE retired = 0 ORDER BY position').pluck().all() as string[])
  if (cardIds.length < o.cardsPerUser) throw new Error(`the decks have ${cardIds.length} cards, fewer than ${o.cardsPerUser} per user`)
  const cardsOf = (u: number) => Array.from({ length: o.cardsPerUser }, (_, i) => cardIds[(u * 7 + i) % cardIds.length]!)
  const rand = prng(42)
  const now = o.now.getTime()
  const today = studyDay(o.now, TIME_ZONE, 4)
  const userIds = Array.from({ length: o.users }, (_, u) => `bench-user-${String(u).padStart(5, '0')}`)
  const versions = new Map<string, number>()
  const states = o.users * o.cardsPerUser

  const insertUser = sqlite.prepare('INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 0, ?, ?)')
  const insertSettings = sqlite.prepare(
    'INSERT INTO "UserSettings" (userId, timeZone, rolloverHour, displayLanguage, newPerDay, updatedAt) VALUES (?, ?, 4, ?, 20, ?)',
  )
  const insertState = sqlite.prepare(
    `INSERT INTO "CardState" (userId, cardId, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview, version, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
  )
  const insertLog = sqlite.prepare(
    `INSERT INTO "ReviewLog" (id, userId, cardId, kind, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays,
       learningSteps, review, studyDay, durationMs, undone, stateBefore, versionAfter, createdAt, sequence)
     VALUES (?, ?, ?, 'review', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, 'null', ?, ?, ?)`,
  )
  let logNo = 0
  let stateNo = 0
  sqlite.transaction(() => {
    userIds.forEach((userId, u) => {
      insertUser.run(userId, `Bench ${u}`, `${userId}@bench.test`, now, now)
      insertSettings.run(userId, TIME_ZONE, u % 3 === 0 ? 'both' : 'en', now)
      for (const cardId of cardsOf(u)) {
        // Whole numbers of logs per state that add up to exactly o.logs (a float carry lost one at 100,000).
        const n = Math.floor(((stateNo + 1) * o.logs) / states) - Math.floor((stateNo * o.logs) / states)
        stateNo++
        const learning = rand() < 0.06
        const dueDay = today + Math.floor(rand() * 70) - 10
        const due = learning ? now + Math.floor(rand() * 3_600_000) - 600_000 : startOfStudyDay(dueDay, TIME_ZONE, 4).getTime()
        const stability = 1 + rand() * 120
        const lastReview = now - Math.floor(1 + rand() * 30) * DAY_MS
        insertState.run(userId, cardId, due, stability, 1 + rand() * 9, 5, 10, Math.max(1, n), Math.floor(rand() * 3), learning ? 1 : 2, lastReview, Math.max(1, n), now)
        versions.set(`${userId}|${cardId}`, Math.max(1, n))
        for (let k = 0; k < n; k++) {
          const review = now - (n - k) * (1 + Math.floor(rand() * 20)) * DAY_MS - Math.floor(rand() * DAY_MS)
          const id = `00000000-0000-4000-8000-${String(logNo++).padStart(12, '0')}`
          const rating = rand() < 0.1 ? 1 : rand() < 0.8 ? 3 : rand() < 0.5 ? 2 : 4
          insertLog.run(id, userId, cardId, rating, k === 0 ? 0 : 2, review, stability, 5, 3, 3, 7, review, studyDay(new Date(review), TIME_ZONE, 4), 4000 + Math.floor(rand() * 8000), k + 1, review, logNo)
        }
      }
    })
  })()
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.exec('ANALYZE')
  sqlite.close()
  return { config, userIds, cardIds, cardsOf, versions }
}

/**
 * Picks a random (user, card) of the synthetic data and the version a grade must answer, counting that grade in:
 * every pick is expected to be graded.
 */
export function cardPicker(synth: Synth, seed: number) {
  const rand = prng(seed)
  return {
    rand,
    pick() {
      const u = Math.floor(rand() * synth.userIds.length)
      const cards = synth.cardsOf(u)
      const cardId = cards[Math.floor(rand() * cards.length)]!
      const userId = synth.userIds[u]!
      const key = `${userId}|${cardId}`
      const version = synth.versions.get(key)!
      synth.versions.set(key, version + 1)
      return { userId, cardId, version }
    },
  }
}
