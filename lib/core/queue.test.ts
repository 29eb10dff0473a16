import { describe, expect, it } from 'vitest'
import { allowance, buildQueue, buriedToday, dayFacts, dueByDay, followServer, LEARN_AHEAD_MS, queueCounts, type DueCandidate, type NewCandidate, type QueueInput } from './queue'

const NOW = new Date('2026-03-09T15:00:00Z') // 11:00 in New York
const END_OF_DAY = new Date('2026-03-10T08:00:00Z') // 04:00 EDT on the 10th
const NEW = 0
const LEARNING = 1
const REVIEW = 2
const RELEARNING = 3

const due = (cardId: string, claimId: string, iso: string, state: number, scheduledDays = state === REVIEW ? 10 : 0): DueCandidate => ({
  cardId,
  claimId,
  due: new Date(iso),
  state,
  version: 1,
  scheduledDays,
})
const fresh = (cardId: string, claimId: string, position: number): NewCandidate => ({ cardId, claimId, position })

const base: QueueInput = {
  now: NOW,
  endOfDay: END_OF_DAY,
  due: [],
  fresh: [],
  newAllowed: 20,
  reviewsAllowed: 200,
  burySiblings: true,
  answeredClaims: new Set(),
  lastClaimId: null,
  limit: 50,
}
const ids = (input: Partial<QueueInput>) => buildQueue({ ...base, ...input }).map((c) => c.cardId)

describe('buildQueue: order', () => {
  it('shows due learning cards first (earliest first), then reviews, then new cards', () => {
    const queue = ids({
      due: [
        due('review-old', 'k1', '2026-03-01T08:00:00Z', REVIEW),
        due('learn-late', 'k2', '2026-03-09T14:59:00Z', LEARNING),
        due('relearn-early', 'k4', '2026-03-09T14:00:00Z', RELEARNING),
      ],
      fresh: [fresh('new-a', 'k5', 0)],
    })
    expect(queue).toEqual(['relearn-early', 'learn-late', 'review-old', 'new-a'])
  })

  it('sorts reviews by how overdue they are relative to their interval, not by date', () => {
    const queue = ids({
      due: [
        due('long-5-late', 'k1', '2026-03-04T08:00:00Z', REVIEW, 100), // 5 days late on 100: 0.05
        due('short-2-late', 'k2', '2026-03-07T08:00:00Z', REVIEW, 2), // 2 days late on 2: 1
        due('mid-3-late', 'k3', '2026-03-06T08:00:00Z', REVIEW, 10), // 0.3
      ],
    })
    expect(queue).toEqual(['short-2-late', 'mid-3-late', 'long-5-late'])
  })

  it('ranks by relative overdueness the window of reviews the store reads (the first by date), then the rest by date', () => {
    const reviews = [
      due('old-long', 'k1', '2026-03-01T08:00:00Z', REVIEW, 100), // 8 days late on 100: 0.08
      due('mid-long', 'k2', '2026-03-02T08:00:00Z', REVIEW, 10), // 7 days late on 10: 0.7
      due('new-short', 'k3', '2026-03-08T08:00:00Z', REVIEW, 1), // 1 day late on 1: 1.3
    ]
    expect(ids({ due: reviews, reviewWindow: 2 })).toEqual(['mid-long', 'old-long', 'new-short'])
    expect(ids({ due: reviews })).toEqual(['new-short', 'mid-long', 'old-long'])
  })

  it('counts reviews due by study day: one due at 03:00 tomorrow is not due, one due at today\'s rollover is', () => {
    const queue = ids({ due: [due('today', 'k1', '2026-03-09T08:00:00Z', REVIEW), due('tomorrow', 'k2', '2026-03-10T08:00:00Z', REVIEW)] })
    expect(queue).toEqual(['today'])
  })

  it('mixes new cards in evenly: with 10 reviews and 2 new cards, one new card after every few reviews', () => {
    const reviews = Array.from({ length: 10 }, (_, i) => due(`r${i}`, `kr${i}`, `2026-03-0${1 + (i % 8)}T08:00:00Z`, REVIEW, 10 + i))
    const queue = ids({ due: reviews, fresh: [fresh('n1', 'kn1', 0), fresh('n2', 'kn2', 1)] })
    expect(queue).toHaveLength(12)
    const positions = [queue.indexOf('n1'), queue.indexOf('n2')]
    expect(positions).toEqual([4, 8]) // after 4 reviews, then after 7 more: neither pile waits for the other
  })

  it('orders cards due at the same instant by card id, so the order is stable', () => {
    expect(ids({ due: [due('b', 'k1', '2026-03-09T08:00:00Z', REVIEW), due('a', 'k2', '2026-03-09T08:00:00Z', REVIEW)] })).toEqual(['a', 'b'])
  })

  it('returns at most `limit` cards, keeping the most urgent', () => {
    const queue = ids({ due: [due('r1', 'k1', '2026-03-08T08:00:00Z', REVIEW), due('l1', 'k2', '2026-03-09T14:00:00Z', LEARNING)], fresh: [fresh('n1', 'k3', 0), fresh('n2', 'k4', 1)], limit: 3 })
    expect(queue).toEqual(['l1', 'r1', 'n1'])
  })

  it('does not reorder or change the candidate arrays it is given', () => {
    const dueList = [due('b', 'k1', '2026-03-09T09:00:00Z', REVIEW), due('a', 'k2', '2026-03-09T08:00:00Z', REVIEW)]
    const freshList = [fresh('y', 'k3', 2), fresh('x', 'k4', 1)]
    buildQueue({ ...base, due: dueList, fresh: freshList })
    expect(dueList.map((c) => c.cardId)).toEqual(['b', 'a'])
    expect(freshList.map((c) => c.cardId)).toEqual(['y', 'x'])
  })
})

