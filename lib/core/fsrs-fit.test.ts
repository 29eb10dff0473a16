import { describe, expect, it } from 'vitest'
import { FSRSBinding, type BindingMemoryState } from '@open-spaced-repetition/binding'
import { cardHistories, fitEvaluation, fitItemCount, fitItems, fitReadiness, memoryStatesFromLog, type FitLogEntry } from './fsrs-fit'
import { answerCard, DEFAULT_WEIGHTS, memoryModel, SCHEDULER_CACHE_MAX, schedulerCacheSize } from './scheduler'

const DAY0 = 20_500 // a study day number
let seq = 0
/** One log entry of card `cardId`: kind, rating, state before, study day; written in the order made. */
function entry(cardId: string, kind: string, rating: number, state: number, studyDay: number, undone = false): FitLogEntry {
  seq += 1
  return { cardId, kind, rating, state, studyDay, reviewMs: Date.UTC(2026, 0, 1) + (studyDay - DAY0) * 86_400_000 + seq * 60_000, sequence: seq, undone }
}

describe('the optimizer\'s items from the review log', () => {
  it('counts days apart from the stored study days; same-day steps stay in the history but are no items', () => {
    const log = [
      entry('a', 'review', 1, 0, DAY0), // new: Again (10m step)
      entry('a', 'review', 3, 1, DAY0), // the step, same day
      entry('a', 'review', 3, 2, DAY0 + 3),
      entry('a', 'review', 2, 2, DAY0 + 10),
    ]
    expect(cardHistories(log).get('a')!.reviews).toEqual([[1, 0], [3, 0], [3, 3], [2, 7]])
    expect(fitItems(log).map((i) => i.reviews)).toEqual([
      [[1, 0], [3, 0], [3, 3]],
      [[1, 0], [3, 0], [3, 3], [2, 7]],
    ])
  })

  it('leaves out undone answers, quiz answers and manual entries (bury, suspend, resume)', () => {
    const log = [
      entry('a', 'review', 3, 0, DAY0),
      entry('a', 'bury', 0, 1, DAY0),
      entry('a', 'review', 1, 1, DAY0 + 1, true), // undone
      entry('a', 'review', 3, 1, DAY0 + 1),
      entry('a', 'quiz', 1, 2, DAY0 + 2),
      entry('a', 'suspend', 0, 2, DAY0 + 2),
      entry('a', 'resume', 0, 2, DAY0 + 4),
      entry('a', 'review', 4, 2, DAY0 + 5),
    ]
    expect(cardHistories(log).get('a')!.reviews).toEqual([[3, 0], [3, 1], [4, 4]])
    expect(fitItems(log)).toHaveLength(2)
    expect(fitItemCount(log)).toBe(2)
  })

  it('leaves out everything before a reset; an undone reset is no reset', () => {
    const log = [
      entry('a', 'review', 3, 0, DAY0),
      entry('a', 'review', 3, 1, DAY0 + 2),
      entry('a', 'reset', 0, 2, DAY0 + 3),
      entry('a', 'review', 2, 0, DAY0 + 4),
      entry('a', 'review', 3, 1, DAY0 + 6),
      entry('b', 'review', 3, 0, DAY0),
      entry('b', 'reset', 0, 1, DAY0 + 1, true),
      entry('b', 'review', 3, 1, DAY0 + 2),
    ]
    const h = cardHistories(log)
    expect(h.get('a')!.reviews).toEqual([[2, 0], [3, 2]])
    expect(h.get('b')!.reviews).toEqual([[3, 0], [3, 2]])
  })

  it('has no history for a card reset and not answered since, nor for one whose log does not begin with it new', () => {
    const log = [
      entry('a', 'review', 3, 0, DAY0),
      entry('a', 'reset', 0, 1, DAY0 + 1),
      entry('b', 'review', 3, 2, DAY0 + 1), // a review with no answer as new before it
      entry('b', 'review', 3, 2, DAY0 + 9),
    ]
    expect(cardHistories(log).size).toBe(0)
    expect(fitItems(log)).toEqual([])
  })

  it('orders the items by the time of their last answer, across cards', () => {
    const log = [
      entry('a', 'review', 3, 0, DAY0),
      entry('b', 'review', 3, 0, DAY0),
      entry('b', 'review', 3, 1, DAY0 + 1),
      entry('a', 'review', 1, 1, DAY0 + 2),
      entry('b', 'review', 3, 2, DAY0 + 3),
    ]
    expect(fitItems(log).map((i) => `${i.cardId}${i.reviews.length}`)).toEqual(['b2', 'a2', 'b3'])
  })

  it('counts as many items as it builds: undone answers, resets, same-day steps, a card never new, quiz answers', () => {
    const logs: FitLogEntry[][] = [
      [],
      [entry('a', 'review', 3, 0, DAY0)],
      [entry('a', 'review', 1, 0, DAY0), entry('a', 'review', 3, 1, DAY0), entry('a', 'review', 3, 1, DAY0), entry('a', 'review', 3, 2, DAY0 + 2)],
      [
        entry('a', 'review', 3, 0, DAY0),
        entry('a', 'review', 3, 1, DAY0 + 1, true), // undone: the next answer's days count from DAY0
        entry('a', 'review', 3, 1, DAY0 + 1),
        entry('a', 'review', 1, 2, DAY0 + 3),
        entry('a', 'review', 3, 3, DAY0 + 3), // a relearning step the same day: no item
        entry('a', 'quiz', 3, 2, DAY0 + 4),
        entry('a', 'review', 3, 2, DAY0 + 6),
        entry('b', 'review', 3, 0, DAY0),
        entry('b', 'review', 3, 1, DAY0 + 2),
        entry('b', 'reset', 0, 2, DAY0 + 3),
        entry('b', 'review', 3, 0, DAY0 + 3),
        entry('b', 'review', 3, 1, DAY0 + 5),
        entry('c', 'review', 3, 2, DAY0 + 1), // never answered as new
        entry('c', 'review', 3, 2, DAY0 + 5),
        entry('d', 'review', 2, 0, DAY0 + 1),
        entry('d', 'reset', 0, 1, DAY0 + 2, true), // an undone reset is no reset
        entry('d', 'review', 3, 1, DAY0 + 4),
      ],
    ]
    const counts = logs.map((log) => [fitItemCount(log), fitItems(log).length])
    // Positive control: the literal counts, so a count and a build wrong the same way still fail.
    expect(counts).toEqual([[0, 0], [0, 0], [1, 1], [5, 5]])
  })
})

