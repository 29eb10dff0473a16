/**
 * What must hold before the schema engine touches the database, checked with our own connection so that a start-up
 * failure is one line naming the file, folder or host (never a password), and fails before any migration runs.
 * Without it the engine answers a database held by a running server with a WebAssembly stack trace (`unknown
 * variant SocketTimeout`), and a read-only folder with "unable to open database file".
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Client } from 'pg'
import { postgresTarget, projectRoot, type DatabaseConfig } from './config'

/** A start-up failure whose message is the one line to show. */
export class StartupError extends Error {
  override name = 'StartupError'
}

export type PreflightOptions = {
  /** How long a database held by another connection is waited for before giving up. */
  busyWaitMs?: number
  /** How long PostgreSQL may take to accept a connection. */
  connectTimeoutMs?: number
}

export const DEFAULT_BUSY_WAIT_MS = 10_000
const BUSY_RETRY_MS = 250

export async function preflight(config: DatabaseConfig, options: PreflightOptions = {}): Promise<void> {
  if (config.provider === 'sqlite') {
    checkSqliteFolder(config.sqlitePath)
    await waitUntilSqliteIsFree(config.sqlitePath, options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS)
  } else {
    await checkPostgres(config.url, options.connectTimeoutMs ?? 10_000)
  }
}

/** Paths inside the project relative to it (as docs/using.md names them), others absolute. */
const shown = (p: string) => (p.startsWith(projectRoot + path.sep) ? path.relative(projectRoot, p) : p)
const who = () => (process.getuid ? `user ${process.getuid()}` : 'this user')

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code
}