describe('buildQueue: limits', () => {
  it('introduces at most newAllowed new cards, in the order given', () => {
    expect(ids({ fresh: [fresh('first', 'k1', 2), fresh('second', 'k2', 5), fresh('third', 'k3', 7), fresh('fourth', 'k4', 9)], newAllowed: 3 })).toEqual(['first', 'second', 'third'])
    expect(ids({ fresh: [fresh('first', 'k1', 2)], newAllowed: 0 })).toEqual([])
  })

  it('shows at most reviewsAllowed reviews, the most overdue; learning cards are not limited', () => {
    const queue = ids({
      due: [due('r-a', 'k1', '2026-03-01T08:00:00Z', REVIEW), due('r-b', 'k2', '2026-03-08T08:00:00Z', REVIEW), due('l', 'k3', '2026-03-09T14:00:00Z', LEARNING)],
      reviewsAllowed: 1,
    })
    expect(queue).toEqual(['l', 'r-a'])
  })
})

describe('buildQueue: learn-ahead', () => {
  const soon = [
    due('learn-in-15', 'k1', '2026-03-09T15:15:00Z', LEARNING),
    due('learn-in-5', 'k2', '2026-03-09T15:05:00Z', RELEARNING),
    due('learn-in-21', 'k3', '2026-03-09T15:21:00Z', LEARNING),
  ]

  it('shows learning cards due within 20 minutes only when nothing else is left, marked early', () => {
    expect(buildQueue({ ...base, due: soon })).toEqual([
      { cardId: 'learn-in-5', early: true },
      { cardId: 'learn-in-15', early: true },
    ])
    expect(buildQueue({ ...base, due: soon, fresh: [fresh('n', 'k9', 0)] })).toEqual([{ cardId: 'n', early: false }])
  })

  it('includes a card due exactly at the end of the window, and never one due in the next study day', () => {
    expect(LEARN_AHEAD_MS).toBe(20 * 60_000)
    expect(ids({ due: [due('edge', 'k1', '2026-03-09T15:20:00Z', LEARNING), due('past-edge', 'k2', '2026-03-09T15:20:00.001Z', LEARNING)] })).toEqual(['edge'])
    const lateNight = new Date('2026-03-10T07:50:00Z') // 03:50
    expect(ids({ now: lateNight, due: [due('after-rollover', 'k1', '2026-03-10T08:00:00Z', LEARNING)] })).toEqual([])
  })

  it('never shows a review early unless "Study more today" granted reviews ahead', () => {
    const later = [due('review-tomorrow', 'k1', '2026-03-10T08:00:00Z', REVIEW), due('review-in-3d', 'k2', '2026-03-12T08:00:00Z', REVIEW)]
    expect(ids({ due: later })).toEqual([])
    expect(buildQueue({ ...base, ahead: later, aheadAllowed: 1 })).toEqual([{ cardId: 'review-tomorrow', early: true }])
    expect(ids({ ahead: later, aheadAllowed: 0 })).toEqual([])
  })
})

