/**
 * The one answer sender of the review and quiz screens: plain TypeScript (no React, no Next), with its fetch, timer
 * and connection events injected, so that it is tested without a browser.
 *
 * The protocol, said once:
 * - **Order.** Answers go to the server one after another, in the order given; a later answer never overtakes an
 *   earlier one (the server's reply to each then knows every earlier answer: limits, siblings, quiz positions).
 * - **Exactly once.** An answer keeps its id (the review id) for every attempt: a retry after a lost reply is a replay
 *   the server recognises, never a second answer. Giving the same id again returns the first one's outcome.
 * - **Retry.** A network error, a reply cut off before its body was read, a 5xx, 408 or 429 keep the answer and try
 *   again after 250 ms, 500 ms, … up to MAX_RETRY_DELAY_MS; the connection coming back (or the page being looked at
 *   again) tries at once. While the browser says it is offline nothing is sent: the answers wait for it.
 * - **Signed out (401).** Sending stops (retrying cannot help) and the status says so; the answers are kept and sent
 *   when the sender is woken (the person signed in again in another tab and came back, or `resume()`).
 * - **Refused (any other 4xx, e.g. 409 stale or day-changed).** The answer's outcome is the server's refusal with its
 *   body (the card's fresh state, the reason), for the screen to show; answers chained to it (by default later answers
 *   to the same card, whose versions follow from it) are dropped with it, each told so.
 * - **Server clock.** Every reply that says `serverNow` sets the offset of the server's clock (ServerClock), so that
 *   answers are dated on the server's clock.
 *
 * The answers waiting are an explicit list (`pending()`, each with the version it answered) kept through an
 * injectable AnswerStore: in memory today; the offline outbox (issue #37) keeps them on the device through the same
 * interface and gives the restored ones back to `send`.
 */

/** The longest wait between two attempts of one answer. */
export const MAX_RETRY_DELAY_MS = 8000
const FIRST_RETRY_DELAY_MS = 250

/** One answer on its way: its id (the review id, the idempotency key), the card and version it answered, and the request body. */
export type PendingAnswer<Body> = { id: string; cardId: string; version: number; body: Body }

/** What became of one answer. */
export type AnswerOutcome<Reply, Refusal> =
  | { kind: 'saved'; reply: Reply }
  | { kind: 'refused'; status: number; reply: Refusal }
  /** Not sent: the earlier answer it was chained to (`refused`) was refused. */
  | { kind: 'dropped'; refused: PendingAnswer<unknown> }
  /** Not sent: taken back while it waited (undo of an answer given offline, `withdraw`). */
  | { kind: 'withdrawn' }

/**
 * How the sending goes, for the screen to say: `offline` (the browser says so, or the last attempt found no
 * connection), `retrying` (the server failed; tried again), `signed-out` (stopped until signed in again).
 */
export type SenderState = 'idle' | 'sending' | 'offline' | 'retrying' | 'signed-out'
export type SenderStatus = { readonly pending: number; readonly state: SenderState }

/** Where waiting answers are kept: memory by default; the device (IndexedDB) for an offline outbox. */
export interface AnswerStore<Body> {
  put(answer: PendingAnswer<Body>): void | Promise<void>
  delete(id: string): void | Promise<void>
}

export type Timer = { set(run: () => void, ms: number): unknown; clear(handle: unknown): void }

export type AnswerSenderOptions<Body> = {
  /** The endpoint answers are POSTed to as JSON. */
  url: string
  fetch: (url: string, init: RequestInit) => Promise<Response>
  timer?: Timer
  /** false when the browser knows it is offline (navigator.onLine); nothing is sent then. */
  online?: () => boolean
  /** Subscribes to the moments worth trying again at once (the connection back, the page shown again); returns the unsubscribe. */
  wakeups?: (wake: () => void) => () => void
  store?: AnswerStore<Body>
  /** Told each reply's `serverNow`. */
  clock?: ServerClock
  /** Whether `later` is chained to the refused `earlier` and goes with it. Default: the same card. */
  chained?: (earlier: PendingAnswer<Body>, later: PendingAnswer<Body>) => boolean
}

type Item<Body> =
  | { kind: 'answer'; answer: PendingAnswer<Body>; done: Promise<AnswerOutcome<unknown, unknown>>; settle: (o: AnswerOutcome<unknown, unknown>) => void }
  | { kind: 'task'; run: () => Promise<void> }

