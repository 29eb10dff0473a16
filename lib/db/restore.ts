/**
 * `npm run restore <file>`: replaces the SQLite database with a backup, only when nothing has the database open,
 * only after the backup has passed every check, and atomically (the checked copy is written beside the database
 * and renamed over it). Everyone is signed out: the restored database has no sessions. The database being replaced
 * is itself backed up first, so a restore of the wrong file can be undone. See docs/decisions/0010-durability.md.
 */
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { backupSqlite, contentSummary, signEveryoneOut, type BackupSettings } from './backup'
import { OWNER_ONLY, SQLITE_FILE_SUFFIXES, fsyncPath, restrictFile } from './files'
import { appliedMigrationNames, migrationNames } from './schema-engine'

/** A restore refused: nothing was replaced. The message says why and what to do. */
export class RestoreError extends Error {}

/** The tables every Keyclaims database has (better-auth's, the decks', each person's, the migrations' record). */
export const APP_TABLES = ['user', 'session', 'account', 'verification', 'Deck', 'Section', 'Claim', 'Card', 'CardState', 'ReviewLog', 'UserSettings', '_prisma_migrations']

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? ''
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
}

/**
 * Whether another connection (a running server, its checkpointer, any process) has the database open. Every
 * connection to a WAL database holds a shared lock on the file from its first read until it closes, so an
 * exclusive lock, tried once without waiting and released at once, is refused exactly when someone holds it open.
 * The server itself takes no lock beyond SQLite's usual ones: readers elsewhere are never kept out.
 */
export function databaseInUse(sqlitePath: string): boolean {
  if (!existsSync(sqlitePath)) return false
  const probe = new Database(sqlitePath, { fileMustExist: true, timeout: 0 })
  try {
    probe.pragma('locking_mode = EXCLUSIVE')
    probe.exec('BEGIN EXCLUSIVE')
    probe.exec('ROLLBACK')
    return false
  } catch (err) {
    if (isBusy(err)) return true
    throw err
  } finally {
    probe.close()
  }
}

export type BackupCheck = { people: number; reviews: number; applied: string[]; pending: string[] }

/**
 * Checks that `sqlite` is a sound Keyclaims database this version can run: SQLite's integrity check passes, it has
 * every table, and each migration it applied finished and is one of ours (a backup made by a newer version is
 * refused). Migrations it lacks are fine: the next start applies them, after a backup.
 */
export function checkKeyclaimsDatabase(sqlite: Database.Database, label: string, migrationsDir: string): BackupCheck {
  let integrity: string[]
  try {
    integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check)
  } catch (err) {
    const notADatabase = (err as { code?: string }).code === 'SQLITE_NOTADB'
    throw new RestoreError(`${label} ${notADatabase ? 'is not a SQLite database' : 'is damaged'} (${(err as Error).message}).`)
  }
  if (integrity[0] !== 'ok') throw new RestoreError(`${label} is damaged: SQLite's integrity check says ${integrity.slice(0, 3).join('; ')}.`)
  const tables = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
  const missing = APP_TABLES.filter((t) => !tables.has(t))
  if (missing.length > 0) throw new RestoreError(`${label} is not a Keyclaims database: it has no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}.`)
  const unfinished = sqlite.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL').pluck().all() as string[]
  if (unfinished.length > 0) throw new RestoreError(`${label} has a migration that never finished (${unfinished.join(', ')}): it was copied mid-migration.`)
  const applied = appliedMigrationNames(sqlite)
  const known = migrationNames(migrationsDir)
  const unknown = applied.filter((name) => !known.includes(name))
  if (unknown.length > 0) throw new RestoreError(`${label} was made by a newer version of Keyclaims (migrations ${unknown.join(', ')} are unknown here): update the app first.`)
  return { ...contentSummary(sqlite), applied, pending: known.filter((name) => !applied.includes(name)) }
}

export type RestoreResult = BackupCheck & { sessionsRemoved: number; previous: string | null }

