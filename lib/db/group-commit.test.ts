import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GroupCommit } from './group-commit'

describe('GroupCommit', () => {
  let dir: string
  let sqlite: Database.Database
  /** A second connection, as another process would see the file: it sees only what was committed. */
  let other: Database.Database
  let commits: (() => void)[]
  let batch: GroupCommit

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kc-group-'))
    const file = path.join(dir, 'g.db')
    sqlite = new Database(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.exec(`CREATE TABLE log (id TEXT PRIMARY KEY);
      CREATE TABLE parent (id TEXT PRIMARY KEY);
      CREATE TABLE child (id TEXT PRIMARY KEY, parentId TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);`)
    other = new Database(file, { readonly: true })
    commits = []
    // The test decides when the batch's turn ends.
    batch = new GroupCommit(sqlite, (commit) => commits.push(commit))
  })
  afterEach(() => {
    other.close()
    sqlite.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const insert = (table: string, id: string, parentId?: string) => () =>
    table === 'child' ? sqlite.prepare('INSERT INTO child VALUES (?, ?)').run(id, parentId) : sqlite.prepare(`INSERT INTO ${table} VALUES (?)`).run(id)
  const committed = (table = 'log') => (other.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((r) => r.id)
  const settled = (p: Promise<unknown>) => Promise.race([p.then(() => 'resolved', () => 'rejected'), new Promise((r) => setTimeout(() => r('waiting'), 5))])

  it('commits writes that arrive together once, and acknowledges none before that commit', async () => {
    const a = batch.write(insert('log', 'a'))
    const b = batch.write(insert('log', 'b'))
    expect(commits).toHaveLength(1) // one COMMIT scheduled for both
    expect(batch.pending).toBe(2)
    expect(sqlite.prepare('SELECT count(*) AS n FROM log').get()).toEqual({ n: 2 }) // the connection's own reads see them
    expect(committed()).toEqual([]) // nobody else does yet
    expect(await settled(a)).toBe('waiting')

    commits[0]!()
    await Promise.all([a, b])
    expect(committed()).toEqual(['a', 'b'])
    expect(sqlite.inTransaction).toBe(false)

    // The next write opens the next batch.
    const c = batch.write(insert('log', 'c'))
    expect(commits).toHaveLength(2)
    commits[1]!()
    await c
    expect(committed()).toEqual(['a', 'b', 'c'])
  })

  it('undoes only the write that threw; the others in its batch are kept', async () => {
    const a = batch.write(insert('log', 'a'))
    const bad = batch.write(() => {
      insert('log', 'b')()
      throw new Error('FSRS said no')
    })
    const c = batch.write(insert('log', 'c'))
    await expect(bad).rejects.toThrow('FSRS said no')
    batch.flush()
    await Promise.all([a, c])
    expect(committed()).toEqual(['a', 'c'])
  })

  it('rejects every write of a batch whose COMMIT fails, keeps none of them, and goes on with the next', async () => {
    const a = batch.write(insert('log', 'a'))
    // A deferred foreign key is checked at COMMIT: the whole batch's COMMIT fails.
    const orphan = batch.write(insert('child', 'x', 'no-such-parent'))
    batch.flush()
    await expect(a).rejects.toThrow(/FOREIGN KEY/)
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/)
    expect(sqlite.inTransaction).toBe(false)
    expect(committed()).toEqual([])
    expect(committed('child')).toEqual([])

    const b = batch.write(insert('log', 'b'))
    batch.flush()
    await b
    expect(committed()).toEqual(['b'])
  })

  it('commits on flush() for whoever needs the connection outside the batch, and a later commit call does nothing', async () => {
    const a = batch.write(insert('log', 'a'))
    batch.flush()
    await a
    expect(committed()).toEqual(['a'])
    commits[0]!() // the turn's scheduled commit finds nothing open
    expect(sqlite.inTransaction).toBe(false)
    expect(() => sqlite.exec('BEGIN; COMMIT')).not.toThrow() // the connection is free for its own transaction
  })

  it("runs a write's afterCommit once its batch is committed, while the flush to disk runs, and settles the write only after that flush", async () => {
    let flushed!: () => void
    const flushes: string[] = []
    const durable = () => {
      flushes.push('started')
      return new Promise<void>((resolve) => (flushed = resolve))
    }
    const withFlush = new GroupCommit(sqlite, (commit) => commits.push(commit), durable)
    const seen: { committed: string[]; flushes: string[]; inTransaction: boolean }[] = []
    const a = withFlush.write(insert('log', 'a'), () => seen.push({ committed: committed(), flushes: [...flushes], inTransaction: sqlite.inTransaction }))
    expect(seen).toEqual([]) // not before the COMMIT
    commits[0]!()
    // Another connection sees the write: it was committed; the flush had begun; no transaction was open on the connection.
    expect(seen).toEqual([{ committed: ['a'], flushes: ['started'], inTransaction: false }])
    expect(await settled(a)).toBe('waiting')
    flushed()
    await a
  })

  it('runs no afterCommit for a write that threw, nor for a batch whose COMMIT failed', async () => {
    const ran: string[] = []
    const bad = batch.write(() => {
      throw new Error('FSRS said no')
    }, () => ran.push('bad'))
    await expect(bad).rejects.toThrow('FSRS said no')
    const orphan = batch.write(insert('child', 'x', 'no-such-parent'), () => ran.push('orphan'))
    batch.flush()
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/)
    expect(ran).toEqual([])
    // The positive control: the same call on a write that commits runs it.
    const good = batch.write(insert('log', 'g'), () => ran.push('good'))
    batch.flush()
    await good
    expect(ran).toEqual(['good'])
  })
})
