import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GroupCommit } from './group-commit'
import { WalSync } from './wal-sync'

const settled = (p: Promise<unknown>) => Promise.race([p.then(() => 'resolved', () => 'rejected'), new Promise((r) => setTimeout(() => r('waiting'), 20))])

describe('acknowledged only once on disk', () => {
  let dir: string
  let sqlite: Database.Database
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kc-walsync-'))
    sqlite = new Database(path.join(dir, 'w.db'))
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.exec('CREATE TABLE log (id TEXT PRIMARY KEY)')
  })
  afterEach(() => {
    sqlite.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a grouped write settles after its COMMIT and then its flush to disk, not before', async () => {
    let flushed!: () => void
    const flushes: Promise<void>[] = []
    const batch = new GroupCommit(sqlite, (commit) => void setImmediate(commit), () => {
      const f = new Promise<void>((resolve) => (flushed = resolve))
      flushes.push(f)
      return f
    })
    const a = batch.write(() => sqlite.prepare('INSERT INTO log VALUES (?)').run('a'))
    await new Promise((r) => setImmediate(r)) // the batch's turn ends: COMMIT
    expect(sqlite.inTransaction).toBe(false)
    expect(flushes).toHaveLength(1)
    expect(await settled(a)).toBe('waiting') // committed, but not yet known to be on disk
    // Meanwhile the next batch opens, commits and waits for its own flush.
    const b = batch.write(() => sqlite.prepare('INSERT INTO log VALUES (?)').run('b'))
    flushed()
    expect(await settled(a)).toBe('resolved')
    expect(await settled(b)).toBe('waiting')
    flushed()
    expect(await settled(b)).toBe('resolved')
  })

  it('a failed flush fails every write of its batch', async () => {
    const batch = new GroupCommit(sqlite, (commit) => void setImmediate(commit), () => Promise.reject(new Error('EIO')))
    const writes = [1, 2].map((n) => batch.write(() => sqlite.prepare('INSERT INTO log VALUES (?)').run(`w${n}`)))
    expect(await Promise.allSettled(writes)).toMatchObject([{ status: 'rejected' }, { status: 'rejected' }])
  })

  it('WalSync flushes the WAL, one fsync at a time, those who asked meanwhile sharing the next', async () => {
    const wal = new WalSync(path.join(dir, 'w.db-wal'))
    sqlite.prepare('INSERT INTO log VALUES (?)').run('x')
    const first = wal.sync()
    const more = [wal.sync(), wal.sync(), wal.sync()] // asked while the first flush runs
    await Promise.all([first, ...more])
    expect(wal.flushes).toBe(2)
    wal.close()
  })

  it('WalSync with no WAL yet has nothing to flush', async () => {
    const wal = new WalSync(path.join(dir, 'never.db-wal'))
    await expect(wal.sync()).resolves.toBeUndefined()
  })

  it('WalSync follows a WAL that SQLite removed and made again', async () => {
    const file = path.join(dir, 'w.db')
    const wal = new WalSync(`${file}-wal`)
    sqlite.prepare('INSERT INTO log VALUES (?)').run('before')
    await wal.sync()
    sqlite.close() // the last connection checkpoints and removes the WAL
    expect(existsSync(`${file}-wal`)).toBe(false)
    await expect(wal.sync()).resolves.toBeUndefined()
    sqlite = new Database(file)
    sqlite.prepare('INSERT INTO log VALUES (?)').run('after')
    expect(existsSync(`${file}-wal`)).toBe(true)
    const flushes = wal.flushes
    await wal.sync()
    expect(wal.flushes).toBe(flushes + 1)
    wal.close()
  })
})
