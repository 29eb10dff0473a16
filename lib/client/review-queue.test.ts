import { describe, expect, it } from 'vitest'
import type { StudyCard } from '@/lib/data/study-service'
import { ServerClock } from './answer-sender'
import { fetchQueue, freshCards, refilled, showFirst } from './review-queue'

const card = (cardId: string, version = 1) => ({ cardId, version }) as StudyCard
const ids = (cards: StudyCard[]) => cards.map((c) => `${c.cardId}@${c.version}`)

describe("the review screen's queue", () => {
  it('never shows again a copy of a card graded here at that version or older; a newer one is fresh', () => {
    const gradedHere = new Map([['a', 3]])
    expect(ids(freshCards([card('a', 2), card('a', 3), card('b', 1)], gradedHere))).toEqual(['b@1'])
    expect(ids(freshCards([card('a', 4), card('b', 1)], gradedHere))).toEqual(['a@4', 'b@1'])
  })

  it('keeps the card on screen first after a reload when it is still due, as the server sent it; otherwise takes the server’s order', () => {
    expect(ids(refilled([card('b', 1), card('x')], [card('a'), card('b', 2), card('c')]))).toEqual(['b@2', 'a@1', 'c@1'])
    expect(ids(refilled([card('z')], [card('a'), card('c')]))).toEqual(['a@1', 'c@1'])
    expect(ids(refilled([], [card('a')]))).toEqual(['a@1'])
  })

  it('a reload read before a newer answer ordered the queue leaves the queue as it is, unless the screen is empty', () => {
    // The grade's answer put the forgotten card f right after the card on screen; the reload read before it has no f.
    const afterGrade = [card('c3'), card('f', 1), card('c4')]
    expect(ids(refilled(afterGrade, [card('c3'), card('c4'), card('c5')], true))).toEqual(['c3@1', 'f@1', 'c4@1'])
    // Positive control: the same read, with no answer since it began, is the queue.
    expect(ids(refilled(afterGrade, [card('c3'), card('c4'), card('c5')], false))).toEqual(['c3@1', 'c4@1', 'c5@1'])
    expect(ids(refilled([], [card('a')], true))).toEqual(['a@1'])
  })

  it('shows a card again first, once', () => {
    expect(ids(showFirst(card('b', 2), [card('a'), card('b'), card('c')]))).toEqual(['b@2', 'a@1', 'c@1'])
  })

  it('reads the queue: its cards and the server clock; 401 is signed out; a failure or no connection is null', async () => {
    const clock = new ServerClock(undefined, () => 0)
    const reply = { cards: [card('a')], counts: {}, today: {}, serverNow: '2026-12-06T10:00:00.000Z' }
    const ok = await fetchQueue(5, clock, async (url) => (expect(url).toBe('/api/queue?limit=5'), Response.json(reply)))
    expect(ok).toEqual(reply)
    expect(clock.nowMs()).toBe(Date.parse('2026-12-06T10:00:00.000Z'))
    expect(await fetchQueue(5, clock, async () => new Response('{}', { status: 401 }))).toBe('signed-out')
    expect(await fetchQueue(5, clock, async () => new Response('{}', { status: 503 }))).toBeNull()
    expect(await fetchQueue(5, clock, async () => Promise.reject(new TypeError('Failed to fetch')))).toBeNull()
    expect(await fetchQueue(5, clock, async () => new Response('{"cards":[', { status: 200 }))).toBeNull()
  })
})
