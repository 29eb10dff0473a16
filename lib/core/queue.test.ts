import { describe, expect, it } from 'vitest'
import { buildQueue, followServer, LEARN_AHEAD_MS, type DueCandidate, type NewCandidate } from './queue'

const NOW = new Date('2026-03-09T15:00:00Z')
const LEARNING = 1
const REVIEW = 2
const RELEARNING = 3

const due = (cardId: string, claimId: string, iso: string, state: number): DueCandidate => ({ cardId, claimId, due: new Date(iso), state, version: 1 })
const fresh = (cardId: string, claimId: string, position: number): NewCandidate => ({ cardId, claimId, position })

describe('buildQueue', () => {
  it('shows due learning cards first (earliest first), then due reviews, then new cards', () => {
    const queue = buildQueue({
      now: NOW,
      due: [
        due('review-old', 'k1', '2026-03-01T08:00:00Z', REVIEW),
        due('learn-late', 'k2', '2026-03-09T14:59:00Z', LEARNING),
        due('review-new', 'k3', '2026-03-09T08:00:00Z', REVIEW),
        due('relearn-early', 'k4', '2026-03-09T14:00:00Z', RELEARNING),
      ],
      fresh: [fresh('new-a', 'k5', 0)],
      newAllowed: 10,
      limit: 50,
    })
    expect(queue).toEqual(['relearn-early', 'learn-late', 'review-old', 'review-new', 'new-a'])
  })

  it('orders cards due at the same instant by card id, so the order is stable', () => {
    const queue = buildQueue({
      now: NOW,
      due: [due('b', 'k1', '2026-03-09T08:00:00Z', REVIEW), due('a', 'k2', '2026-03-09T08:00:00Z', REVIEW)],
      fresh: [],
      newAllowed: 0,
      limit: 50,
    })
    expect(queue).toEqual(['a', 'b'])
  })

  it('introduces new cards by position, at most newAllowed of them', () => {
    const queue = buildQueue({
      now: NOW,
      due: [],
      fresh: [fresh('third', 'k3', 7), fresh('first', 'k1', 2), fresh('fourth', 'k4', 9), fresh('second', 'k2', 5)],
      newAllowed: 3,
      limit: 50,
    })
    expect(queue).toEqual(['first', 'second', 'third'])
  })

  it('introduces no new card once today’s new-card limit is used up', () => {
    const queue = buildQueue({
      now: NOW,
      due: [due('r', 'k1', '2026-03-09T08:00:00Z', REVIEW)],
      fresh: [fresh('n', 'k2', 0)],
      newAllowed: 0,
      limit: 50,
    })
    expect(queue).toEqual(['r'])
  })

  it('leaves out reviews and learning cards due later than now (beyond the learn-ahead window)', () => {
    const queue = buildQueue({
      now: NOW,
      due: [
        due('review-now', 'k1', '2026-03-09T15:00:00Z', REVIEW),
        due('review-tomorrow', 'k2', '2026-03-10T08:00:00Z', REVIEW),
        due('review-in-5-min', 'k3', '2026-03-09T15:05:00Z', REVIEW),
        due('learn-in-1-hour', 'k4', '2026-03-09T16:00:00Z', LEARNING),
      ],
      fresh: [],
      newAllowed: 10,
      limit: 50,
    })
    expect(queue).toEqual(['review-now'])
  })

  it('holds a new card back behind other new cards while another card of its claim is queued', () => {
    const queue = buildQueue({
      now: NOW,
      due: [due('k1-review', 'k1', '2026-03-09T08:00:00Z', REVIEW)],
      fresh: [fresh('k1-new', 'k1', 0), fresh('k2-a', 'k2', 1), fresh('k2-b', 'k2', 2), fresh('k3-a', 'k3', 3)],
      newAllowed: 10,
      limit: 50,
    })
    expect(queue).toEqual(['k1-review', 'k2-a', 'k3-a', 'k1-new', 'k2-b'])
  })

  it('still shows a held-back sibling when nothing else fits, rather than blocking a short deck', () => {
    const queue = buildQueue({
      now: NOW,
      due: [],
      fresh: [fresh('q1', 'k1', 0), fresh('z1.c1', 'k1', 1), fresh('z1.c2', 'k1', 2)],
      newAllowed: 10,
      limit: 50,
    })
    expect(queue).toEqual(['q1', 'z1.c1', 'z1.c2'])
  })

  it('counts held-back siblings against newAllowed: a sibling loses its place to another claim’s card', () => {
    const queue = buildQueue({
      now: NOW,
      due: [],
      fresh: [fresh('k1-a', 'k1', 0), fresh('k1-b', 'k1', 1), fresh('k2-a', 'k2', 2)],
      newAllowed: 2,
      limit: 50,
    })
    expect(queue).toEqual(['k1-a', 'k2-a'])
  })

  it('shows learning cards due within the next 20 minutes only when nothing else is left', () => {
    const soon = [
      due('learn-in-15', 'k1', '2026-03-09T15:15:00Z', LEARNING),
      due('learn-in-5', 'k2', '2026-03-09T15:05:00Z', RELEARNING),
      due('learn-in-21', 'k3', '2026-03-09T15:21:00Z', LEARNING),
    ]
    expect(buildQueue({ now: NOW, due: soon, fresh: [], newAllowed: 10, limit: 50 })).toEqual(['learn-in-5', 'learn-in-15'])
    expect(buildQueue({ now: NOW, due: soon, fresh: [fresh('n', 'k9', 0)], newAllowed: 10, limit: 50 })).toEqual(['n'])
  })

  it('includes a learning card due exactly at the end of the learn-ahead window', () => {
    expect(LEARN_AHEAD_MS).toBe(20 * 60_000)
    const queue = buildQueue({
      now: NOW,
      due: [due('edge', 'k1', '2026-03-09T15:20:00Z', LEARNING), due('past-edge', 'k2', '2026-03-09T15:20:00.001Z', LEARNING)],
      fresh: [],
      newAllowed: 0,
      limit: 50,
    })
    expect(queue).toEqual(['edge'])
  })

  it('never shows a review early, even when nothing else is left', () => {
    const queue = buildQueue({
      now: NOW,
      due: [due('review-in-5', 'k1', '2026-03-09T15:05:00Z', REVIEW)],
      fresh: [],
      newAllowed: 10,
      limit: 50,
    })
    expect(queue).toEqual([])
  })

  it('returns at most `limit` cards, keeping the most urgent', () => {
    const queue = buildQueue({
      now: NOW,
      due: [due('r1', 'k1', '2026-03-08T08:00:00Z', REVIEW), due('l1', 'k2', '2026-03-09T14:00:00Z', LEARNING)],
      fresh: [fresh('n1', 'k3', 0), fresh('n2', 'k4', 1)],
      newAllowed: 10,
      limit: 3,
    })
    expect(queue).toEqual(['l1', 'r1', 'n1'])
  })

  it('does not reorder or change the candidate arrays it is given', () => {
    const dueList = [due('b', 'k1', '2026-03-09T09:00:00Z', REVIEW), due('a', 'k2', '2026-03-09T08:00:00Z', REVIEW)]
    const freshList = [fresh('y', 'k3', 2), fresh('x', 'k4', 1)]
    buildQueue({ now: NOW, due: dueList, fresh: freshList, newAllowed: 10, limit: 50 })
    expect(dueList.map((c) => c.cardId)).toEqual(['b', 'a'])
    expect(freshList.map((c) => c.cardId)).toEqual(['y', 'x'])
  })
})