/** The folder exists (or is created), SQLite can create its -wal and -shm files beside the database, and the file is readable and writable. */
export function checkSqliteFolder(sqlitePath: string): void {
  const dir = path.dirname(sqlitePath)
  if (!existsSync(dir)) {
    let parent = path.dirname(dir)
    while (!existsSync(parent) && parent !== path.dirname(parent)) parent = path.dirname(parent)
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 }) // owner-only, as lib/db/files.ts keeps it
    } catch (err) {
      const code = errnoCode(err)
      if (code === 'EROFS') throw new StartupError(`cannot create the database folder ${shown(dir)}: ${shown(parent)} is on a read-only file system`)
      if (code === 'ENOTDIR') throw new StartupError(`cannot create the database folder ${shown(dir)}: a part of that path is a file, not a folder`)
      throw new StartupError(`cannot create the database folder ${shown(dir)}: ${who()} has no write permission in ${shown(parent)} (${code ?? (err as Error).message})`)
    }
  }
  if (!statSync(dir).isDirectory()) throw new StartupError(`the database folder ${shown(dir)} is a file, not a folder`)
  try {
    accessSync(dir, constants.W_OK | constants.X_OK)
  } catch (err) {
    if (errnoCode(err) === 'EROFS') throw new StartupError(`the database folder ${shown(dir)} is on a read-only file system; SQLite needs to write there`)
    throw new StartupError(
      `the database folder ${shown(dir)} is not writable by ${who()}: SQLite needs write permission there (for ${path.basename(sqlitePath)}-wal and -shm)`,
    )
  }
  for (const file of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`]) {
    if (!existsSync(file)) continue
    if (!statSync(file).isFile()) throw new StartupError(`${shown(file)} is not a file (DATABASE_URL must name a database file)`)
    const missing = [
      ['read', constants.R_OK],
      ['write', constants.W_OK],
    ].filter(([, mode]) => {
      try {
        accessSync(file, mode as number)
        return false
      } catch {
        return true
      }
    })
    if (missing.length > 0) {
      throw new StartupError(`the database file ${shown(file)} is not ${missing.map(([what]) => `${what}able`).join(' or ')} by ${who()}: it needs ${missing.map(([what]) => what).join(' and ')} permission`)
    }
  }
}

/**
 * The schema engine needs the file to itself (it switches its connection to EXCLUSIVE locking mode), so any other
 * open connection — a running server, an online backup, a test fixture — makes it fail. This waits, without holding
 * anything between tries, until one try at that same lock succeeds; the lock is given up at once.
 */
export async function waitUntilSqliteIsFree(sqlitePath: string, busyWaitMs: number): Promise<void> {
  const deadline = Date.now() + busyWaitMs
  for (;;) {
    const outcome = tryExclusiveRead(sqlitePath)
    if (outcome === 'free') return
    if (Date.now() >= deadline) {
      throw new StartupError(
        `another Keyclaims server (or another program) is using the database ${shown(sqlitePath)}: still in use after ${Math.round(busyWaitMs / 1000)} s; stop it first, or set DATABASE_URL to another file`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS))
  }
}

function tryExclusiveRead(sqlitePath: string): 'free' | 'busy' {
  let probe: Database.Database | undefined
  try {
    probe = new Database(sqlitePath, { timeout: 0 })
    probe.pragma('locking_mode = EXCLUSIVE')
    probe.prepare('SELECT count(*) FROM sqlite_master').get()
    return 'free'
  } catch (err) {
    const code = errnoCode(err)
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'busy'
    throw new StartupError(sqliteFailure(sqlitePath, err))
  } finally {
    probe?.close()
  }
}

/** One line for an error SQLite gave on the database file. */
export function sqliteFailure(sqlitePath: string, err: unknown): string {
  const code = errnoCode(err) ?? ''
  const message = (err as Error).message
  if (code === 'SQLITE_NOTADB') return `${shown(sqlitePath)} is not a SQLite database (${message})`
  if (code.startsWith('SQLITE_READONLY')) return `the database ${shown(sqlitePath)} is read-only for ${who()} (${message})`
  if (code.startsWith('SQLITE_CANTOPEN')) return `cannot open the database ${shown(sqlitePath)}: check that ${who()} may read and write it and its folder (${message})`
  return `the database ${shown(sqlitePath)}: ${message}`
}

/** Connects once and says, naming host and port, why PostgreSQL would not have the app. */
export async function checkPostgres(url: string, connectTimeoutMs: number): Promise<void> {
  const target = postgresTarget(url)
  const where = `PostgreSQL at ${target.host}:${target.port}`
  const client = new Client({ ...target.pool, connectionTimeoutMillis: connectTimeoutMs })
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (err) {
    const code = errnoCode(err)
    const message = redact((err as Error).message, target.pool.password)
    if (code === 'ECONNREFUSED') throw new StartupError(`${where} refused the connection: is PostgreSQL running and listening on that port?`)
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new StartupError(`${where}: the host ${target.host} was not found`)
    if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /timeout/i.test(message)) {
      throw new StartupError(`${where} did not answer within ${Math.round(connectTimeoutMs / 1000)} s (${code ?? 'timeout'})`)
    }
    if (code === '28P01') throw new StartupError(`${where} refused the password for user "${target.pool.user}"`)
    if (code === '28000') throw new StartupError(`${where} does not let user "${target.pool.user}" in: ${message}`)
    if (code === '3D000') throw new StartupError(`${where} has no database "${target.pool.database}": create it first (createdb ${target.pool.database})`)
    throw new StartupError(`${where}: ${message}`)
  } finally {
    await client.end().catch(() => undefined)
  }
}

function redact(text: string, secret: string | undefined): string {
  // A one- or two-letter "password" would blank out ordinary letters of the message; pg never quotes it anyway.
  return secret && secret.length >= 3 ? text.split(secret).join('***') : text
}

/**
 * What the schema engine's own failure means, for the few that preflight cannot rule out: the file taken by another
 * connection between preflight and the engine (the engine's SQLite adapter calls SQLITE_BUSY a `SocketTimeout`).
 * Nothing is migrated then: in EXCLUSIVE mode the engine keeps the lock once it has it, so it can only be refused
 * at its first statement.
 */
export function migrationFailure(config: DatabaseConfig, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err)
  if (config.provider === 'sqlite' && /SocketTimeout|database is locked|SQLITE_BUSY/.test(message)) {
    return new StartupError(`another Keyclaims server (or another program) took the database ${shown(config.sqlitePath)} while migrating; nothing was migrated; stop it first, or set DATABASE_URL to another file`)
  }
  return err instanceof Error ? err : new Error(message)
}

/**
 * The one line a start script prints for any failure, then a non-zero exit: ours as they are, anything else by its
 * first line (the schema engine's run to dozens of WebAssembly frames); KEYCLAIMS_DEBUG=1 prints the whole error.
 */
export function startupFailureLine(err: unknown): string {
  if (err instanceof StartupError) return err.message
  const message = err instanceof Error ? err.message : String(err)
  return message.split('\n')[0] ?? message
}

export function exitOnStartupFailure(err: unknown): never {
  console.error(startupFailureLine(err))
  if (process.env.KEYCLAIMS_DEBUG === '1') console.error(err)
  process.exit(1)
}