describe('buildQueue: siblings', () => {
  it('with burying on, leaves out new and review siblings of a claim answered today, and keeps one card a claim', () => {
    const queue = ids({
      due: [due('k1-review', 'k1', '2026-03-09T08:00:00Z', REVIEW), due('k1-learning', 'k1', '2026-03-09T14:58:00Z', LEARNING), due('k2-review', 'k2', '2026-03-08T08:00:00Z', REVIEW)],
      fresh: [fresh('k1-new', 'k1', 0), fresh('k2-new', 'k2', 1), fresh('k3-new-a', 'k3', 2), fresh('k3-new-b', 'k3', 3)],
      answeredClaims: new Set(['k1']),
    })
    // k1 was answered: its review and new siblings wait for tomorrow; its learning card is not buried (as Anki).
    // k2's review comes, its new sibling would be buried by that answer; k3 shows one of its two new cards.
    expect(queue).toEqual(['k1-learning', 'k2-review', 'k3-new-a'])
  })

  it('with burying off, never puts two cards of one claim back to back while another claim is left', () => {
    const queue = ids({
      fresh: [fresh('k1-a', 'k1', 0), fresh('k1-b', 'k1', 1), fresh('k2-a', 'k2', 2), fresh('k1-c', 'k1', 3)],
      burySiblings: false,
      lastClaimId: 'k1',
    })
    expect(queue).toEqual(['k2-a', 'k1-a', 'k1-b', 'k1-c']) // k2 first: k1 was just answered; then only k1 is left
  })

  it('leaves out cards buried by hand today', () => {
    expect(ids({ fresh: [fresh('a', 'k1', 0), fresh('b', 'k2', 1)], buried: new Set(['a']) })).toEqual(['b'])
  })

  it('shows a card unburied today, its claim answered before, but still one card a claim', () => {
    const input = { fresh: [fresh('a', 'k1', 0), fresh('b', 'k1', 1), fresh('c', 'k2', 2)], answeredClaims: new Set(['k1']), burySiblings: true }
    expect(ids(input)).toEqual(['c'])
    expect(ids({ ...input, unburied: new Set(['a', 'b']) })).toEqual(['a', 'c'])
  })
})

describe('interday learning (a (re)learning step of whole days, issue #30)', () => {
  const TODAY_START = '2026-03-09T08:00:00Z' // 04:00 EDT on the 9th

  it('is due from the study day\'s start, comes before the other reviews, and takes the review limit first', () => {
    const input = {
      due: [
        due('review', 'k1', '2026-03-01T08:00:00Z', REVIEW, 2),
        due('step-1d', 'k2', TODAY_START, LEARNING, 1),
        due('relearn-1d', 'k3', TODAY_START, RELEARNING, 1),
        due('step-10m', 'k4', '2026-03-09T14:50:00Z', LEARNING),
        due('step-1d-tomorrow', 'k5', '2026-03-10T08:00:00Z', LEARNING, 1),
      ],
      fresh: [fresh('new-a', 'k6', 0)],
    }
    expect(ids(input)).toEqual(['step-10m', 'relearn-1d', 'step-1d', 'new-a', 'review'])
    // The review limit holds interday learning cards too; a learning step due by time is outside it.
    expect(ids({ ...input, reviewsAllowed: 1 })).toEqual(['step-10m', 'relearn-1d', 'new-a'])
    expect(ids({ ...input, reviewsAllowed: 0 })).toEqual(['step-10m', 'new-a'])
  })

  it('is never shown ahead of its day, not even when nothing else is left', () => {
    expect(ids({ due: [due('step-1d-tomorrow', 'k1', '2026-03-10T08:00:00Z', LEARNING, 1)] })).toEqual([])
  })

  it('counts as a review answered today in the log, an intraday step does not', () => {
    const entry = (cardId: string, state: number, scheduledDays: number) => ({ cardId, claimId: cardId, kind: 'review', state, due: new Date(TODAY_START), scheduledDays })
    const facts = dayFacts([entry('a', LEARNING, 1), entry('b', RELEARNING, 2), entry('c', LEARNING, 0), entry('d', REVIEW, 5)], END_OF_DAY)
    expect([facts.introduced, facts.reviewed, facts.reviewedAhead]).toEqual([0, 3, 0])
    expect(dueByDay({ state: LEARNING, scheduledDays: 1 })).toBe(true)
    expect(dueByDay({ state: LEARNING, scheduledDays: 0 })).toBe(false)
    expect(dueByDay({ state: NEW, scheduledDays: 3 })).toBe(false)
  })
})

