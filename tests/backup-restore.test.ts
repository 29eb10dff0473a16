/**
 * Backups and restore (decision 0010): a backup taken while the database is in use gives back every person's
 * states and logs exactly; a restore refuses while anything holds the database, refuses a file that is not a sound
 * Keyclaims database, replaces nothing when it refuses, and signs everyone out.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupSettings, backupSqlite, listBackups } from '../lib/db/backup'
import { databaseConfig } from '../lib/db/config'
import { createDb } from '../lib/db/prisma'
import { RestoreError, databaseInUse, restoreSqlite } from '../lib/db/restore'
import { exportUserData } from '../lib/data/export'
import { createTestUser, freshDatabase, type TestDb } from './helpers'

const MORNING = new Date('2026-03-02T14:00:00Z')
const migrationsDir = databaseConfig({}).migrationsDir
/** The export's own time, the same for every export compared. */
const EXPORTED_AT = new Date('2027-01-01T00:00:00Z')

let t: TestDb
let file: string
let backups: string
beforeEach(async () => {
  t = await freshDatabase()
  file = path.join(t.dir, 'test.db')
  backups = path.join(t.dir, 'backups')
  await createTestUser(t.db, 'ann')
  await createTestUser(t.db, 'bob', { timeZone: 'Asia/Shanghai', newPerDay: 7 })
  for (const id of ['ann', 'bob']) {
    await t.db.prisma.session.create({ data: { id: `s-${id}`, token: `token-${id}`, userId: id, expiresAt: new Date('2027-01-01') } })
  }
  await t.db.prisma.verification.create({ data: { id: 'v1', identifier: 'ann@example.test', value: 'reset-code', expiresAt: new Date('2027-01-01') } })
})
afterEach(async () => t.close())

/** Grades `count` of the person's queue with ratings cycling 1–4; returns their review ids. */
async function gradeSome(userId: string, count: number, now = MORNING): Promise<string[]> {
  const study = t.study()
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const [card] = await study.studyQueue(userId, now, 1)
    const reviewId = randomUUID()
    const result = await study.gradeCard(userId, { reviewId, cardId: card!.cardId, rating: (1 + (i % 4)) as 1 | 2 | 3 | 4, version: card!.version, durationMs: 2500 + i }, now)
    expect(result.kind).toBe('graded')
    ids.push(reviewId)
  }
  return ids
}

const restore = (source: string) => restoreSqlite({ source, sqlitePath: file, migrationsDir, backups: { dir: backups, keep: 10 }, now: new Date() })
const logCount = (sqlitePath: string) => {
  const sqlite = new Database(sqlitePath, { readonly: true })
  try {
    return Number(sqlite.prepare('SELECT COUNT(*) FROM "ReviewLog"').pluck().get())
  } finally {
    sqlite.close()
  }
}

