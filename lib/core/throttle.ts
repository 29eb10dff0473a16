/**
 * A sliding-window limit on attempts per key (e.g. sign-in failures per email). better-auth rate-limits requests
 * to its own routes, but not calls made from server actions, which is how our forms sign in: this fills the gap.
 * In memory, per process: enough for one server; a fleet would keep it in the database.
 */
export class Throttle {
  private readonly attempts = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string, nowMs: number): number {
    const recent = this.recent(key, nowMs)
    return recent.length < this.limit ? 0 : recent[0]! + this.windowMs - nowMs
  }

  record(key: string, nowMs: number): void {
    const recent = this.recent(key, nowMs)
    recent.push(nowMs)
    this.attempts.set(key, recent)
    if (this.attempts.size > 10_000) this.sweep(nowMs)
  }

  reset(key: string): void {
    this.attempts.delete(key)
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.attempts.get(key) ?? []).filter((t) => t > nowMs - this.windowMs)
  }

  private sweep(nowMs: number): void {
    for (const [key, times] of this.attempts) if (times.every((t) => t <= nowMs - this.windowMs)) this.attempts.delete(key)
  }
}