describe('dayFacts and allowance (the limits, from the log)', () => {
  const end = END_OF_DAY
  const entry = (cardId: string, claimId: string, state: number, kind = 'review', dueIso = '2026-03-09T08:00:00Z') => ({ cardId, claimId, kind, state, due: new Date(dueIso) })

  it('counts new cards begun, reviews and reviews ahead; the claims answered and the last; manual buries', () => {
    const facts = dayFacts(
      [entry('a', 'k1', NEW), entry('a', 'k1', LEARNING), entry('b', 'k2', REVIEW), entry('c', 'k3', REVIEW, 'review', '2026-03-12T08:00:00Z'), entry('d', 'k4', NEW, 'bury')],
      end,
    )
    expect(facts).toEqual({ introduced: 1, reviewed: 1, reviewedAhead: 1, answeredClaims: new Set(['k1', 'k2', 'k3']), lastClaimId: 'k3', buried: new Set(['d']), unburied: new Map() })
  })

  it('an unbury undoes a bury and lifts a sibling burial, until the claim is answered again', () => {
    const facts = dayFacts([entry('x', 'k1', NEW), entry('a', 'k1', NEW, 'bury'), entry('a', 'k1', NEW, 'unbury'), entry('b', 'k1', NEW, 'unbury')], end)
    expect(facts.buried).toEqual(new Set())
    expect(buriedToday({ cardId: 'a', claimId: 'k1', state: NEW }, facts, true)).toBeNull()
    expect(buriedToday({ cardId: 'c', claimId: 'k1', state: NEW }, facts, true)).toBe('sibling')
    const later = dayFacts([entry('x', 'k1', NEW), entry('b', 'k1', NEW, 'unbury'), entry('y', 'k1', NEW)], end)
    expect(buriedToday({ cardId: 'b', claimId: 'k1', state: NEW }, later, true)).toBe('sibling')
    const rebury = dayFacts([entry('a', 'k2', NEW, 'bury'), entry('a', 'k2', NEW, 'unbury'), entry('a', 'k2', NEW, 'bury')], end)
    expect(buriedToday({ cardId: 'a', claimId: 'k2', state: NEW }, rebury, false)).toBe('manual')
    // Learning cards are never buried for a sibling.
    expect(buriedToday({ cardId: 'd', claimId: 'k1', state: LEARNING }, facts, true)).toBeNull()
  })

  it('grants "Study more today" only on its own day, and never a negative allowance', () => {
    const facts = dayFacts([entry('a', 'k1', NEW), entry('b', 'k2', NEW)], end)
    const limits = { newPerDay: 1, maxReviewsPerDay: 0 }
    expect(allowance(limits, { day: 100, extraNew: 10, extraAhead: 5 }, 100, facts)).toEqual({ newAllowed: 9, reviewsAllowed: 0, aheadAllowed: 5 })
    expect(allowance(limits, { day: 99, extraNew: 10, extraAhead: 5 }, 100, facts)).toEqual({ newAllowed: 0, reviewsAllowed: 0, aheadAllowed: 0 })
  })
})