/** A reply read in full, or why not. */
type Attempt = { kind: 'reply'; status: number; body: Record<string, unknown> } | { kind: 'offline' } | { kind: 'retry' } | { kind: 'signed-out' }

export class AnswerSender<Body, Reply = Record<string, unknown>, Refusal = Record<string, unknown>> {
  private readonly items: Item<Body>[] = []
  private readonly listeners = new Set<() => void>()
  private status: SenderStatus = { pending: 0, state: 'idle' }
  private running = false
  /** The id of the answer whose request is on its way (it can no longer be withdrawn). */
  private inFlight: string | null = null
  private wake: (() => void) | null = null
  private readonly timer: Timer

  constructor(private readonly options: AnswerSenderOptions<Body>) {
    this.timer = options.timer ?? { set: (run, ms) => setTimeout(run, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }
  }

  /**
   * Listens for the wake-ups (the connection back, the page shown again) while the screen is there; returns the
   * unsubscribe. Apart from the constructor, so that a sender made during server rendering touches no window.
   */
  connect = (): (() => void) => this.options.wakeups?.(() => this.resume()) ?? (() => {})

  /**
   * Queues an answer after every answer and task given before it; resolves with what the server made of it. An id
   * already waiting returns that answer's outcome (a double click, an answer restored twice), never a second send.
   */
  send(answer: PendingAnswer<Body>): Promise<AnswerOutcome<Reply, Refusal>> {
    const waiting = this.items.find((i) => i.kind === 'answer' && i.answer.id === answer.id)
    if (waiting?.kind === 'answer') return waiting.done as Promise<AnswerOutcome<Reply, Refusal>>
    let settle!: (o: AnswerOutcome<unknown, unknown>) => void
    const done = new Promise<AnswerOutcome<unknown, unknown>>((resolve) => (settle = resolve))
    this.items.push({ kind: 'answer', answer, done, settle })
    void this.options.store?.put(answer)
    this.update()
    // A new answer after a sign-out is a moment to try again (the person may have signed in elsewhere).
    if (this.status.state === 'signed-out') this.resume()
    void this.drain()
    return done as Promise<AnswerOutcome<Reply, Refusal>>
  }

  /** Runs `task` once every answer given before it is settled, and before any answer given after it (an undo takes back the last of them). */
  after<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.items.push({ kind: 'task', run: () => task().then(resolve, reject) })
      void this.drain()
    })
  }

  /** The answers not yet settled, oldest first, each with the version it answered. */
  pending(): PendingAnswer<Body>[] {
    return this.items.flatMap((i) => (i.kind === 'answer' ? [i.answer] : []))
  }

  /** The current status; the same object until it changes (for useSyncExternalStore). */
  snapshot = (): SenderStatus => this.status

  /** Calls `listener` whenever the status changes; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Takes back an answer still waiting (not on its way): it is never sent, its outcome is `withdrawn`. False when it
   * is not waiting or its request has gone (the server then has it or will: undo it there).
   */
  withdraw(id: string): boolean {
    const index = this.items.findIndex((i) => i.kind === 'answer' && i.answer.id === id)
    const item = this.items[index]
    if (item?.kind !== 'answer' || this.inFlight === id) return false
    this.items.splice(index, 1)
    void this.options.store?.delete(id)
    item.settle({ kind: 'withdrawn' })
    this.update()
    return true
  }

  /** Tries again now, whatever the wait (signed in again, back online). */
  resume(): void {
    this.wake?.()
  }

  private update(state: SenderState = this.status.state) {
    const pending = this.items.filter((i) => i.kind === 'answer').length
    const next = pending === 0 && state !== 'signed-out' ? 'idle' : state
    if (next === this.status.state && pending === this.status.pending) return
    this.status = { pending, state: next }
    for (const l of this.listeners) l()
  }

  private async drain() {
    if (this.running) return
    this.running = true
    try {
      let failures = 0
      while (this.items.length > 0) {
        const item = this.items[0]!
        if (item.kind === 'task') {
          this.items.shift()
          await item.run()
          continue
        }
        if (this.options.online?.() === false) {
          this.update('offline')
          await this.pause(null)
          continue
        }
        this.update(this.status.state === 'idle' ? 'sending' : this.status.state)
        this.inFlight = item.answer.id
        const attempt = await this.attempt(item.answer).finally(() => (this.inFlight = null))
        if (attempt.kind !== 'reply') {
          this.update(attempt.kind === 'retry' ? 'retrying' : attempt.kind)
          // Signed out: retrying cannot help until woken. Otherwise back off, or go at once when woken.
          if (attempt.kind === 'signed-out') await this.pause(null)
          else await this.pause(Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** failures++))
          continue
        }
        failures = 0
        this.options.clock?.note(attempt.body.serverNow)
        // The outcome is settled before the count goes down: a screen that waits for no answer in flight before it
        // says "end of the queue" sees the cards the answer brought no later than the count of 0.
        this.items.shift()
        void this.options.store?.delete(item.answer.id)
        if (attempt.status < 300) item.settle({ kind: 'saved', reply: attempt.body })
        else {
          item.settle({ kind: 'refused', status: attempt.status, reply: attempt.body })
          this.dropChainedTo(item.answer)
        }
        this.update('sending')
      }
    } finally {
      this.running = false
      this.update('idle')
    }
  }

  /** One POST of the answer, read to the end of its reply. */
  private async attempt(answer: PendingAnswer<Body>): Promise<Attempt> {
    let res: Response
    try {
      res = await this.options.fetch(this.options.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer.body) })
    } catch {
      return { kind: 'offline' }
    }
    if (res.status === 401) return { kind: 'signed-out' }
    if (res.status >= 500 || res.status === 408 || res.status === 429) return { kind: 'retry' }
    try {
      const body = (await res.json()) as unknown
      return { kind: 'reply', status: res.status, body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {} }
    } catch {
      // "Saved" only once the reply is read: one cut off is sent again (a replay, under the same id). A refusal
      // whose body is unreadable is still a refusal.
      return res.ok ? { kind: 'offline' } : { kind: 'reply', status: res.status, body: {} }
    }
  }

  private dropChainedTo(refused: PendingAnswer<Body>) {
    const chained = this.options.chained ?? ((a, b) => a.cardId === b.cardId)
    for (let i = 0; i < this.items.length; ) {
      const item = this.items[i]!
      if (item.kind === 'answer' && chained(refused, item.answer)) {
        this.items.splice(i, 1)
        void this.options.store?.delete(item.answer.id)
        item.settle({ kind: 'dropped', refused })
      } else i++
    }
  }

  /** Waits `ms` (null: until woken); a wake-up ends the wait at once. */
  private pause(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const handle = ms === null ? undefined : this.timer.set(() => done(), ms)
      const done = () => {
        if (handle !== undefined) this.timer.clear(handle)
        this.wake = null
        resolve()
      }
      this.wake = done
    })
  }
}

