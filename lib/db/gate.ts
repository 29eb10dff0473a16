/**
 * A first-come, first-served lock. The app shares one SQLite connection between all requests; while one request
 * has a transaction open on it, any other request's statement would run inside that transaction (and be rolled
 * back with it). Every use of the connection therefore passes through one gate.
 */
export class Gate {
  private tail: Promise<void> = Promise.resolve()
  /** Holders and waiters; 0 means free. */
  private queued = 0

  /**
   * Runs synchronous `work` at once when nobody holds or awaits the gate (the common case: no promise, no hop),
   * else after the others. Never interleaves with a holder.
   */
  runSync<T>(work: () => T): T | Promise<T> {
    if (this.queued === 0) {
      this.queued++
      try {
        return work()
      } finally {
        this.queued--
      }
    }
    return this.run(work)
  }

  /** Resolves when the caller holds the gate; call the returned function exactly once to pass it on. */
  acquire(): Promise<() => void> {
    let release!: () => void
    this.queued++
    const held = new Promise<void>((resolve) => (release = resolve))
    const ready = this.tail.then(() => {
      let released = false
      return () => {
        if (!released) {
          released = true
          this.queued--
          release()
        }
      }
    })
    this.tail = this.tail.then(() => held)
    return ready
  }

  async run<T>(work: () => T | Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await work()
    } finally {
      release()
    }
  }
}
