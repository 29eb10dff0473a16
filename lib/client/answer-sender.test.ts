import { describe, expect, it } from 'vitest'
import { AnswerSender, MAX_RETRY_DELAY_MS, ServerClock, type AnswerSenderOptions, type PendingAnswer, type Timer } from './answer-sender'

type Body = { reviewId: string; cardId: string; version: number }
const answer = (id: string, cardId = `card-${id}`, version = 1): PendingAnswer<Body> => ({ id, cardId, version, body: { reviewId: id, cardId, version } })

/** A timer that runs only when told: `delays` lists what was asked for, `fire()` runs the oldest. */
function manualTimer() {
  const waiting: { run: () => void; ms: number; handle: number }[] = []
  const delays: number[] = []
  let next = 0
  const timer: Timer = {
    set(run, ms) {
      delays.push(ms)
      waiting.push({ run, ms, handle: ++next })
      return next
    },
    clear(handle) {
      const i = waiting.findIndex((w) => w.handle === handle)
      if (i >= 0) waiting.splice(i, 1)
    },
  }
  return { timer, delays, waiting, fire: () => waiting.shift()?.run() }
}

type Reply = { status: number; body?: unknown } | 'network-error' | 'cut-off'

/** A server that answers each request with the next scripted reply (held until `release` when asked to). */
function scriptedServer(replies: Reply[]) {
  const requests: Body[] = []
  let inFlight = 0
  let maxInFlight = 0
  const fetch: AnswerSenderOptions<Body>['fetch'] = async (_url, init) => {
    requests.push(JSON.parse(init.body as string) as Body)
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    await new Promise((r) => setTimeout(r, 1)) // a real round trip's worth of asynchrony
    inFlight--
    const reply = replies.shift() ?? { status: 200, body: {} }
    if (reply === 'network-error') throw new TypeError('Failed to fetch')
    if (reply === 'cut-off') return new Response('{"next":[', { status: 200 })
    return new Response(JSON.stringify(reply.body ?? {}), { status: reply.status, headers: { 'Content-Type': 'application/json' } })
  }
  return { fetch, requests, maxInFlight: () => maxInFlight }
}

/** Lets the sender's promises and the scripted round trips run. */
const settle = () => new Promise((r) => setTimeout(r, 20))

function makeSender(replies: Reply[], extra: Partial<AnswerSenderOptions<Body>> = {}) {
  const server = scriptedServer(replies)
  const clock = manualTimer()
  const sender = new AnswerSender<Body, { saved?: boolean }, { reason?: string; card?: unknown }>({ url: '/api/reviews', fetch: server.fetch, timer: clock.timer, ...extra })
  sender.connect()
  return { sender, server, clock }
}