/** The server's clock as this browser sees it: its offset is learnt from each reply that says `serverNow`. */
export class ServerClock {
  private offsetMs: number
  constructor(
    serverNowIso?: string,
    private readonly localNowMs: () => number = Date.now,
  ) {
    this.offsetMs = serverNowIso && !Number.isNaN(Date.parse(serverNowIso)) ? Date.parse(serverNowIso) - localNowMs() : 0
  }

  /** The server's now, in ms since the epoch. */
  nowMs = (): number => this.localNowMs() + this.offsetMs

  /** Takes the server's time from a reply (ignored unless it is an ISO time). */
  note(serverNowIso: unknown): void {
    if (typeof serverNowIso === 'string' && !Number.isNaN(Date.parse(serverNowIso))) this.offsetMs = Date.parse(serverNowIso) - this.localNowMs()
  }
}

/** The browser's moments to try again at once: the connection back, the page shown or focused again (after signing in elsewhere). */
export function browserWakeups(wake: () => void): () => void {
  const onVisible = () => {
    if (document.visibilityState === 'visible') wake()
  }
  window.addEventListener('online', wake)
  window.addEventListener('focus', wake)
  document.addEventListener('visibilitychange', onVisible)
  return () => {
    window.removeEventListener('online', wake)
    window.removeEventListener('focus', wake)
    document.removeEventListener('visibilitychange', onVisible)
  }
}

/** A sender as the screens use it in the browser: window.fetch, navigator.onLine and the browser's wake-ups. */
export function browserAnswerSender<Body, Reply, Refusal>(options: Pick<AnswerSenderOptions<Body>, 'url' | 'clock' | 'chained' | 'store'>): AnswerSender<Body, Reply, Refusal> {
  return new AnswerSender<Body, Reply, Refusal>({
    ...options,
    fetch: (url, init) => fetch(url, init),
    online: () => navigator.onLine,
    wakeups: browserWakeups,
  })
}