describe('backup, then restore', () => {
  it('gives every person back the same settings, card states and review logs; later grades are gone; nobody stays signed in', async () => {
    await gradeSome('ann', 12)
    await gradeSome('bob', 5)
    // Ann's own FSRS weights (issue #35) and her place in the reading (issue #38) are hers in the export and come back with the restore.
    const weights = Array.from({ length: 21 }, (_, i) => 0.1 + i / 10)
    await t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data: { fsrsParameters: JSON.stringify({ w: weights }) } })
    await t.db.prisma.readingPlace.create({ data: { userId: 'ann', deckId: 'sutskever-2023-11', sectionId: '01', passage: 1, updatedAt: new Date('2026-03-02T14:00:00Z') } })
    const before = { ann: await exportUserData('ann', EXPORTED_AT, t.db.prisma), bob: await exportUserData('bob', EXPORTED_AT, t.db.prisma) }
    expect(before.ann.settings.fsrsParameters).toEqual({ w: weights })
    expect(before.bob.settings.fsrsParameters).toBeNull()
    expect(before.ann.reading).toMatchObject({ sectionId: '01', passage: 1 })
    expect(before.bob.reading).toBeNull()
    // Online: the database is open and in use while the backup is taken.
    const backup = backupSqlite(file, { dir: backups, keep: 10, now: new Date('2026-03-02T14:05:00Z') })
    expect(path.basename(backup.file)).toBe('test-2026-03-02T14-05-00.000Z.db')
    expect(backup).toMatchObject({ people: 2, reviews: 17 })
    const later = await gradeSome('ann', 3, new Date('2026-03-02T15:00:00Z'))
    await t.db.close()

    const result = restore(backup.file)
    expect(result).toMatchObject({ people: 2, reviews: 17, sessionsRemoved: 0, pending: [] })
    const restored = createDb(databaseConfig({ DATABASE_URL: `file:${file}` }))
    try {
      expect(await exportUserData('ann', EXPORTED_AT, restored.prisma)).toEqual(before.ann)
      expect(await exportUserData('bob', EXPORTED_AT, restored.prisma)).toEqual(before.bob)
      expect(before.ann.reviewLogs).toHaveLength(12)
      expect(await restored.prisma.reviewLog.count({ where: { id: { in: later } } })).toBe(0)
      expect(await restored.prisma.session.count()).toBe(0)
      expect(await restored.prisma.verification.count()).toBe(0)
    } finally {
      await restored.close()
    }
    // What was replaced is kept: its later grades are in the backup taken before the restore.
    expect(result.previous).toMatch(/-before-restore\.db$/)
    expect(logCount(result.previous!)).toBe(20)
  })

  it('holds no sessions or verification codes, and is readable by its owner only', async () => {
    const backup = backupSqlite(file, { dir: backups, keep: 10, now: new Date() })
    expect(statSync(backup.file).mode & 0o777).toBe(0o600)
    expect(statSync(backups).mode & 0o777).toBe(0o700)
    const copy = new Database(backup.file, { readonly: true })
    expect(copy.prepare('SELECT COUNT(*) FROM "session"').pluck().get()).toBe(0)
    expect(copy.prepare('SELECT COUNT(*) FROM "verification"').pluck().get()).toBe(0)
    expect(copy.prepare('SELECT COUNT(*) FROM "user"').pluck().get()).toBe(2)
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete') // one self-contained file
    copy.close()
    // Their values are not left in free pages of the file either.
    expect(statSync(backup.file).size).toBeGreaterThan(0)
    const bytes = readFileSync(backup.file)
    expect(bytes.includes('token-ann')).toBe(false)
    expect(bytes.includes('reset-code')).toBe(false)
    // The live database still has them.
    expect(await t.db.prisma.session.count()).toBe(2)
  })

  it('keeps the newest 10 backups (KEYCLAIMS_BACKUP_KEEP), removing the oldest', () => {
    const made: string[] = []
    for (let i = 0; i < 12; i++) made.push(backupSqlite(file, { dir: backups, keep: 10, now: new Date(Date.UTC(2026, 2, 2, 10, i)) }).file)
    expect(listBackups(file, backups)).toEqual(made.slice(2))
    expect(existsSync(made[0]!)).toBe(false)
    expect(backupSettings(file, {})).toEqual({ dir: backups, keep: 10 })
    expect(backupSettings(file, { KEYCLAIMS_BACKUP_KEEP: '3', KEYCLAIMS_BACKUP_DIR: '/srv/kc-backups' })).toEqual({ dir: '/srv/kc-backups', keep: 3 })
    expect(() => backupSettings(file, { KEYCLAIMS_BACKUP_KEEP: '0' })).toThrow(/KEYCLAIMS_BACKUP_KEEP must be at least 1; got "0"/)
    expect(() => backupSettings(file, { KEYCLAIMS_BACKUP_KEEP: 'ten' })).toThrow(/KEYCLAIMS_BACKUP_KEEP must be a whole number; got "ten"/)
  })
})