describe('the answer sender', () => {
  it('positive control: one answer, one request, saved; nothing left waiting', async () => {
    const { sender, server, clock } = makeSender([{ status: 200, body: { saved: true } }])
    const outcome = await sender.send(answer('a'))
    expect(outcome).toEqual({ kind: 'saved', reply: { saved: true } })
    expect(server.requests).toEqual([answer('a').body])
    expect(sender.pending()).toEqual([])
    expect(sender.snapshot()).toEqual({ pending: 0, state: 'idle' })
    expect(clock.delays).toEqual([])
  })

  it('sends in the order given, one at a time: a later answer never overtakes an earlier one', async () => {
    // The first answer's first attempt fails: the second must still wait for it.
    const { sender, server, clock } = makeSender(['network-error', { status: 200 }, { status: 200 }, { status: 200 }])
    const outcomes = ['a', 'b', 'c'].map((id) => sender.send(answer(id)))
    expect(sender.pending().map((p) => p.id)).toEqual(['a', 'b', 'c'])
    await settle()
    expect(server.requests.map((r) => r.reviewId)).toEqual(['a'])
    clock.fire()
    await Promise.all(outcomes)
    expect(server.requests.map((r) => r.reviewId)).toEqual(['a', 'a', 'b', 'c'])
    expect(server.maxInFlight()).toBe(1)
  })

  it('retries a lost answer with the same id, backing off 250 ms, 500 ms, … up to the cap', async () => {
    const failures: Reply[] = Array.from({ length: 8 }, (_, i) => (i % 2 ? { status: 503 } : 'network-error'))
    const { sender, server, clock } = makeSender([...failures, { status: 200, body: { saved: true } }])
    const outcome = sender.send(answer('a'))
    for (let i = 0; i < failures.length; i++) {
      await settle()
      clock.fire()
    }
    expect(await outcome).toEqual({ kind: 'saved', reply: { saved: true } })
    expect(clock.delays).toEqual([250, 500, 1000, 2000, 4000, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS])
    expect(new Set(server.requests.map((r) => r.reviewId))).toEqual(new Set(['a']))
    expect(server.requests).toHaveLength(9)
  })

  it('retries a reply cut off before its body was read (it was maybe saved: the retry is a replay under the same id)', async () => {
    const { sender, server, clock } = makeSender(['cut-off', { status: 200, body: { saved: true } }])
    const outcome = sender.send(answer('a'))
    await settle()
    expect(sender.snapshot()).toEqual({ pending: 1, state: 'offline' })
    clock.fire()
    expect(await outcome).toEqual({ kind: 'saved', reply: { saved: true } })
    expect(server.requests.map((r) => r.reviewId)).toEqual(['a', 'a'])
  })

  it('gives an id already waiting the same outcome and never sends it twice (a double click, an answer restored twice)', async () => {
    const { sender, server } = makeSender([{ status: 200, body: { saved: true } }])
    const first = sender.send(answer('a'))
    const again = sender.send(answer('a'))
    expect(again).toBe(first)
    expect(sender.pending()).toHaveLength(1)
    await first
    expect(server.requests).toHaveLength(1)
  })

  it('stops on 401 (signed out) and says so; keeps the answers and sends them when woken', async () => {
    let wake = () => {}
    const { sender, server, clock } = makeSender([{ status: 401 }, { status: 200, body: { saved: true } }, { status: 200 }], {
      wakeups: (w) => ((wake = w), () => {}),
    })
    const statuses: string[] = []
    sender.subscribe(() => statuses.push(sender.snapshot().state))
    const a = sender.send(answer('a'))
    await settle()
    expect(sender.snapshot()).toEqual({ pending: 1, state: 'signed-out' })
    expect(clock.delays).toEqual([]) // no polling: retrying cannot help until signed in again
    await settle()
    expect(server.requests).toHaveLength(1)
    wake() // e.g. the page is looked at again after signing in in another tab
    expect(await a).toEqual({ kind: 'saved', reply: { saved: true } })
    expect(server.requests.map((r) => r.reviewId)).toEqual(['a', 'a'])
    expect(statuses).toContain('signed-out')
    expect(sender.snapshot().state).toBe('idle')
  })

  it('gives a refusal (409) to the screen with the server’s fresh state, drops the later answers chained to it, and goes on with the others', async () => {
    const fresh = { cardId: 'x', version: 4 }
    const { sender, server } = makeSender([{ status: 409, body: { reason: 'day-changed', card: fresh } }, { status: 200, body: { saved: true } }])
    const refused = sender.send(answer('a', 'x', 3))
    const chained = sender.send(answer('b', 'x', 4)) // the same card answered again: its version follows from the refused answer
    const other = sender.send(answer('c', 'y', 1))
    expect(await refused).toEqual({ kind: 'refused', status: 409, reply: { reason: 'day-changed', card: fresh } })
    expect(await chained).toEqual({ kind: 'dropped', refused: answer('a', 'x', 3) })
    expect(await other).toEqual({ kind: 'saved', reply: { saved: true } })
    expect(server.requests.map((r) => r.reviewId)).toEqual(['a', 'c'])
  })

  it('chains by the rule given: a quiz drops every later answer with a refused one', async () => {
    const { sender, server } = makeSender([{ status: 409, body: { reason: 'answered' } }], { chained: () => true })
    const outcomes = await Promise.all([sender.send(answer('a')), sender.send(answer('b')), sender.send(answer('c'))])
    expect(outcomes.map((o) => o.kind)).toEqual(['refused', 'dropped', 'dropped'])
    expect(server.requests).toHaveLength(1)
  })

  it('sends nothing while the browser is offline, says so, and sends when the connection is back', async () => {
    let online = false
    let wake = () => {}
    const { sender, server } = makeSender([{ status: 200, body: { saved: true } }], { online: () => online, wakeups: (w) => ((wake = w), () => {}) })
    const a = sender.send(answer('a'))
    await settle()
    expect(server.requests).toEqual([])
    expect(sender.snapshot()).toEqual({ pending: 1, state: 'offline' })
    online = true
    wake()
    expect(await a).toEqual({ kind: 'saved', reply: { saved: true } })
    expect(sender.snapshot()).toEqual({ pending: 0, state: 'idle' })
  })

  it('says offline after a network error, keeps the answer, and a wake-up retries at once without waiting out the delay', async () => {
    let wake = () => {}
    const { sender, server, clock } = makeSender(['network-error', { status: 200 }], { wakeups: (w) => ((wake = w), () => {}) })
    const a = sender.send(answer('a'))
    await settle()
    expect(sender.snapshot()).toEqual({ pending: 1, state: 'offline' })
    expect(sender.pending().map((p) => p.id)).toEqual(['a'])
    wake()
    expect((await a).kind).toBe('saved')
    expect(clock.waiting).toEqual([]) // the retry timer was cleared
    expect(server.requests).toHaveLength(2)
  })

  it('runs a task after the answers given before it and before those given after (an undo takes back the last answer)', async () => {
    const { sender, server } = makeSender([])
    const seen: string[] = []
    void sender.send(answer('a'))
    const task = sender.after(async () => {
      seen.push(`task after ${server.requests.map((r) => r.reviewId).join(',')}`)
      return 42
    })
    const b = sender.send(answer('b'))
    expect(await task).toBe(42)
    await b
    expect(seen).toEqual(['task after a'])
    expect(server.requests.map((r) => r.reviewId)).toEqual(['a', 'b'])
  })

  it('keeps waiting answers in the store given (the outbox’s interface): put when given, deleted when settled', async () => {
    const kept = new Map<string, PendingAnswer<Body>>()
    const store = { put: (a: PendingAnswer<Body>) => void kept.set(a.id, a), delete: (id: string) => void kept.delete(id) }
    const { sender } = makeSender([{ status: 409, body: { reason: 'stale-version' } }, { status: 200 }], { store })
    const a = sender.send(answer('a', 'x'))
    const b = sender.send(answer('b', 'x'))
    const c = sender.send(answer('c', 'y'))
    expect([...kept.keys()]).toEqual(['a', 'b', 'c'])
    await Promise.all([a, b, c])
    expect([...kept.keys()]).toEqual([])
  })

  it('learns the server clock from each reply that says serverNow', async () => {
    let localMs = Date.parse('2026-12-06T10:00:00.000Z')
    const serverClock = new ServerClock('2026-12-06T10:00:05.000Z', () => localMs)
    expect(new Date(serverClock.nowMs()).toISOString()).toBe('2026-12-06T10:00:05.000Z')
    const { sender } = makeSender([{ status: 200, body: { serverNow: '2026-12-06T10:01:00.000Z' } }], { clock: serverClock })
    localMs += 1000
    await sender.send(answer('a'))
    localMs += 1000
    expect(new Date(serverClock.nowMs()).toISOString()).toBe('2026-12-06T10:01:01.000Z')
    serverClock.note('not a time')
    expect(new Date(serverClock.nowMs()).toISOString()).toBe('2026-12-06T10:01:01.000Z')
  })
})
