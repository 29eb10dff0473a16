/**
 * The outbox (issue #37): answers kept in IndexedDB (fake-indexeddb here) through the answer sender, sent in their
 * order on the next start, retried under their review id, chained per card, withdrawn while waiting.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { AnswerSender, type Timer } from './answer-sender'
import { OfflineStore, outboxStore } from './offline-store'
import type { GradeBody } from './review-queue'
import type { AppliedOffline } from '@/lib/core/offline-day'

let people = 0
const newPerson = () => `person-${++people}`

const body = (id: string, cardId: string, version: number): GradeBody => ({ reviewId: id, cardId, rating: 3, version, durationMs: 1000, answeredAt: '2026-03-02T09:00:00.000Z', day: 20_514, interval: '10m' })
const answer = (id: string, cardId: string, version: number) => ({ id, cardId, version, body: body(id, cardId, version) })

/** Timers that run at once: retries do not wait in a unit test. */
const instant: Timer = { set: (run) => (queueMicrotask(run), 0), clear: () => {} }

/** A server: records the review ids it is sent, answers by `reply` (default 200). */
function server(reply: (id: string, attempt: number) => number | 'offline' = () => 200) {
  const sent: string[] = []
  const attempts = new Map<string, number>()
  const fetch = async (_url: string, init: RequestInit) => {
    const id = (JSON.parse(init.body as string) as GradeBody).reviewId
    const n = (attempts.get(id) ?? 0) + 1
    attempts.set(id, n)
    const status = reply(id, n)
    if (status === 'offline') throw new TypeError('Failed to fetch')
    sent.push(id)
    return new Response(JSON.stringify(status === 200 ? { reviewId: id } : { reason: 'stale-version' }), { status })
  }
  return { sent, fetch }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('the outbox', () => {
  it('keeps answers given offline, in order, and sends them in that order on the next start', async () => {
    const person = newPerson()
    const store = (await OfflineStore.open(person))!
    const offline = new AnswerSender<GradeBody>({ url: '/api/reviews', fetch: server().fetch, online: () => false, store: outboxStore(store, new Map()) })
    for (const [id, card, v] of [['r1', 'a', 0], ['r2', 'b', 0], ['r3', 'a', 1], ['r4', 'c', 0]] as const) void offline.send(answer(id, card, v))
    await settle()
    expect((await store.pending()).map((a) => [a.id, a.version])).toEqual([['r1', 0], ['r2', 0], ['r3', 1], ['r4', 0]])
    store.close()

    // The next start: the outbox read again, sent in its order, and emptied as the server saves each.
    const again = (await OfflineStore.open(person))!
    const online = server()
    const sender = new AnswerSender<GradeBody>({ url: '/api/reviews', fetch: online.fetch, store: outboxStore(again, new Map()) })
    const outcomes = await Promise.all((await again.pending()).map((a) => sender.send(a)))
    expect(outcomes.map((o) => o.kind)).toEqual(['saved', 'saved', 'saved', 'saved'])
    expect(online.sent).toEqual(['r1', 'r2', 'r3', 'r4'])
    await settle()
    expect(await again.pending()).toEqual([])
    // Positive control: the order check above fails on another order.
    expect(online.sent).not.toEqual(['r2', 'r1', 'r3', 'r4'])
    again.close()
  })

  it('retries under the same review id and keeps the answer until the server has it', async () => {
    const store = (await OfflineStore.open(newPerson()))!
    const flaky = server((_id, attempt) => (attempt === 1 ? 'offline' : attempt === 2 ? 503 : 200))
    const sender = new AnswerSender<GradeBody>({ url: '/api/reviews', fetch: flaky.fetch, timer: instant, store: outboxStore(store, new Map()) })
    const done = sender.send(answer('r1', 'a', 0))
    await settle()
    expect((await done).kind).toBe('saved')
    expect(flaky.sent).toEqual(['r1', 'r1']) // the 503 and the 200: one id, never a second answer
    await settle()
    expect(await store.pending()).toEqual([])
    store.close()
  })

  it('a refusal takes the later answers to the same card with it; the refusal is kept as one item', async () => {
    const store = (await OfflineStore.open(newPerson()))!
    const refusing = server((id) => (id === 'r1' ? 409 : 200))
    const sender = new AnswerSender<GradeBody>({ url: '/api/reviews', fetch: refusing.fetch, store: outboxStore(store, new Map()) })
    const outcomes = await Promise.all([sender.send(answer('r1', 'a', 0)), sender.send(answer('r2', 'b', 0)), sender.send(answer('r3', 'a', 1))])
    expect(outcomes.map((o) => o.kind)).toEqual(['refused', 'saved', 'dropped'])
    expect(refusing.sent).toEqual(['r1', 'r2']) // r3 answered the version r1 would have made: never sent
    await settle()
    expect(await store.pending()).toEqual([])
    // What the screen keeps (app/review/use-offline-day.ts): one item, counting the chain.
    await store.addRefusal({ id: 'r1', cardId: 'a', status: 409, reason: 'stale-version', answeredAt: '2026-03-02T09:00:00.000Z', answers: 1, prompt: 'a?' })
    await store.countDropped('r1')
    expect(await store.refusals()).toEqual([expect.objectContaining({ id: 'r1', answers: 2 })])
    store.close()
  })

  it('an answer kept again on the next start keeps its place and its undo; a new one comes after another tab’s', async () => {
    const person = newPerson()
    const store = (await OfflineStore.open(person))!
    const applied = (id: string, cardId: string, logIndex: number): AppliedOffline => ({ reviewId: id, cardId, before: null, lastStudyDayBefore: null, logIndex })
    for (const [i, [id, card]] of [['r1', 'a'], ['r2', 'b'], ['r3', 'c']].entries()) await store.put(answer(id!, card!, 0), applied(id!, card!, i))
    store.close()

    // The next start reads the outbox, then gives the first answer again (the sender's restore), without its undo.
    const again = (await OfflineStore.open(person))!
    const other = (await OfflineStore.open(person))!
    expect((await again.pending()).map((a) => a.id)).toEqual(['r1', 'r2', 'r3'])
    await again.put(answer('r1', 'a', 0), null)
    // Meanwhile another tab keeps an answer (its id sorts after the next one's: a tie in place would show).
    await other.put(answer('r9', 'd', 0), applied('r9', 'd', 3))
    await again.pending()
    await again.put(answer('r5', 'e', 0), applied('r5', 'e', 4))
    const kept = await again.pending()
    expect(kept.map((a) => a.id)).toEqual(['r1', 'r2', 'r3', 'r9', 'r5'])
    expect(kept[0]!.applied).toEqual(applied('r1', 'a', 0))
    // Positive control: a first answer given afresh (not read back) has no undo kept.
    await other.put(answer('r6', 'f', 0), null)
    expect((await other.pending()).at(-1)).toEqual(expect.objectContaining({ id: 'r6', applied: null }))
    again.close()
    other.close()
  })

  it('withdraws an answer still waiting: never sent, gone from the outbox', async () => {
    const store = (await OfflineStore.open(newPerson()))!
    const online = server()
    let connected = false
    const sender = new AnswerSender<GradeBody>({ url: '/api/reviews', fetch: online.fetch, online: () => connected, store: outboxStore(store, new Map()) })
    const first = sender.send(answer('r1', 'a', 0))
    const second = sender.send(answer('r2', 'b', 0))
    await settle()
    expect(sender.withdraw('r2')).toBe(true)
    expect(await second).toEqual({ kind: 'withdrawn' })
    await settle()
    expect((await store.pending()).map((a) => a.id)).toEqual(['r1'])
    connected = true
    sender.resume()
    expect((await first).kind).toBe('saved')
    expect(online.sent).toEqual(['r1'])
    expect(sender.withdraw('r1')).toBe(false) // already saved: the server's to undo
    store.close()
  })
})
