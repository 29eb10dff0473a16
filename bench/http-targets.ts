/**
 * The databases `npm run bench:http` loads: a throwaway SQLite file (one server), or a throwaway database on an
 * embedded PostgreSQL (two servers on it). Each target makes its users, lists the live cards, reads back the logs
 * for the checks, and cleans up after itself. Users are made as the e2e suite's are (lib/server/test-users.ts: the
 * app's sign-up and settings), in this process, on the target's database: the benchmark's process points its own
 * DATABASE_URL and BETTER_AUTH_SECRET at the target before that module (and with it lib/db/prisma) is first loaded.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { databaseConfig } from '../lib/db/config'
import { startEmbeddedPg } from '../lib/db/embedded-pg'
import type { TestUser } from '../lib/server/test-users'

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

/**
 * The app's user maker and its database, on `env`'s database: this process has one of each (lib/db/prisma is made
 * from the environment when first loaded), so a process serves one target.
 */
async function appOn(env: { DATABASE_URL: string; BETTER_AUTH_SECRET: string }) {
  const loaded = (globalThis as { keyclaimsDb?: unknown }).keyclaimsDb !== undefined
  if (loaded && process.env.DATABASE_URL !== env.DATABASE_URL) throw new Error('this process already uses another database')
  Object.assign(process.env, env)
  const [{ createTestUser }, { db }] = await Promise.all([import('../lib/server/test-users'), import('../lib/db/prisma')])
  return { db, createUser: (): Promise<TestUser> => createTestUser({ newPerDay: NEW_PER_DAY }) }
}

/** SQLite: the file recreated, users made as the e2e suite's are. */
export async function sqliteTarget(file: string, secret: string): Promise<Target> {
  const { freshSqliteDatabase } = await import('../scripts/prepare')
  await freshSqliteDatabase(file, secret)
  const env = { DATABASE_URL: `file:${file}`, BETTER_AUTH_SECRET: secret }
  const app = await appOn(env)
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
    env,
    createUser: app.createUser,
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
    close: () => app.db.close(),
  }
}

/** An embedded PostgreSQL with one database, migrated, the decks loaded; users made as the e2e suite's are. */
export async function postgresTarget(port: number, secret: string): Promise<Target> {
  const server = await startEmbeddedPg(port)
  let app: Awaited<ReturnType<typeof appOn>> | undefined
  try {
    const url = await server.createDatabase('bench_http')
    const env = { DATABASE_URL: url, BETTER_AUTH_SECRET: secret }
    const { applyMigrations } = await import('../lib/db/schema-engine')
    const { loadDecks } = await import('../lib/deck/load')
    await applyMigrations(databaseConfig(env))
    app = await appOn(env)
    const prisma = app.db.prisma
    await loadDecks(prisma, path.join(process.cwd(), 'data'))
    const { db } = app
    return {
      engine: 'postgresql',
      env,
      createUser: app.createUser,
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
        await db.close()
        await server.stop()
      },
    }
  } catch (err) {
    await app?.db.close().catch(() => undefined)
    await server.stop()
    throw err
  }
}
