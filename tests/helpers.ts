/** A fresh, migrated SQLite database with the real decks loaded, and the study layer over either store. */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { databaseConfig } from '../lib/db/config'
import { applyMigrations } from '../lib/db/schema-engine'
import { createDb, type Db } from '../lib/db/prisma'
import { loadDecks } from '../lib/deck/load'
import { createStudy, type Study } from '../lib/data/study-service'
import { prismaStudyStore } from '../lib/data/study-prisma'
import { sqliteStudyStore } from '../lib/data/study-sqlite'

export type StoreKind = 'sqlite' | 'prisma'
export type TestDb = { db: Db; dir: string; study(kind: StoreKind): Study; close(): Promise<void> }

let template: string | undefined

/** Migrating takes ~1 s; later databases copy the first one. */
export async function freshDatabase(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-test-'))
  const file = path.join(dir, 'test.db')
  if (!template) {
    const tdir = mkdtempSync(path.join(os.tmpdir(), 'kc-template-'))
    const tfile = path.join(tdir, 'template.db')
    const config = databaseConfig({ DATABASE_URL: `file:${tfile}` })
    await applyMigrations(config)
    const tdb = createDb(config)
    await loadDecks(tdb.prisma, path.join(process.cwd(), 'data'))
    await tdb.close()
    template = tfile
  }
  const { copyFileSync } = await import('node:fs')
  copyFileSync(template, file)
  const db = createDb(databaseConfig({ DATABASE_URL: `file:${file}` }))
  return {
    db,
    dir,
    study: (kind) => createStudy(kind === 'sqlite' ? sqliteStudyStore(db) : prismaStudyStore(db.prisma)),
    async close() {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function createTestUser(db: Db, id: string, settings: { timeZone?: string; newPerDay?: number } = {}) {
  await db.prisma.user.create({ data: { id, name: id, email: `${id}@example.test` } })
  await db.prisma.userSettings.create({ data: { userId: id, timeZone: settings.timeZone ?? 'America/New_York', rolloverHour: 4, displayLanguage: 'en', newPerDay: settings.newPerDay ?? 20 } })
}
