/**
 * Durable commits without blocking the server. `synchronous = FULL` makes SQLite fsync the WAL inside every COMMIT,
 * on the thread that runs it: the server's only thread. On this project's shared 2-core VM an fsync took 4–9 ms
 * under load, the event loop stood still for each one, and grading over HTTP fell to 0.29 of the trivial route
 * (docs/decisions/0010-durability.md). So the connection runs `synchronous = NORMAL` (commits are ordered and the
 * file stays consistent, but not yet on disk), and this class flushes the WAL with fdatasync on libuv's thread
 * pool; a write is acknowledged only once a flush that began after its COMMIT has finished. That is FULL's promise
 * (what was acknowledged is on disk) while the server goes on parsing, reading and committing the next batch.
 *
 * Flushes coalesce: while one is running, everything committed meanwhile waits for the next one, so there is at
 * most one fsync in flight and one queued, however many commits arrive.
 */
import { close, closeSync, existsSync, fdatasync, fstatSync, openSync } from 'node:fs'

type Waiter = { resolve: () => void; reject: (err: unknown) => void }

export class WalSync {
  private fd: number | undefined
  private running = false
  private waiting: Waiter[] = []
  /** Flushes done (for tests and the benchmark's figures). */
  flushes = 0

  constructor(private readonly walPath: string) {}

  /** Resolves once everything this process committed before the call is on disk. */
  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      if (!this.running) this.flush()
    })
  }

  private flush(): void {
    const batch = this.waiting
    this.waiting = []
    this.running = true
    let fd: number | undefined
    try {
      fd = this.walFd()
    } catch (err) {
      this.finish(batch, err)
      return
    }
    if (fd === undefined) queueMicrotask(() => this.finish(batch, null))
    else fdatasync(fd, (err) => this.finish(batch, err))
  }

  private finish(batch: Waiter[], err: unknown): void {
    this.running = false
    this.flushes++
    if (err) {
      // A failed fsync may have dropped the dirty pages: nothing in this batch can be called durable. The callers
      // answer an error and the clients retry with the same review ids (answered as replays if the data survived).
      console.error(`fsync of ${this.walPath} failed: ${(err as Error).message}`)
      for (const w of batch) w.reject(err)
    } else {
      for (const w of batch) w.resolve()
    }
    if (this.waiting.length > 0) this.flush()
  }

  /**
   * The WAL's descriptor, opened after the first commit made the file, and opened again should it be replaced;
   * undefined while there is no WAL (nothing committed yet: the connection that made it would keep it).
   */
  private walFd(): number | undefined {
    // One system call per flush while the file stays (SQLite removes the WAL, never replaces it in place: a file
    // still linked is the one being written). It was three (exists, stat, fstat) before.
    if (this.fd !== undefined) {
      if (fstatSync(this.fd).nlink > 0) return this.fd
      closeSync(this.fd)
      this.fd = undefined
    }
    if (!existsSync(this.walPath)) return undefined
    this.fd = openSync(this.walPath, 'r') // fdatasync flushes the file, whichever descriptor asks
    return this.fd
  }

  close(): void {
    if (this.fd !== undefined) close(this.fd, () => undefined)
    this.fd = undefined
  }
}