describe('followServer (the review screen after a grade is answered)', () => {
  const c = (cardId: string, version = 0) => ({ cardId, version })
  const cardIds = (cards: { cardId: string; version: number }[]) => cards.map((x) => `${x.cardId}@${x.version}`)

  it('shows a learning card that fell due right after the card on screen, then the server\'s order', () => {
    const onScreen = [c('new3'), c('new4'), c('new5'), c('new6'), c('new7')]
    expect(cardIds(followServer(onScreen, [c('again1', 1), c('new3'), c('new4')]))).toEqual(['new3@0', 'again1@1', 'new4@0'])
  })

  it('drops what only the local queue holds: a limit reached or a sibling buried on the server never shows', () => {
    expect(cardIds(followServer([c('a'), c('b'), c('c'), c('d')], [c('b')]))).toEqual(['a@0', 'b@0'])
  })

  it('keeps the card on screen first even when the server would show another', () => {
    expect(cardIds(followServer([c('a'), c('b')], [c('x', 2), c('b')]))[0]).toBe('a@0')
  })

  it('keeps the newer copy of a card, and never shows one twice', () => {
    expect(cardIds(followServer([c('a'), c('b', 3), c('c')], [c('b', 2), c('d')]))).toEqual(['a@0', 'b@3', 'd@0'])
  })

  it('takes the server\'s cards when the screen had run out', () => {
    expect(cardIds(followServer([], [c('a'), c('b')]))).toEqual(['a@0', 'b@0'])
  })
})

describe('buildQueue: a talk\'s planned cards', () => {
  it('shows a planned card not due today, ahead of other reviews and outside the review limit', () => {
    const input = {
      due: [due('due-today', 'k1', '2026-03-09T08:00:00Z', REVIEW), due('planned-later', 'k2', '2026-03-20T08:00:00Z', REVIEW), due('not-planned', 'k3', '2026-03-20T08:00:00Z', REVIEW)],
      reviewsAllowed: 1,
    }
    expect(ids(input)).toEqual(['due-today'])
    expect(ids({ ...input, planned: new Set(['planned-later']) })).toEqual(['planned-later', 'due-today'])
  })

  it('does not bury a planned card as a sibling, nor bury its siblings because of it', () => {
    const input = {
      due: [due('planned', 'k1', '2026-03-20T08:00:00Z', REVIEW), due('sibling-due', 'k1', '2026-03-09T08:00:00Z', REVIEW)],
      fresh: [fresh('planned-new', 'k2', 3), fresh('first-new', 'k9', 0)],
      answeredClaims: new Set(['k2']),
    }
    const planned = new Set(['planned', 'planned-new'])
    // Without the plan, the new card of a claim answered today waits for tomorrow.
    expect(ids(input)).toEqual(['sibling-due', 'first-new'])
    // Planned: both planned cards come, the due sibling of one stays, and the planned new card comes first of the new.
    const queue = ids({ ...input, planned })
    expect([...queue].sort()).toEqual(['first-new', 'planned', 'planned-new', 'sibling-due'])
    expect(queue.indexOf('planned-new')).toBeLessThan(queue.indexOf('first-new'))
  })
})

