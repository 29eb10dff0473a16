import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startCheckpointer } from './checkpointer'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kc-ckpt-'))
  file = path.join(dir, 'c.db')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

it('keeps the WAL near its limit while writes keep coming', async () => {
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('wal_autocheckpoint = 0') // as the app's connection: without the worker the WAL only grows
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)')
  const limitBytes = 256 * 1024
  const stop = startCheckpointer(file, 20, limitBytes)
  const insert = sqlite.prepare('INSERT INTO t (body) VALUES (randomblob(3000))')
  let framesWritten = 0
  for (let burst = 0; burst < 40; burst++) {
    for (let i = 0; i < 20; i++) insert.run() // one commit, at least one page, each
    framesWritten += 20
    await new Promise((r) => setTimeout(r, 5))
  }
  const pageBytes = sqlite.pragma('page_size', { simple: true }) as number
  expect(framesWritten * pageBytes).toBeGreaterThan(8 * limitBytes)
  // Frames in the WAL since it last started over: about the limit plus what came in before the next checkpoint.
  // On a loaded machine the worker may be a few intervals behind the last burst: give it up to two seconds.
  const framesInWal = () => (sqlite.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }])[0].log
  let frames = framesInWal()
  for (let waited = 0; frames * pageBytes >= 5 * limitBytes && waited < 2000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50))
    frames = framesInWal()
  }
  await stop()
  // Judged as the running worker left it (a reading after it stopped can differ).
  expect(frames * pageBytes).toBeLessThan(5 * limitBytes) // without the worker: all of them, over 8 × the limit
  sqlite.close()
})

/** The WAL index's counters, read as https://www.sqlite.org/walformat.html lays them out (little-endian here). */
function walCounters(dbFile: string): { written: number; copied: number } {
  const header = readFileSync(`${dbFile}-shm`).subarray(0, 100)
  return { written: header.readUInt32LE(16), copied: header.readUInt32LE(96) }
}

it('leaves a busy WAL alone below the backlog, and checkpoints it once the writes pause', async () => {
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('wal_autocheckpoint = 0')
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)')
  const stop = startCheckpointer(file, 20)
  const insert = sqlite.prepare('INSERT INTO t (body) VALUES (randomblob(100))')
  // Writes keep coming for 15 ticks: each checkpoint that copied frames would fsync under the grades' own flushes.
  // A commit a millisecond, without yielding (a timer could sleep past a tick on a loaded machine and make a lull).
  // At least 60 commits however slow each is (a loaded machine's fsyncs took 32 into 300 ms once): still no lull.
  const until = Date.now() + 300
  for (let n = 0, next = Date.now(); next < until || n < 60; n++, next = Date.now() + 1) {
    insert.run()
    while (Date.now() < next); // spin
  }
  const busy = walCounters(file)
  expect(busy.written).toBeGreaterThan(50)
  expect(busy.copied).toBe(0) // without the look before each checkpoint: copied every tick
  // A lull: the worker copies everything within a few ticks.
  let idle = walCounters(file)
  for (let waited = 0; idle.copied < idle.written && waited < 2000; waited += 20) {
    await new Promise((r) => setTimeout(r, 20))
    idle = walCounters(file)
  }
  await stop()
  expect(idle.copied).toBe(idle.written)
  sqlite.close()
})

it("never drops the connection's locks on the WAL index: another process opening the database cannot reset it under us", async () => {
  // POSIX drops every lock a process holds on a file when any descriptor of that file in the process is closed. A
  // worker that opened and closed the -shm file each tick left the server's connection without its shared lock; the
  // next process to open the database then took itself for the first, truncated the -shm file, and the server died of
  // SIGBUS at its next read (seen in the e2e runs, 2026-12-01).
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('wal_autocheckpoint = 0')
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)')
  const stop = startCheckpointer(file, 10)
  const insert = sqlite.prepare('INSERT INTO t (body) VALUES (randomblob(100))')
  for (let i = 0; i < 20; i++) {
    insert.run()
    await new Promise((r) => setTimeout(r, 10))
  }
  // Whether another process could take the WAL index's "dead man switch" lock (byte 128 of the -shm file) for
  // itself, as the first connection does before it resets the file. python3 is on every machine that builds
  // better-sqlite3 (node-gyp needs it); Node has no fcntl.
  const probe = `import fcntl, os
fd = os.open(${JSON.stringify(`${file}-shm`)}, os.O_RDWR)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128, 0)
    print('taken')
except OSError:
    print('held')`
  expect(execFileSync('python3', ['-c', probe]).toString().trim()).toBe('held') // 'taken' with a worker that closed the file
  insert.run()
  expect(sqlite.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 21 })
  await stop()
  sqlite.close()
})