describe('restore refuses, and replaces nothing', () => {
  let holder: ChildProcess | undefined
  afterEach(() => {
    holder?.kill('SIGKILL')
    holder = undefined
  })

  function expectUnchanged(logsBefore: number) {
    expect(logCount(file)).toBe(logsBefore)
    expect(readdirSync(t.dir).filter((name) => name.includes('.restoring'))).toEqual([])
  }

  it('while a server has the database open', async () => {
    await gradeSome('ann', 2)
    const backup = backupSqlite(file, { dir: backups, keep: 10, now: new Date() })
    await gradeSome('ann', 2) // the open database (this test's "server") has moved on since
    expect(databaseInUse(file)).toBe(true)
    expect(() => restore(backup.file)).toThrow(RestoreError)
    expect(() => restore(backup.file)).toThrow(/is open in another process \(a running server\?\)\. Stop the server first/)
    expectUnchanged(4)
    expect(listBackups(file, backups)).toEqual([backup.file]) // and took no "before-restore" backup
  })

  it('while another process holds it, and goes ahead once it has closed it', async () => {
    const backup = backupSqlite(file, { dir: backups, keep: 10, now: new Date() })
    await gradeSome('bob', 3)
    await t.db.close()
    expect(databaseInUse(file)).toBe(false)
    // A process that opened the database and read from it: the way any server or script holds it.
    holder = spawn(process.execPath, ['-e', `const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)}); d.prepare('SELECT COUNT(*) FROM "user"').get(); console.log('holding'); setInterval(() => {}, 1000)`], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve) => holder!.stdout!.once('data', () => resolve()))
    expect(() => restore(backup.file)).toThrow(/is open in another process/)
    expectUnchanged(3)
    // It does not keep readers out while it checks: the holder's process is untouched, and others still read.
    expect(logCount(file)).toBe(3)
    holder.kill('SIGKILL')
    await new Promise((r) => holder!.once('exit', r))
    holder = undefined
    expect(restore(backup.file)).toMatchObject({ reviews: 0 })
    expect(logCount(file)).toBe(0)
  })

  describe('a file that is not a sound Keyclaims backup', () => {
    beforeEach(async () => {
      await gradeSome('ann', 3)
      await t.db.close() // so that the restore gets as far as checking the file
    })
    const attempt = (source: string) => {
      try {
        restore(source)
      } catch (err) {
        expect(err).toBeInstanceOf(RestoreError)
        expectUnchanged(3)
        return (err as Error).message
      }
      throw new Error('the restore went ahead')
    }

    it('a text file, a missing file, the database itself', () => {
      const text = path.join(t.dir, 'notes.db')
      writeFileSync(text, 'these are not the droids\n'.repeat(200))
      expect(attempt(text)).toMatch(/notes\.db is not a SQLite database/)
      expect(attempt(path.join(t.dir, 'nope.db'))).toMatch(/There is no file .*nope\.db/)
      expect(attempt(file)).toMatch(/is the database itself/)
    })

    it('a damaged backup', () => {
      const backup = backupSqlite(file, { dir: backups, keep: 10, now: new Date() }).file
      const fd = openSync(backup, 'r+')
      const pageBytes = 4096
      for (let page = 2; page < statSync(backup).size / pageBytes; page += 3) writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, page * pageBytes + 8)
      closeSync(fd)
      expect(attempt(backup)).toMatch(/is damaged/)
    })

    it('another application\'s SQLite database', () => {
      const other = path.join(t.dir, 'other.db')
      const sqlite = new Database(other)
      sqlite.exec('CREATE TABLE user (id TEXT); CREATE TABLE notes (body TEXT)')
      sqlite.close()
      expect(attempt(other)).toMatch(/is not a Keyclaims database: it has no session, account, verification, Deck, .* tables/)
    })

    it('a backup made by a newer version, or copied mid-migration', () => {
      const newer = backupSqlite(file, { dir: backups, keep: 10, now: new Date() }).file
      const sqlite = new Database(newer)
      sqlite.prepare("INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'c', '20991231000000_from_the_future', 0, 1, 1)").run()
      sqlite.close()
      expect(attempt(newer)).toMatch(/made by a newer version of Keyclaims \(migrations 20991231000000_from_the_future are unknown here\)/)
      const half = backupSqlite(file, { dir: backups, keep: 10, now: new Date() }).file
      const h = new Database(half)
      h.prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = (SELECT MAX(migration_name) FROM _prisma_migrations)").run()
      h.close()
      expect(attempt(half)).toMatch(/has a migration that never finished/)
    })

    it('a live database with its write-ahead log beside it', () => {
      const live = path.join(t.dir, 'live.db')
      const sqlite = new Database(live)
      sqlite.pragma('journal_mode = WAL')
      sqlite.exec('CREATE TABLE x (y)')
      expect(attempt(live)).toMatch(/has a write-ahead log beside it/)
      sqlite.close()
    })
  })
})

describe('on PostgreSQL', () => {
  it('npm run backup and npm run restore say to use pg_dump and pg_restore, and exit non-zero', () => {
    const env = { ...process.env, DATABASE_URL: 'postgresql://keyclaims@127.0.0.1:5432/keyclaims' }
    for (const script of ['scripts/backup.ts', 'scripts/restore.ts']) {
      const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script, ...(script.includes('restore') ? ['some.dump'] : [])], { env, encoding: 'utf8' })
      expect(run.status).toBe(2)
      expect(run.stderr).toMatch(/pg_dump --format=custom/)
      expect(run.stderr).toMatch(/pg_restore/)
    }
  })
})
