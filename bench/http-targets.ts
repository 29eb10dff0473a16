/**
 * The databases `npm run bench:http` loads: a throwaway SQLite file (one server), or a throwaway database on an
 * embedded PostgreSQL (two servers on it). Each target makes its users, lists the live cards, reads back the logs
 * for the checks, and cleans up after itself.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import path from 'node:path'
import Database from 'better-sqlite3'
import { insertUser, signedCookieValue } from '../e2e/users'
import { databaseConfig } from '../lib/db/config'
import type { Db } from '../lib/db/prisma'
import { startEmbeddedPg } from '../scripts/embedded-pg'

export type BenchUser = { id: string; cookie: string }

export type Target = {
  engine: 'sqlite' | 'postgresql'
  /** The servers' environment: which database, which auth secret. */
  env: Record<string, string>
  /** A user with a live session and a daily new-card limit no run reaches. */
  createUser(): Promise<BenchUser>
  cardIds(): Promise<string[]>
  /** Every log's review id, and how many logs repeat a (user, card) pair (each is graded once per run). */
  logs(): Promise<{ reviewIds: Set<string>; duplicates: number; byUser(userId: string): Promise<{ reviewId: string; cardId: string }[]> }>
  close(): Promise<void>
}

const NEW_PER_DAY = 500 // the most the setting allows: a stored value out of range counts as the default (20)

/** SQLite as before: the file recreated, users inserted as the e2e fixtures insert them. */
export async function sqliteTarget(file: string, secret: string): Promise<Target> {
  const { freshSqliteDatabase } = await import('../scripts/prepare')
  await freshSqliteDatabase(file, secret)
  const read = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(file, { readonly: true })
    try {
      return work(db)
    } finally {
      db.close()
    }
  }
  return {
    engine: 'sqlite',
    env: { DATABASE_URL: `file:${file}`, BETTER_AUTH_SECRET: secret },
    createUser: () => insertUser(file, secret, { withPassword: false, newPerDay: NEW_PER_DAY }),
    cardIds: async () => read((db) => db.prepare('SELECT id FROM "Card" WHERE retired = 0 ORDER BY position').pluck().all() as string[]),
    logs: async () =>
      read((db) => {
        const reviewIds = new Set(db.prepare('SELECT id FROM "ReviewLog"').pluck().all() as string[])
        const duplicates = Number(db.prepare('SELECT COUNT(*) - COUNT(DISTINCT userId || cardId) FROM "ReviewLog"').pluck().get())
        return {
          reviewIds,
          duplicates,
          byUser: async (userId) => read((d) => d.prepare('SELECT id AS reviewId, cardId FROM "ReviewLog" WHERE userId = ?').all(userId) as { reviewId: string; cardId: string }[]),
        }
      }),
    close: async () => undefined,
  }
}

/**
 * An embedded PostgreSQL with one database, migrated, the decks loaded; users made through the app's own Prisma
 * client (user, credential account without a password, session, settings), their cookie signed as better-auth signs.
 */
export async function postgresTarget(port: number, secret: string): Promise<Target> {
  const server = await startEmbeddedPg(port)
  let db: Db | undefined
  try {
    const url = await server.createDatabase('bench_http')
    const config = databaseConfig({ DATABASE_URL: url })
    const { applyMigrations } = await import('../lib/db/schema-engine')
    const { createDb } = await import('../lib/db/prisma')
    const { loadDecks } = await import('../lib/deck/load')
    await applyMigrations(config)
    const opened = createDb(config)
    db = opened
    await loadDecks(opened.prisma, path.join(process.cwd(), 'data'))
    const prisma = opened.prisma
    return {
      engine: 'postgresql',
      env: { DATABASE_URL: url, BETTER_AUTH_SECRET: secret },
      async createUser() {
        const id = randomUUID()
        const token = randomBytes(24).toString('base64url')
        await prisma.user.create({
          data: {
            id,
            name: `Bench ${id.slice(0, 4)}`,
            email: `bench-${id.slice(0, 8)}@example.test`,
            accounts: { create: { id: randomUUID(), accountId: id, providerId: 'credential' } },
            sessions: { create: { id: randomUUID(), token, expiresAt: new Date(Date.now() + 30 * 86_400_000) } },
            settings: { create: { timeZone: 'America/New_York', newPerDay: NEW_PER_DAY } },
          },
        })
        return { id, cookie: signedCookieValue(token, secret) }
      },
      cardIds: async () => (await prisma.card.findMany({ where: { retired: false }, orderBy: { position: 'asc' }, select: { id: true } })).map((c) => c.id),
      async logs() {
        const rows = await prisma.reviewLog.findMany({ select: { id: true, userId: true, cardId: true } })
        const pairs = new Set(rows.map((r) => `${r.userId}|${r.cardId}`))
        return {
          reviewIds: new Set(rows.map((r) => r.id)),
          duplicates: rows.length - pairs.size,
          byUser: async (userId) => (await prisma.reviewLog.findMany({ where: { userId }, select: { id: true, cardId: true } })).map((r) => ({ reviewId: r.id, cardId: r.cardId })),
        }
      },
      async close() {
        await opened.close()
        await server.stop()
      },
    }
  } catch (err) {
    await db?.close().catch(() => undefined)
    await server.stop()
    throw err
  }
}
