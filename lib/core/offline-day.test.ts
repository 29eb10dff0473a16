import { describe, expect, it } from 'vitest'
import { answerOffline, dayOpen, offlineCounts, offlineQueue, undoOffline, type OfflineAnswer, type OfflinePack } from './offline-day'
import { applyAnswer, fuzzSeed } from './answer'
import { answerCard } from './scheduler'
import { DEFAULT_SETTINGS, type StudySettings } from './settings'
import { startOfStudyDay, studyDay } from './study-day'
import { schedulerParameters } from './scheduler'

// 2 March 2026, 09:00 in UTC: study day of the rollover at 04:00.
const NOW = new Date('2026-03-02T09:00:00.000Z')
const view = (id: string) => ({ kind: 'basic' as const, promptHtml: `<p>${id}?</p>`, answerHtml: `<p>${id}!</p>`, claim: { id: `k-${id}`, html: '', whyHtml: '' }, section: { id: 's', deckId: 'd', title: 'S' } })

function pack(cards: { id: string; claim: string }[], settings: Partial<StudySettings> = {}): OfflinePack {
  const s = { ...DEFAULT_SETTINGS, ...settings }
  const day = studyDay(NOW, s.timeZone, s.rolloverHour)
  return {
    userId: 'u1',
    day,
    endOfDay: startOfStudyDay(day + 1, s.timeZone, s.rolloverHour),
    madeAt: NOW,
    config: { settings: s, parameters: schedulerParameters(s), lastStudyDay: null, studyMore: { day: -1, extraNew: 0, extraAhead: 0 } },
    dayLog: [],
    cards: cards.map((c) => ({ cardId: c.id, claimId: c.claim, state: null, view: view(c.id) })),
    leftOut: 0,
  }
}

/** An answer as the screen sends it: to the card as shown now, with the interval its button shows. */
function answerNow(p: OfflinePack, cardId: string, rating: 1 | 2 | 3 | 4, at: Date): OfflineAnswer {
  const shown = offlineQueue(p, at, 100).find((c) => c.cardId === cardId)!
  return { reviewId: `r-${cardId}-${at.getTime()}`, cardId, rating, version: shown.version, answeredAt: at.toISOString(), day: shown.day, interval: shown.intervals[rating] }
}

