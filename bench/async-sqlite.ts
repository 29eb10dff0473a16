/**
 * The shape the app did not take, for the benchmark only (decision 0007 compares the two): every use case awaited
 * statement by statement on both engines. Here on better-sqlite3 — a promise awaited per statement, each write in
 * its own BEGIN IMMEDIATE … COMMIT (no group commit: a write's statements are no longer one synchronous run, so
 * writes cannot share one transaction's savepoints without other requests' statements landing inside it), and a
 * gate held across each whole read or write (the connection is shared, as in the app). A write is answered after its
 * WAL is flushed to disk, as the app's are (lib/db/wal-sync.ts), so that both are equally durable.
 */
import type Database from 'better-sqlite3'
import { Gate } from '../lib/db/gate'
import { WalSync } from '../lib/db/wal-sync'
import { driveAsync, stepSqlite, type Executor, type Op, type Work } from '../lib/db/sql'

export function asyncSqliteExecutor(sqlite: Database.Database): Executor {
  const gate = new Gate()
  const begin = sqlite.prepare('BEGIN IMMEDIATE')
  const commit = sqlite.prepare('COMMIT')
  const rollback = sqlite.prepare('ROLLBACK')
  // What an asynchronous driver costs at the least: one promise per statement, resolved on the next microtask.
  const step = (op: Op) => Promise.resolve().then(() => stepSqlite(sqlite, op))
  const statement = (s: Database.Statement) => Promise.resolve().then(() => s.run())
  const walSync = new WalSync(`${sqlite.name}-wal`)
  const write = (work: () => Work<unknown>, then?: (written: unknown) => Work<unknown> | undefined) =>
    (async () => {
      let read: unknown
      const written = await gate.run(async () => {
        await statement(begin)
        try {
          const result = await driveAsync(work(), step)
          await statement(commit)
          // As the app's: the next cards are read before the flush to disk, which is awaited before answering.
          const next = then?.(result)
          if (next) read = await driveAsync(next, step)
          return result
        } catch (err) {
          if (sqlite.inTransaction) rollback.run()
          throw err
        }
      })
      await walSync.sync()
      return { written, read }
    })()
  const exec: Executor = {
    engine: 'sqlite',
    read: (work) => gate.run(() => driveAsync(work(), step)),
    write: async (work) => (await write(work)).written as never,
    writeAndRead: (work, then) => write(work, then as (written: unknown) => Work<unknown> | undefined) as never,
  }
  return exec
}
