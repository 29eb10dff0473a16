/**
 * What every start needs before the server listens: an auth secret, the migrated database, the decks.
 * Shared by `npm start`, `npm run dev` and the e2e server.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { backupSettings, backupSqlite } from '../lib/db/backup'
import { databaseConfig, projectRoot, type DatabaseConfig } from '../lib/db/config'
import { OWNER_ONLY, SQLITE_FILE_SUFFIXES, ensurePrivateDir, restrictDatabaseFiles, restrictFile } from '../lib/db/files'
import { applyMigrations, sqliteMigrationState } from '../lib/db/schema-engine'
import { migrationFailure, preflight } from '../lib/db/preflight'

/** BETTER_AUTH_SECRET, or the one kept in var/auth-secret, created on the first start. */
export function ensureAuthSecret(env: Record<string, string | undefined> = process.env, file = path.join(projectRoot, 'var', 'auth-secret')): string {
  if (env.BETTER_AUTH_SECRET?.trim()) return env.BETTER_AUTH_SECRET.trim()
  if (!existsSync(file)) {
    ensurePrivateDir(path.dirname(file))
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: OWNER_ONLY })
    console.log(`created an auth secret in ${path.relative(projectRoot, file)} (keep it: sessions are signed with it)`)
  }
  restrictFile(file) // one made by an older version may be 0644
  return readFileSync(file, 'utf8').trim()
}

export async function prepareDatabase(config: DatabaseConfig = databaseConfig()): Promise<void> {
  // Folder, lock, host and password checked first, so a failure is one line and nothing is half-migrated.
  await preflight(config)
  if (config.provider === 'sqlite') {
    restrictDatabaseFiles(config.sqlitePath)
    // WAL lets readers go on while a grade is written; it is a property of the file, set before anything else opens it.
    const sqlite = new Database(config.sqlitePath)
    sqlite.pragma('journal_mode = WAL')
    sqlite.close()
    backupBeforeMigrating(config)
  }
  const applied = await applyMigrations(config).catch((err: unknown) => Promise.reject(migrationFailure(config, err)))
  if (applied.length > 0) console.log(`applied migrations: ${applied.join(', ')}`)
}

/** An existing database with migrations to apply is backed up first: a migration that goes wrong can be undone. */
function backupBeforeMigrating(config: DatabaseConfig): void {
  const { applied, pending } = sqliteMigrationState(config)
  if (applied.length === 0 || pending.length === 0) return
  const backup = backupSqlite(config.sqlitePath, { ...backupSettings(config.sqlitePath), now: new Date(), label: 'before-migrations' })
  console.log(`backed up the database to ${path.relative(projectRoot, backup.file)} before applying ${pending.join(', ')}`)
}

/** Loads data/*.yaml with a client of the app's own kind, closed before the server starts with a fresh one. */
export async function loadAllDecks(): Promise<void> {
  const { createDb } = await import('../lib/db/prisma')
  const { loadDecks } = await import('../lib/deck/load')
  const db = createDb(databaseConfig())
  try {
    for (const report of await loadDecks(db.prisma, path.join(projectRoot, 'data'))) {
      if (!report.skipped) console.log(`loaded deck ${report.deckId}: ${report.cards} cards (${report.retiredCards} retired)`)
    }
  } finally {
    await db.close()
  }
}

/**
 * A throwaway SQLite database for a test or benchmark server: the file recreated, the process's DATABASE_URL and
 * auth secret pointed at it, migrated, the decks loaded. Not for `npm start`, whose database is kept.
 */
export async function freshSqliteDatabase(file: string, secret: string): Promise<void> {
  for (const suffix of SQLITE_FILE_SUFFIXES) rmSync(file + suffix, { force: true })
  process.env.DATABASE_URL = `file:${file}`
  process.env.BETTER_AUTH_SECRET = secret
  await prepareDatabase()
  await loadAllDecks()
}