describe('the offline day', () => {
  it('gives the new cards in order, within the day’s new-card limit, with the server’s buttons', () => {
    const p = pack([{ id: 'a', claim: 'k1' }, { id: 'b', claim: 'k2' }, { id: 'c', claim: 'k3' }], { newPerDay: 2 })
    const q = offlineQueue(p, NOW, 10)
    expect(q.map((c) => c.cardId)).toEqual(['a', 'b'])
    expect(q[0]!.intervals).toEqual({ 1: '1m', 2: '6m', 3: '10m', 4: expect.stringMatching(/d$/) })
    expect(offlineCounts(p, NOW)).toMatchObject({ new: 2, learning: 0, review: 0 })
  })

  it('applies an answer exactly as the server’s grade does (the same core function), and its learning card comes back on time', () => {
    const p = pack([{ id: 'a', claim: 'k1' }, { id: 'b', claim: 'k2' }])
    const result = answerOffline(p, answerNow(p, 'a', 1, NOW))
    expect(result.kind).toBe('applied')
    const server = applyAnswer(null, { cardId: 'a', rating: 1 }, p.config, NOW, 'u1')
    expect(p.cards[0]!.state).toEqual(server.after)
    // Positive control: another rating gives another state, so the equality above can fail.
    expect(answerCard(null, 3, { now: NOW, timeZone: 'UTC', rolloverHour: 4, parameters: p.config.parameters }, fuzzSeed('u1', 'a', 0)).next).not.toEqual(server.after)
    // Again: one minute. Before it the other card; after it, the learning card first.
    expect(offlineQueue(p, new Date(NOW.getTime() + 30_000), 10).map((c) => c.cardId)).toEqual(['b'])
    expect(offlineQueue(p, new Date(NOW.getTime() + 61_000), 10).map((c) => c.cardId)).toEqual(['a', 'b'])
    expect(offlineCounts(p, new Date(NOW.getTime() + 61_000))).toMatchObject({ new: 1, learning: 1 })
  })

  it('chains a card’s answers: the second answers the version the first made', () => {
    const p = pack([{ id: 'a', claim: 'k1' }])
    answerOffline(p, answerNow(p, 'a', 1, NOW))
    const later = new Date(NOW.getTime() + 61_000)
    const second = answerNow(p, 'a', 3, later)
    expect(second.version).toBe(1)
    expect(answerOffline(p, second).kind).toBe('applied')
    expect(p.cards[0]!.state!.version).toBe(2)
    // A stale answer (to version 1 again) is refused on the device as on the server.
    expect(answerOffline(p, { ...second, reviewId: 'again' })).toEqual({ kind: 'refused', reason: 'stale' })
  })

  it('keeps the sibling rule: with burying on, a claim answered today gives no other new card', () => {
    const p = pack([{ id: 'a', claim: 'k1' }, { id: 'a2', claim: 'k1' }, { id: 'b', claim: 'k2' }])
    expect(offlineQueue(p, NOW, 10).map((c) => c.cardId)).toEqual(['a', 'b'])
    answerOffline(p, answerNow(p, 'a', 4, NOW))
    expect(offlineQueue(p, NOW, 10).map((c) => c.cardId)).toEqual(['b'])
    // Burying off: the sibling shows.
    const off = pack([{ id: 'a', claim: 'k1' }, { id: 'a2', claim: 'k1' }, { id: 'b', claim: 'k2' }], { burySiblings: false })
    answerOffline(off, answerNow(off, 'a', 4, NOW))
    expect(offlineQueue(off, NOW, 10).map((c) => c.cardId).sort()).toEqual(['a2', 'b'])
  })

  it('refuses an answer over today’s new-card limit', () => {
    const p = pack([{ id: 'a', claim: 'k1' }, { id: 'b', claim: 'k2' }], { newPerDay: 1 })
    const toB = { reviewId: 'rb', cardId: 'b', rating: 3 as const, version: 0, answeredAt: NOW.toISOString(), day: p.day, interval: '10m' }
    answerOffline(p, answerNow(p, 'a', 3, NOW))
    expect(answerOffline(p, toB)).toEqual({ kind: 'refused', reason: 'limit-reached' })
  })

  it('ends at the rollover: no cards and no answers after it', () => {
    const p = pack([{ id: 'a', claim: 'k1' }])
    const afterRollover = new Date(p.endOfDay.getTime() + 1000)
    expect(dayOpen(p, afterRollover)).toBe(false)
    expect(offlineQueue(p, afterRollover, 10)).toEqual([])
    const a = answerNow(p, 'a', 3, NOW)
    expect(answerOffline(p, { ...a, answeredAt: afterRollover.toISOString() })).toEqual({ kind: 'refused', reason: 'day-over' })
  })

  it('takes back an answer not yet sent: the card and the day’s log as they were', () => {
    const p = pack([{ id: 'a', claim: 'k1' }, { id: 'b', claim: 'k2' }])
    const result = answerOffline(p, answerNow(p, 'a', 3, NOW))
    if (result.kind !== 'applied') throw new Error('not applied')
    undoOffline(p, result.applied)
    expect(p.cards[0]!.state).toBeNull()
    expect(p.dayLog).toEqual([])
    expect(offlineQueue(p, NOW, 10).map((c) => c.cardId)).toEqual(['a', 'b'])
  })

  it('dates an answer no earlier than the card’s last review (a clock that went back)', () => {
    const p = pack([{ id: 'a', claim: 'k1' }])
    answerOffline(p, answerNow(p, 'a', 1, NOW))
    const back = answerNow(p, 'a', 3, new Date(NOW.getTime() + 61_000))
    back.answeredAt = new Date(NOW.getTime() - 10_000).toISOString()
    expect(answerOffline(p, back).kind).toBe('applied')
    expect(back.answeredAt).toBe(NOW.toISOString())
  })
})
