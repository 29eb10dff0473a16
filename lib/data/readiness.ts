/**
 * Whether this server can take writes now (GET /api/ready): one row written and committed the way a grade is
 * (flushed to disk on SQLite), and on SQLite room left on the database's disk. A full disk, a read-only file or
 * database, or a database that does not answer all fail it.
 */
import 'server-only'
import { statfs } from 'node:fs/promises'
import path from 'node:path'
import { run, sql, type Executor } from '../db/sql'

/** Below this a SQLite database would soon refuse writes (its WAL grows by a page per write until a checkpoint). */
export const MIN_FREE_DISK_BYTES = 32 * 1024 * 1024

const TOUCH = sql(`INSERT INTO "Readiness" ("id", "checkedAt") VALUES (1, ?) ON CONFLICT ("id") DO UPDATE SET "checkedAt" = excluded."checkedAt"`)

export type Readiness = { ready: true; freeDiskBytes: number | null } | { ready: false; problem: string }

/** The database to check: its executor, and on SQLite the file's path (empty on PostgreSQL). */
export type ReadinessTarget = { exec: Executor; sqlitePath: string; minFreeDiskBytes?: number }

export async function checkReadiness({ exec, sqlitePath, minFreeDiskBytes = MIN_FREE_DISK_BYTES }: ReadinessTarget, now: Date): Promise<Readiness> {
  let freeDiskBytes: number | null = null
  if (exec.engine === 'sqlite' && sqlitePath) {
    try {
      const fs = await statfs(path.dirname(sqlitePath))
      freeDiskBytes = fs.bavail * fs.bsize
    } catch {
      return { ready: false, problem: 'the database folder cannot be read' }
    }
    if (freeDiskBytes < minFreeDiskBytes) return { ready: false, problem: `the database's disk has ${freeDiskBytes} bytes free, under ${minFreeDiskBytes}` }
  }
  try {
    await exec.write(function* () {
      yield* run(TOUCH, [now])
    })
  } catch (err) {
    // The engine's own words (SQLITE_FULL, "read-only", a connection refused) say what to fix; never a stack.
    const message = err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : 'unknown error'
    return { ready: false, problem: `the database refused a write: ${message}` }
  }
  return { ready: true, freeDiskBytes }
}