describe('how many more answers a fit needs', () => {
  it('none below 8 items, first stabilities only below 64, all weights from 64', () => {
    expect(fitReadiness(0)).toEqual({ kind: 'too-few', items: 0, more: 8 })
    expect(fitReadiness(7)).toEqual({ kind: 'too-few', items: 7, more: 1 })
    expect(fitReadiness(8)).toEqual({ kind: 'first-stabilities-only', items: 8, moreForAll: 56 })
    expect(fitReadiness(63)).toEqual({ kind: 'first-stabilities-only', items: 63, moreForAll: 1 })
    expect(fitReadiness(64)).toEqual({ kind: 'enough', items: 64 })
  })
})

describe('evaluation as fsrs-rs computes it', () => {
  const model = memoryModel(DEFAULT_WEIGHTS)
  const rs = new FSRSBinding([...DEFAULT_WEIGHTS])
  it('steps memory states as fsrs-rs does (same-day answers by the short-term formula)', () => {
    const answers: [1 | 2 | 3 | 4, number][] = [[1, 0], [3, 0], [3, 2], [1, 9], [3, 0], [4, 5]]
    let ours = null as ReturnType<typeof model.step> | null
    let theirs: BindingMemoryState | null = null
    for (const [rating, days] of answers) {
      ours = model.step(ours, days, rating)
      const next = rs.nextStates(theirs, 0.9, days)
      theirs = [next.again, next.hard, next.good, next.easy][rating - 1]!.memory
      expect(Math.abs(ours.stability - theirs.stability)).toBeLessThan(1e-4)
      expect(Math.abs(ours.difficulty - theirs.difficulty)).toBeLessThan(1e-4)
    }
  })

  it('log loss: recency-weighted cross-entropy; RMSE over bins, by hand on two items', () => {
    const items = [
      { cardId: 'a', reviews: [[3, 0], [3, 2]] as [3, number][] },
      { cardId: 'b', reviews: [[3, 0], [1, 40]] as [3 | 1, number][] },
    ]
    const s = model.step(null, 0, 3).stability
    const p1 = model.recall(2, s)
    const p2 = model.recall(40, s)
    // Weights 0.25 (first) and 1 (last).
    const logLoss = -(0.25 * Math.log(p1) + 1 * Math.log(1 - p2)) / 1.25
    // Different day bins: each its own bin, weighted 0.25 and 1.
    const rmse = Math.sqrt((0.25 * (p1 - 1) ** 2 + 1 * p2 ** 2) / 1.25)
    const got = fitEvaluation(DEFAULT_WEIGHTS, items)!
    expect(got.logLoss).toBeCloseTo(logLoss, 12)
    expect(got.rmseBins).toBeCloseTo(rmse, 12)
    // Positive control: in the other order the recency weights fall elsewhere.
    expect(fitEvaluation(DEFAULT_WEIGHTS, [...items].reverse())!.logLoss).not.toBeCloseTo(logLoss, 6)
    expect(fitEvaluation(DEFAULT_WEIGHTS, [])).toBeNull()
  })

  it('recomputes each complete history\'s state with the weights given; other weights give other states', () => {
    const log = [entry('a', 'review', 1, 0, DAY0), entry('a', 'review', 3, 1, DAY0), entry('a', 'review', 3, 2, DAY0 + 4)]
    const s = memoryStatesFromLog(DEFAULT_WEIGHTS, log).get('a')!
    let expected = model.step(null, 0, 1)
    expected = model.step(expected, 0, 3)
    expected = model.step(expected, 4, 3)
    expect(s).toEqual(expected)
    const other = [...DEFAULT_WEIGHTS]
    other[0] = 1.5
    expect(memoryStatesFromLog(other, log).get('a')!.stability).not.toBeCloseTo(s.stability, 3)
  })
})

describe("the scheduler's FSRS instances, one per parameter set", () => {
  it('are bounded: a person each with weights of their own does not grow the cache forever', () => {
    const ctx = (w: number[]) => ({ now: new Date('2026-03-02T14:00:00Z'), timeZone: 'UTC', rolloverHour: 4, parameters: { w } })
    const weights = (i: number) => DEFAULT_WEIGHTS.map((x, k) => (k === 0 ? 0.1 + i / 1000 : x))
    const first = answerCard(null, 3, ctx(weights(0)), 's').next
    for (let i = 0; i < SCHEDULER_CACHE_MAX + 50; i++) answerCard(null, 3, ctx(weights(i)), 's')
    expect(schedulerCacheSize()).toBe(SCHEDULER_CACHE_MAX)
    // An evicted set is built again and answers the same.
    expect(answerCard(null, 3, ctx(weights(0)), 's').next).toEqual(first)
    expect(schedulerCacheSize()).toBe(SCHEDULER_CACHE_MAX)
  })
})