describe('queueCounts: a card counted is a card the queue gives today (issue #30)', () => {
  // Day one, 18 new cards answered: each answered claim's unseen siblings come first in deck order.
  const answered = new Set(Array.from({ length: 18 }, (_, i) => `k${i}`))
  const siblings = [...answered].flatMap((k, i) => [fresh(`${k}-b`, k, 3 * i + 1), fresh(`${k}-c`, k, 3 * i + 2)])
  const others = [fresh('k18-a', 'k18', 60), fresh('k18-b', 'k18', 61), fresh('k19-a', 'k19', 62), fresh('k20-a', 'k20', 63)]
  const dayOne: QueueInput = { ...base, fresh: [...siblings, ...others], newAllowed: 2, answeredClaims: answered, lastClaimId: 'k17' }

  it('counts no new card buried as a sibling, and one new card a claim: the two the queue gives', () => {
    expect(ids(dayOne)).toEqual(['k18-a', 'k19-a'])
    expect(queueCounts(dayOne)).toEqual({ new: 2, learning: 0, review: 0, heldBack: 0 })
    // Positive control: with burying off, the siblings are given (and counted) again.
    expect(queueCounts({ ...dayOne, burySiblings: false }).new).toBe(2)
    expect(ids({ ...dayOne, burySiblings: false })).toEqual(['k0-b', 'k0-c'])
  })

  it('counts the same cards the queue gives, whatever the limit on how many it lists', () => {
    const input: QueueInput = {
      ...dayOne,
      newAllowed: 20,
      due: [
        due('learning-now', 'k30', '2026-03-09T14:58:00Z', LEARNING),
        due('learning-ahead', 'k31', '2026-03-09T15:10:00Z', LEARNING), // within the learn-ahead time: given early
        due('learning-later', 'k32', '2026-03-09T16:00:00Z', LEARNING), // due later today: not yet
        due('review', 'k33', '2026-03-08T08:00:00Z', REVIEW),
        due('review-sibling', 'k0', '2026-03-08T08:00:00Z', REVIEW), // its claim was answered today: buried
      ],
    }
    const all = buildQueue({ ...input, limit: 1000 })
    expect(all.map((c) => c.cardId)).toEqual(['learning-now', 'review', 'k18-a', 'k19-a', 'k20-a'])
    expect(queueCounts({ ...input, limit: 3 })).toEqual({ new: 3, learning: 2, review: 1, heldBack: 0 })
    // Once the others are answered, the learning card within the learn-ahead time is the queue's, early.
    expect(buildQueue({ ...input, due: [input.due[1]!], fresh: [] })).toEqual([{ cardId: 'learning-ahead', early: true }])
  })

  it('tells how many reviews the day\'s review limit holds back (not those a bury holds), and lets their claims\' new cards come', () => {
    const input: QueueInput = {
      ...base,
      reviewsAllowed: 1,
      answeredClaims: new Set(['k9']),
      due: [
        due('r1', 'k1', '2026-03-01T08:00:00Z', REVIEW),
        due('r2', 'k2', '2026-03-02T08:00:00Z', REVIEW),
        due('r3', 'k3', '2026-03-03T08:00:00Z', REVIEW),
        due('r9', 'k9', '2026-03-03T08:00:00Z', REVIEW), // a sibling of today's answer: buried, not held back by the limit
      ],
      fresh: [fresh('n2', 'k2', 0)],
    }
    expect(queueCounts(input)).toEqual({ new: 1, learning: 0, review: 1, heldBack: 2 })
    expect(ids(input)).toEqual(['r1', 'n2'])
    expect(queueCounts({ ...input, reviewsAllowed: 0 })).toEqual({ new: 1, learning: 0, review: 0, heldBack: 3 })
    expect(queueCounts({ ...input, reviewsAllowed: 5 }).heldBack).toBe(0)
  })

  it('gives no new or review card of a claim it gives a learning card of (that answer buries them), nor counts one', () => {
    const input: QueueInput = {
      ...base,
      due: [
        due('interday', 'k1', '2026-03-09T08:00:00Z', LEARNING, 1), // on a "1d" step, due today
        due('relearning-now', 'k2', '2026-03-09T14:58:00Z', RELEARNING),
        due('learning-ahead', 'k5', '2026-03-09T15:10:00Z', LEARNING),
        due('review-k2', 'k2', '2026-03-08T08:00:00Z', REVIEW),
        due('review-k3', 'k3', '2026-03-08T08:00:00Z', REVIEW),
      ],
      fresh: [fresh('new-k1', 'k1', 0), fresh('new-k5', 'k5', 1), fresh('new-k4', 'k4', 2)],
    }
    expect([...ids(input)].sort()).toEqual(['interday', 'new-k4', 'relearning-now', 'review-k3'])
    expect(queueCounts(input)).toEqual({ new: 1, learning: 3, review: 1, heldBack: 0 })
    // Positive control: with burying off, the siblings are given and counted.
    expect(ids({ ...input, burySiblings: false })).toEqual(expect.arrayContaining(['new-k1', 'new-k5', 'review-k2']))
    expect(queueCounts({ ...input, burySiblings: false })).toMatchObject({ new: 3, review: 2 })
  })
})