/** Replaces the database at `sqlitePath` with the backup `source`; throws RestoreError, having replaced nothing, if it may not. */
export function restoreSqlite(options: { source: string; sqlitePath: string; migrationsDir: string; backups: BackupSettings; now: Date }): RestoreResult {
  const source = path.resolve(options.source)
  const { sqlitePath } = options
  if (!existsSync(source) || !statSync(source).isFile()) throw new RestoreError(`There is no file ${source}.`)
  if (source === sqlitePath) throw new RestoreError(`${source} is the database itself, not a backup of it.`)
  if (existsSync(`${source}-wal`)) {
    throw new RestoreError(`${source} has a write-ahead log beside it (${path.basename(source)}-wal): it is a live database, not a backup. Back it up with npm run backup (DATABASE_URL=file:${source}) and restore that.`)
  }
  if (databaseInUse(sqlitePath)) {
    throw new RestoreError(`The database ${sqlitePath} is open in another process (a running server?). Stop the server first; nothing was replaced.`)
  }

  // The backup is copied beside the database, checked and cleaned there, then renamed over it: never half-replaced.
  const staged = `${sqlitePath}.restoring`
  for (const suffix of [...SQLITE_FILE_SUFFIXES, '-journal']) rmSync(staged + suffix, { force: true })
  try {
    copyFileSync(source, staged)
    chmodSync(staged, OWNER_ONLY) // copyFile gives the copy the source's mode
    const copy = new Database(staged, { fileMustExist: true })
    let check: BackupCheck
    let sessionsRemoved: number
    try {
      check = checkKeyclaimsDatabase(copy, source, options.migrationsDir)
      copy.pragma('journal_mode = DELETE') // one self-contained file; the next start turns WAL on again
      sessionsRemoved = signEveryoneOut(copy)
    } finally {
      copy.close()
    }
    fsyncPath(staged)

    let previous: string | null = null
    if (existsSync(sqlitePath) && statSync(sqlitePath).size > 0) {
      previous = backupSqlite(sqlitePath, { ...options.backups, now: options.now, label: 'before-restore' }).file
    }
    replaceLocked(sqlitePath, staged)
    return { ...check, sessionsRemoved, previous }
  } finally {
    for (const suffix of [...SQLITE_FILE_SUFFIXES, '-journal']) rmSync(staged + suffix, { force: true })
  }
}

/**
 * Renames `staged` over the database while holding its exclusive lock, so no server can open it halfway. Leaving
 * WAL mode first writes the WAL back into the file and deletes it: an old WAL left beside the new file would be
 * read as part of it.
 */
function replaceLocked(sqlitePath: string, staged: string): void {
  if (!existsSync(sqlitePath)) {
    renameSync(staged, sqlitePath)
    return
  }
  const live = new Database(sqlitePath, { fileMustExist: true, timeout: 0 })
  try {
    try {
      // Leaving WAL needs every other connection closed. (In EXCLUSIVE locking mode it would leave a -journal.)
      const mode = live.pragma('journal_mode = DELETE', { simple: true })
      if (mode !== 'delete') throw new RestoreError(`The database ${sqlitePath} stayed in ${String(mode)} mode; nothing was replaced.`)
      live.pragma('locking_mode = EXCLUSIVE')
      // This connection writes nothing: a journal in memory keeps BEGIN EXCLUSIVE from creating a -journal file
      // that would end up beside the new database.
      live.pragma('journal_mode = MEMORY')
      live.exec('BEGIN EXCLUSIVE')
    } catch (err) {
      if (isBusy(err)) throw new RestoreError(`The database ${sqlitePath} was opened by another process while the backup was being checked. Stop it and run the restore again; nothing was replaced.`)
      throw err
    }
    for (const suffix of ['-wal', '-shm', '-journal']) {
      if (existsSync(sqlitePath + suffix)) throw new RestoreError(`${sqlitePath}${suffix} is still there after the database left WAL mode; nothing was replaced.`)
    }
    renameSync(staged, sqlitePath)
    fsyncPath(path.dirname(sqlitePath))
    live.exec('ROLLBACK')
  } finally {
    live.close()
  }
  restrictFile(sqlitePath)
}
