/**
 * A first-come, first-served lock. The app shares one SQLite connection between all requests; while one request
 * has a transaction open on it, any other request's statement would run inside that transaction (and be rolled
 * back with it). Every use of the connection therefore passes through one gate.
 */
export class Gate {
  private tail: Promise<void> = Promise.resolve()

  /** Resolves when the caller holds the gate; call the returned function exactly once to pass it on. */
  acquire(): Promise<() => void> {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const ready = this.tail.then(() => {
      let released = false
      return () => {
        if (!released) {
          released = true
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
