/**
 * The database's files are readable by their owner only: they hold every person's email, password hash and
 * history. SQLite creates a database's -wal and -shm with the database file's own mode, so a database file made
 * 0600 before SQLite first opens it keeps all three private; files made by an older version (0644) are fixed here.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync } from 'node:fs'
import path from 'node:path'

export const OWNER_ONLY = 0o600
export const OWNER_ONLY_DIR = 0o700
/** A SQLite database is up to three files: the database, its write-ahead log and the log's shared-memory index. */
export const SQLITE_FILE_SUFFIXES = ['', '-wal', '-shm'] as const

/** Creates `dir` (owner only) if it is missing; an existing folder keeps the mode its owner gave it. */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR })
}

/** Makes an existing file owner-only; nothing if it does not exist. */
export function restrictFile(file: string): void {
  if (existsSync(file)) chmodSync(file, OWNER_ONLY)
}

/**
 * Before SQLite opens `sqlitePath`: creates it empty and owner-only if it is missing (an empty file is an empty
 * database), and makes it and its -wal and -shm owner-only if they exist.
 */
export function restrictDatabaseFiles(sqlitePath: string): void {
  ensurePrivateDir(path.dirname(sqlitePath))
  if (!existsSync(sqlitePath)) closeSync(openSync(sqlitePath, 'a', OWNER_ONLY))
  for (const suffix of SQLITE_FILE_SUFFIXES) restrictFile(sqlitePath + suffix)
}

/** Flushes a file, or a folder's entries (after a rename), to disk: so a power cut cannot undo it. */
export function fsyncPath(p: string): void {
  const fd = openSync(p, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