describe('followServer (the review screen after a grade is answered)', () => {
  const c = (cardId: string, version = 0) => ({ cardId, version })
  const ids = (cards: { cardId: string; version: number }[]) => cards.map((x) => `${x.cardId}@${x.version}`)

  it('shows a learning card that fell due right after the card on screen, before the new cards prefetched', () => {
    const onScreen = [c('new3'), c('new4'), c('new5'), c('new6'), c('new7')]
    expect(ids(followServer(onScreen, [c('again1', 1), c('new3'), c('new4')]))).toEqual(['new3@0', 'again1@1', 'new4@0', 'new5@0', 'new6@0', 'new7@0'])
  })

  it('changes nothing when the server agrees with the local order', () => {
    const onScreen = [c('a'), c('b'), c('c'), c('d')]
    expect(ids(followServer(onScreen, [c('a'), c('b'), c('c')]))).toEqual(ids(onScreen))
  })

  it('keeps the card on screen first even when the server would show another', () => {
    expect(ids(followServer([c('a'), c('b')], [c('x', 2), c('b')]))[0]).toBe('a@0')
  })

  it('keeps the newer copy of a card, and never shows one twice', () => {
    expect(ids(followServer([c('a'), c('b', 3), c('c')], [c('b', 2), c('d')]))).toEqual(['a@0', 'b@3', 'd@0', 'c@0'])
  })

  it('takes the server\'s cards when the screen had run out', () => {
    expect(ids(followServer([], [c('a'), c('b')]))).toEqual(['a@0', 'b@0'])
  })
})
