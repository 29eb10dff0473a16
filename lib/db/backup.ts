/**
 * Online, consistent backups of the SQLite database (`npm run backup`, and before migrations run on an existing
 * database). A plain copy of a live database under load misses commits still in its WAL, or is torn; `VACUUM INTO`
 * writes a compacted copy of one snapshot (a single read transaction, so the server goes on reading and writing
 * meanwhile) that holds every commit made before it began. See docs/decisions/0010-durability.md.
 *
 * A backup leaves out what signs someone in: its `session` and `verification` tables are emptied in the copy (and
 * the freed pages zeroed and dropped), so a stolen backup holds no usable session. It is one self-contained file
 * (rollback journal, no WAL), readable by its owner only, named by the time it was taken; the last `keep` are kept.
 */
import { closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { z } from 'zod'
import { OWNER_ONLY, ensurePrivateDir, fsyncPath } from './files'

export const DEFAULT_BACKUPS_KEPT = 10

/** PostgreSQL has its own consistent online backup; the commands point to it. */
export const PG_DUMP_HINT =
  'This database is PostgreSQL: back it up with its own tool, pg_dump --format=custom --file=keyclaims.dump "$DATABASE_URL", and restore with pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" keyclaims.dump (see docs/using.md, "What is kept, and backups").'

/** Where backups go and how many are kept: KEYCLAIMS_BACKUP_DIR, KEYCLAIMS_BACKUP_KEEP. */
export type BackupSettings = { dir: string; keep: number }

const keepSchema = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be at least 1'))

/** The settings from the environment; backups sit in a `backups` folder beside the database unless told otherwise. */
export function backupSettings(sqlitePath: string, env: Record<string, string | undefined> = process.env): BackupSettings {
  const dir = env.KEYCLAIMS_BACKUP_DIR?.trim() ? path.resolve(env.KEYCLAIMS_BACKUP_DIR.trim()) : path.join(path.dirname(sqlitePath), 'backups')
  const raw = env.KEYCLAIMS_BACKUP_KEEP?.trim()
  if (!raw) return { dir, keep: DEFAULT_BACKUPS_KEPT }
  const keep = keepSchema.safeParse(raw)
  if (!keep.success) throw new Error(`KEYCLAIMS_BACKUP_KEEP ${keep.error.issues[0]!.message}; got "${raw}"`)
  return { dir, keep: keep.data }
}

/** Tables that hold sign-in secrets: emptied in every backup and on every restore. */
export const SIGN_IN_TABLES = ['session', 'verification'] as const

/** Deletes every session and verification row (zeroing their pages: secure_delete); returns the sessions removed. */
export function signEveryoneOut(sqlite: Database.Database): number {
  sqlite.pragma('secure_delete = ON')
  const tables = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
  let sessions = 0
  for (const table of SIGN_IN_TABLES) {
    if (!tables.has(table)) continue
    const removed = sqlite.prepare(`DELETE FROM "${table}"`).run().changes
    if (table === 'session') sessions = removed
  }
  return sessions
}

/** What a database holds, for the commands' reports. */
export function contentSummary(sqlite: Database.Database): { people: number; reviews: number } {
  const count = (table: string) => {
    try {
      return Number(sqlite.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get())
    } catch {
      return 0 // a database from before the table existed
    }
  }
  return { people: count('user'), reviews: count('ReviewLog') }
}

/** "keyclaims-2026-12-01T09-30-00.123Z-before-migrations.db": sorts by time; `label` says why it was taken. */
function backupName(sqlitePath: string, now: Date, label?: string): string {
  const stamp = now.toISOString().replace(/:/g, '-')
  return `${path.basename(sqlitePath).replace(/\.db$/, '')}-${stamp}${label ? `-${label}` : ''}.db`
}

/** The backups of `sqlitePath` in `dir`, oldest first. */
export function listBackups(sqlitePath: string, dir: string): string[] {
  if (!existsSync(dir)) return []
  const base = path.basename(sqlitePath).replace(/\.db$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`^${base}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z(-[a-z-]+)?\\.db$`)
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort() // one prefix and a fixed-width time: by name is by time
    .map((name) => path.join(dir, name))
}

export type BackupResult = { file: string; bytes: number; people: number; reviews: number; pruned: string[] }

/**
 * Backs up the database at `sqlitePath` while it is in use, into the backup folder (settings.dir), then removes all but the newest
 * settings.keep backups. Written beside as a hidden partial file and renamed when complete and checked, so a
 * backup cut short never looks like one.
 */
export function backupSqlite(sqlitePath: string, settings: BackupSettings & { now: Date; label?: string }): BackupResult {
  if (!existsSync(sqlitePath)) throw new Error(`There is no database at ${sqlitePath} to back up.`)
  ensurePrivateDir(settings.dir)
  let file = path.join(settings.dir, backupName(sqlitePath, settings.now, settings.label))
  // Two backups in the same millisecond (a test, a script in a loop): the later one takes the next millisecond.
  for (let ms = 1; existsSync(file); ms++) file = path.join(settings.dir, backupName(sqlitePath, new Date(settings.now.getTime() + ms), settings.label))
  const partial = path.join(settings.dir, `.${path.basename(file)}.partial`)
  // VACUUM INTO accepts an existing empty file: made owner-only first, the copy is never readable by others.
  rmSync(partial, { force: true })
  closeSync(openSync(partial, 'wx', OWNER_ONLY))
  try {
    const source = new Database(sqlitePath, { fileMustExist: true, timeout: 5000 })
    try {
      source.prepare('VACUUM INTO ?').run(partial)
    } finally {
      source.close()
    }
    const copy = new Database(partial, { fileMustExist: true })
    let summary: { people: number; reviews: number }
    try {
      copy.pragma('journal_mode = DELETE')
      signEveryoneOut(copy)
      copy.exec('VACUUM') // drops the pages the sessions were on
      const problems = copy.pragma('integrity_check') as { integrity_check: string }[]
      if (problems[0]?.integrity_check !== 'ok') throw new Error(`The backup failed its integrity check: ${problems.map((p) => p.integrity_check).slice(0, 3).join('; ')}`)
      summary = contentSummary(copy)
    } finally {
      copy.close()
    }
    fsyncPath(partial)
    renameSync(partial, file)
    fsyncPath(settings.dir)
    const all = listBackups(sqlitePath, settings.dir)
    const pruned = all.slice(0, Math.max(0, all.length - settings.keep))
    for (const old of pruned) rmSync(old, { force: true })
    return { file, bytes: statSync(file).size, ...summary, pruned }
  } catch (err) {
    rmSync(partial, { force: true })
    throw err
  }
}
