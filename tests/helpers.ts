/**
 * A fresh, migrated database with the real decks loaded — SQLite (a copied template file) or PostgreSQL (a copied
 * template database on the run's embedded server, tests/global-setup.ts) — and the study layer over it.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { randomBytes, randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { databaseConfig } from '../lib/db/config'
import { applyMigrations } from '../lib/db/schema-engine'
import { createDb, type Db } from '../lib/db/prisma'
import { loadDecks } from '../lib/deck/load'
import { createStudy, type Study } from '../lib/data/study-service'
import { PG_TEMPLATE } from './global-setup'

export type Engine = 'sqlite' | 'postgresql'
export const ENGINES: Engine[] = ['sqlite', 'postgresql']

export type TestDb = {
  db: Db
  engine: Engine
  /** The database's URL (another "server" can open a client of its own on it). */
  url: string
  /** A folder of the test's own (on SQLite it holds the database, test.db), removed by close(). */
  dir: string
  study(): Study
  close(): Promise<void>
}

let template: string | undefined

/** Migrating takes ~1 s; later databases copy the first one. */
async function sqliteTemplate(): Promise<string> {
  if (!template) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kc-template-')), 'template.db')
    const config = databaseConfig({ DATABASE_URL: `file:${file}` })
    await applyMigrations(config)
    const tdb = createDb(config)
    await loadDecks(tdb.prisma, path.join(process.cwd(), 'data'))
    await tdb.close()
    template = file
  }
  return template
}

async function pgAdmin(sql: string) {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export async function freshDatabase(engine: Engine = 'sqlite'): Promise<TestDb> {
  let url: string
  let dropDatabase = async () => {}
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-test-'))
  if (engine === 'sqlite') {
    const file = path.join(dir, 'test.db')
    copyFileSync(await sqliteTemplate(), file)
    url = `file:${file}`
  } else {
    const name = `t_${randomBytes(6).toString('hex')}`
    await pgAdmin(`CREATE DATABASE "${name}" TEMPLATE "${PG_TEMPLATE}"`)
    url = inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`)
    dropDatabase = () => pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  }
  const db = createDb(databaseConfig({ DATABASE_URL: url }))
  return {
    db,
    engine,
    url,
    dir,
    study: () => createStudy(db.exec),
    async close() {
      await db.close()
      await dropDatabase()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function createTestUser(db: Db, id: string, settings: { timeZone?: string; newPerDay?: number } = {}) {
  await db.prisma.user.create({ data: { id, name: id, email: `${id}@example.test` } })
  await db.prisma.userSettings.create({ data: { userId: id, timeZone: settings.timeZone ?? 'America/New_York', rolloverHour: 4, displayLanguage: 'en', newPerDay: settings.newPerDay ?? 20 } })
}

/** The version of a person's card state (0 before its first answer): what a screen would send with a grade. */
export async function cardVersion(db: Db, userId: string, cardId: string): Promise<number> {
  return (await db.prisma.cardState.findUnique({ where: { userId_cardId: { userId, cardId } } }))?.version ?? 0
}

/** Grades a card at its current version through the study layer, expects it applied, and returns its review id. */
export async function gradeApplied(
  db: Db, study: Study, userId: string, cardId: string, rating: 1 | 2 | 3 | 4, now: Date,
  { durationMs = 4000, reviewId = randomUUID() }: { durationMs?: number; reviewId?: string } = {},
): Promise<string> {
  const result = await study.gradeCard(userId, { reviewId, cardId, rating, version: await cardVersion(db, userId, cardId), durationMs }, now)
  if (result.kind !== 'graded') throw new Error(`grade of ${cardId} not applied: ${result.kind}`)
  return reviewId
}
