/**
 * Group commit for the app's one SQLite connection. Under load, a commit (BEGIN + COMMIT, the WAL frames of every
 * page the transaction touched) was a large share of a grade's cost on the server. Writes that arrive in the same
 * turn of the event loop share one transaction: each runs in its own savepoint (a write that throws undoes only
 * itself), and all of them are committed together once the turn's I/O callbacks have run (setImmediate). A write's
 * promise settles only after that COMMIT has reached the disk (`durable`), so nobody is told "saved" before it is;
 * if the COMMIT or its flush fails, every write in it is rejected, and each caller answers with an error (a grade is
 * retried with its own id).
 *
 * While a batch is open, the connection's reads run inside it and see its writes (the same process wrote them). A
 * write's own follow-up read (`afterCommit`) runs after the COMMIT instead, overlapping the flush to disk.
 * Anything else that starts its own statements or transaction on the connection (Prisma) must `flush()` first.
 */
import type Database from 'better-sqlite3'

type Waiting = { settle: () => void; fail: (err: unknown) => void; afterCommit?: () => void }

export class GroupCommit {
  private readonly begin: Database.Statement
  private readonly commit: Database.Statement
  private readonly rollback: Database.Statement
  private readonly savepoint: Database.Statement
  private readonly release: Database.Statement
  private readonly rollbackTo: Database.Statement
  private waiting: Waiting[] = []
  private open = false

  constructor(
    private readonly sqlite: Database.Database,
    /** When the open batch is committed; the default lets every request whose bytes have arrived join it. */
    private readonly schedule: (commit: () => void) => void = (commit) => void setImmediate(commit),
    /** Resolves once what was committed is on disk (lib/db/wal-sync.ts); writes are settled only then. */
    private readonly durable: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.begin = sqlite.prepare('BEGIN IMMEDIATE')
    this.commit = sqlite.prepare('COMMIT')
    this.rollback = sqlite.prepare('ROLLBACK')
    this.savepoint = sqlite.prepare('SAVEPOINT one_write')
    this.release = sqlite.prepare('RELEASE one_write')
    this.rollbackTo = sqlite.prepare('ROLLBACK TO one_write')
  }

  /** Writes waiting for the open batch's COMMIT (for tests). */
  get pending(): number {
    return this.waiting.length
  }

  /**
   * Runs synchronous `work` now, in the open batch (opening one), and resolves with its result once the batch is
   * committed and on disk. If `work` throws, its own changes are undone and the promise rejects; the batch goes on.
   * `afterCommit` (which must not throw) runs right after the batch's COMMIT succeeded, on the same connection outside
   * any transaction, while the flush to disk runs on another thread: a grade's next cards are read then, so the
   * reading and the flushing overlap. It does not run when `work` threw or the COMMIT failed.
   */
  write<T>(work: () => T, afterCommit?: () => void): Promise<T> {
    if (!this.open) {
      this.begin.run() // IMMEDIATE: takes the write lock now, so the COMMIT cannot meet another writer's lock
      this.open = true
      this.schedule(() => this.flush())
    }
    this.savepoint.run()
    let result: T
    try {
      result = work()
    } catch (err) {
      if (this.sqlite.inTransaction) {
        this.rollbackTo.run()
        this.release.run()
      } else {
        // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction: the batch is gone.
        this.failBatch(err)
      }
      return Promise.reject(err)
    }
    this.release.run()
    return new Promise<T>((resolve, reject) => this.waiting.push({ settle: () => resolve(result), fail: reject, afterCommit }))
  }

  /** Commits the open batch, if any, and settles its writes. Synchronous: nothing else runs on the connection meanwhile. */
  flush(): void {
    if (!this.open) return
    const waiting = this.waiting
    this.waiting = []
    this.open = false
    try {
      this.commit.run()
    } catch (err) {
      // A failed COMMIT may leave the transaction open (SQLITE_BUSY) or already rolled back (I/O error, full disk).
      if (this.sqlite.inTransaction) this.rollback.run()
      for (const w of waiting) w.fail(err)
      return
    }
    // The next batch may open and commit while this one's flush to disk runs off the main thread.
    this.durable().then(
      () => waiting.forEach((w) => w.settle()),
      (err: unknown) => waiting.forEach((w) => w.fail(err)),
    )
    // Started after the flush, so that they run while it does. Still synchronous: no other statement interleaves.
    for (const w of waiting) w.afterCommit?.()
  }

  private failBatch(err: unknown): void {
    const waiting = this.waiting
    this.waiting = []
    this.open = false
    for (const w of waiting) w.fail(err)
  }
}
