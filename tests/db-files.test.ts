/**
 * What the database's files leak and keep (decision 0010): the database, its -wal and -shm, and the auth secret are
 * readable by their owner only; a deleted account's rows are not left in the file's free pages; and migrations
 * that run on an existing database run after a backup of it.
 */
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseConfig } from '../lib/db/config'
import { createDb } from '../lib/db/prisma'
import { appliedMigrationNames, migrationNames } from '../lib/db/schema-engine'
import { ensureAuthSecret, prepareDatabase } from '../scripts/prepare'
import { createTestUser, freshDatabase } from './helpers'

const mode = (file: string) => statSync(file).mode & 0o777

let dir: string
let umaskBefore: number
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kc-files-'))
  umaskBefore = process.umask(0o022) // a usual login's umask: new files 0644 unless we say otherwise
})
afterEach(() => {
  process.umask(umaskBefore)
  rmSync(dir, { recursive: true, force: true })
})

describe('file modes', () => {
  it('a new database, its -wal and -shm are 0600', async () => {
    const config = databaseConfig({ DATABASE_URL: `file:${path.join(dir, 'var', 'new.db')}` })
    await prepareDatabase(config)
    const db = createDb(config)
    await createTestUser(db, 'ann')
    for (const suffix of ['', '-wal', '-shm']) expect([suffix, mode(config.sqlitePath + suffix)]).toEqual([suffix, 0o600])
    expect(mode(path.dirname(config.sqlitePath))).toBe(0o700)
    await db.close()
  })

  it('files an older version left 0644 are made 0600 on the next start', async () => {
    const config = databaseConfig({ DATABASE_URL: `file:${path.join(dir, 'old.db')}` })
    await prepareDatabase(config)
    // As a server killed mid-run leaves them: a -wal and -shm beside the database (empty ones are valid).
    for (const suffix of ['-wal', '-shm']) writeFileSync(config.sqlitePath + suffix, '')
    for (const suffix of ['', '-wal', '-shm']) chmodSync(config.sqlitePath + suffix, 0o644)
    await prepareDatabase(config)
    expect(mode(config.sqlitePath)).toBe(0o600)
    const db = createDb(config) // the server: SQLite makes its -wal and -shm anew, with the database's mode
    await createTestUser(db, 'ann')
    for (const suffix of ['', '-wal', '-shm']) expect([suffix, mode(config.sqlitePath + suffix)]).toEqual([suffix, 0o600])
    await db.close()
  })

  it('the auth secret is 0600, made new or found 0644', () => {
    const secretFile = path.join(dir, 'var', 'auth-secret')
    const secret = ensureAuthSecret({}, secretFile)
    expect(secret).toMatch(/^[\w-]{40,}$/)
    expect(mode(secretFile)).toBe(0o600)
    writeFileSync(secretFile, 'an-older-secret-made-world-readable\n')
    chmodSync(secretFile, 0o644)
    expect(mode(secretFile)).toBe(0o644)
    expect(ensureAuthSecret({}, secretFile)).toBe('an-older-secret-made-world-readable')
    expect(mode(secretFile)).toBe(0o600)
  })
})

describe('the app\'s connection', () => {
  it('zeroes what it deletes (secure_delete); SQLite leaves the fsync to the app (NORMAL, lib/db/wal-sync.ts)', async () => {
    const t = await freshDatabase()
    try {
      expect(await t.db.withSqlite((s) => [Number(s.pragma('secure_delete', { simple: true })), Number(s.pragma('synchronous', { simple: true }))])).toEqual([1, 1])
    } finally {
      await t.close()
    }
  })

  it('leaves nothing of a deleted account in the file', async () => {
    const t = await freshDatabase()
    try {
      const marker = 'ZqMarker-deleted-person-9f3e'
      await t.db.prisma.user.create({ data: { id: 'gone', name: marker, email: `${marker}@example.test` } })
      await t.db.prisma.userSettings.create({ data: { userId: 'gone', timeZone: 'Europe/Paris', rolloverHour: 4, displayLanguage: 'en', newPerDay: 20 } })
      await t.db.prisma.session.create({ data: { id: 'sg', token: `${marker}-token`, userId: 'gone', expiresAt: new Date('2027-01-01') } })
      await t.db.withSqlite((s) => s.pragma('wal_checkpoint(TRUNCATE)'))
      expect(readFileSync(path.join(t.dir, 'test.db')).includes(marker)).toBe(true) // it was there
      await t.db.prisma.user.delete({ where: { id: 'gone' } }) // cascades to settings and sessions
      await t.db.withSqlite((s) => s.pragma('wal_checkpoint(TRUNCATE)'))
      expect(readFileSync(path.join(t.dir, 'test.db')).includes(marker)).toBe(false)
      expect(readFileSync(path.join(t.dir, 'test.db-wal')).includes(marker)).toBe(false)
    } finally {
      await t.close()
    }
  })
})

describe('migrating an existing database', () => {
  const all = migrationNames(databaseConfig({}).migrationsDir)

  /** A database migrated up to all but the newest migration, with one person in it. */
  async function databaseOneMigrationBehind() {
    const older = path.join(dir, 'older-migrations')
    const real = databaseConfig({}).migrationsDir
    cpSync(real, older, { recursive: true, filter: (src) => !src.includes(all.at(-1)!) })
    const config = databaseConfig({ DATABASE_URL: `file:${path.join(dir, 'kc.db')}` })
    await prepareDatabase({ ...config, migrationsDir: older })
    const sqlite = new Database(config.sqlitePath)
    sqlite.prepare('INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 0, 0, 0)').run('ann', 'Ann', 'ann@example.test')
    sqlite.close()
    return config
  }

  const backupsOf = (config: { sqlitePath: string }) => {
    const folder = path.join(path.dirname(config.sqlitePath), 'backups')
    try {
      return readdirSync(folder).map((name) => path.join(folder, name))
    } catch {
      return []
    }
  }

  it('backs it up first: the backup has the data and lacks the migration', async () => {
    expect(all.length).toBeGreaterThan(1)
    const config = await databaseOneMigrationBehind()
    expect(backupsOf(config)).toEqual([]) // a brand-new database is not backed up
    await prepareDatabase(config)
    const [backup, ...more] = backupsOf(config)
    expect(more).toEqual([])
    expect(path.basename(backup!)).toMatch(/^kc-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-before-migrations\.db$/)
    expect(mode(backup!)).toBe(0o600)
    const copy = new Database(backup!, { readonly: true })
    expect(appliedMigrationNames(copy)).toEqual(all.slice(0, -1))
    expect(copy.prepare('SELECT email FROM "user"').pluck().all()).toEqual(['ann@example.test'])
    copy.close()
    const live = new Database(config.sqlitePath, { readonly: true })
    expect(appliedMigrationNames(live)).toEqual(all)
    live.close()
  })

  it('takes no backup when there is nothing to migrate', async () => {
    const config = await databaseOneMigrationBehind()
    await prepareDatabase(config)
    await prepareDatabase(config)
    expect(backupsOf(config)).toHaveLength(1)
  })
})
