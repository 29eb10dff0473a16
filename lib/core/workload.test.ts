import { describe, expect, it } from 'vitest'
import {
  DECIDE_RETENTIONS,
  DEFAULT_COSTS_SECONDS,
  DEFAULT_FIRST_RATING_ODDS,
  DEFAULT_REVIEW_RATING_ODDS,
  answerCosts,
  nextStep,
  ratingOdds,
  simulate,
  simulatorCards,
  workloadByRetention,
  type DecideInput,
} from './workload'
import { schedulerParameters } from './scheduler'
import { DEFAULT_SETTINGS } from './settings'

const base: DecideInput = {
  parameters: schedulerParameters(DEFAULT_SETTINGS),
  cards: [],
  unseenCards: 179,
  newPerDay: 20,
  maxReviewsPerDay: 200,
  leechThreshold: 8,
  costs: DEFAULT_COSTS_SECONDS,
  firstRatingOdds: DEFAULT_FIRST_RATING_ODDS,
  reviewRatingOdds: DEFAULT_REVIEW_RATING_ODDS,
}

describe('workloadByRetention', () => {
  it('covers 0.70 to 0.97 in steps of 0.01', () => {
    expect(DECIDE_RETENTIONS).toHaveLength(28)
    expect(DECIDE_RETENTIONS[0]).toBe(0.7)
    expect(DECIDE_RETENTIONS.at(-1)).toBe(0.97)
    expect(DECIDE_RETENTIONS[15]).toBe(0.85)
  })

  it('gives the same figures for the same seed, and others for another seed', () => {
    const a = workloadByRetention(base)
    expect(workloadByRetention(base)).toEqual(a)
    const other = workloadByRetention({ ...base, seed: 7 })
    expect(other.rows.map((r) => r.answersPerDay)).not.toEqual(a.rows.map((r) => r.answersPerDay))
  })

  it('costs more answers and minutes as the retention rises, and remembers more', () => {
    const { rows } = workloadByRetention(base)
    const at = (r: number) => rows.find((row) => row.retention === r)!
    // Monotone over steps of 0.05 (a single 0.01 step can wobble with the random draws).
    for (const [lo, hi] of [[0.7, 0.75], [0.75, 0.8], [0.8, 0.85], [0.85, 0.9], [0.9, 0.95], [0.95, 0.97]] as const) {
      expect(at(hi).answersPerDay).toBeGreaterThan(at(lo).answersPerDay)
      expect(at(hi).minutesPerDay).toBeGreaterThan(at(lo).minutesPerDay)
    }
    expect(at(0.97).rememberedAtEnd).toBeGreaterThan(at(0.7).rememberedAtEnd)
    // 179 cards, 20 a day: every card is introduced in the first 9 days, and nearly all are remembered at 0.97.
    expect(at(0.97).rememberedAtEnd).toBeGreaterThan(160)
    expect(at(0.97).rememberedAtEnd).toBeLessThanOrEqual(179)
    // 0.97 costs several times what 0.80 does (Anki's chart shows the same steep rise).
    expect(at(0.97).answersPerDay).toBeGreaterThan(2 * at(0.8).answersPerDay)
  })

  it('marks the retention with the lowest cost per card remembered', () => {
    const result = workloadByRetention(base)
    const best = result.rows.find((r) => r.retention === result.best)!
    for (const row of result.rows) expect(best.secondsPerCardRemembered).toBeLessThanOrEqual(row.secondsPerCardRemembered)
    // A small deck learned at default costs: cheapest low (each answer beyond learning buys little).
    expect(result.best).toBeLessThanOrEqual(0.75)
    // Positive control: when forgetting is expensive (5 minutes for a lapse), the cheapest retention moves up.
    const costly = workloadByRetention({ ...base, costs: { ...DEFAULT_COSTS_SECONDS, review: [300, 17.59, 12.38, 8.94] } })
    expect(costly.best).toBeGreaterThan(0.8)
    expect(costly.best).toBeLessThan(0.97)
  })

  it('introduces unseen cards at the new-card limit and counts their first answers', () => {
    // Easy on every new card graduates it at once (no steps), several days ahead: over 3 days, 2 a day of 10 cards,
    // exactly 6 answers, each at Easy's learning cost.
    const r = simulate({ ...base, unseenCards: 10, newPerDay: 2, firstRatingOdds: [0, 0, 0, 1] }, 0.9, 3)
    expect(r.answersPerDay * 3).toBeCloseTo(6, 9)
    expect(r.minutesPerDay * 3 * 60).toBeCloseTo(6 * DEFAULT_COSTS_SECONDS.learning[3], 6)
    // Again on every new card (and on each step after it, the transitions allowing it): at least three answers a card.
    const again = simulate({ ...base, unseenCards: 10, newPerDay: 2, firstRatingOdds: [1, 0, 0, 0] }, 0.9, 3)
    expect(again.answersPerDay * 3).toBeGreaterThanOrEqual(18)
  })

  it('holds reviews back at the review limit (positive control: without the limit they are answered)', () => {
    const cards = Array.from({ length: 50 }, () => ({ state: 2, stability: 5, difficulty: 5, dueDay: 0, lastDay: -5, step: 0, lapses: 0 }))
    const limited = simulate({ ...base, cards, unseenCards: 0, maxReviewsPerDay: 10 }, 0.9, 1)
    const free = simulate({ ...base, cards, unseenCards: 0, maxReviewsPerDay: 9999 }, 0.9, 1)
    expect(limited.answersPerDay).toBeGreaterThanOrEqual(10)
    expect(limited.answersPerDay).toBeLessThan(20) // 10 reviews and some relearning answers
    expect(free.answersPerDay).toBeGreaterThanOrEqual(50)
  })

  it('uses the person\'s answer times: slower answers, more minutes for the same answers', () => {
    const slow = { learning: [60, 60, 60, 60], review: [60, 60, 60, 60], relearning: [60, 60, 60, 60] } as DecideInput['costs']
    const a = simulate(base, 0.9)
    const b = simulate({ ...base, costs: slow }, 0.9)
    expect(b.answersPerDay).toBe(a.answersPerDay)
    expect(b.minutesPerDay).toBeCloseTo(a.answersPerDay, 6) // one minute an answer
  })

  it('has nothing to remember without cards', () => {
    const result = workloadByRetention({ ...base, unseenCards: 0 })
    expect(result.best).toBeNull()
    expect(result.rows.every((r) => r.answersPerDay === 0)).toBe(true)
  })
})

describe('nextStep: the scheduler\'s steps', () => {
  it('moves through "1m 10m" as Anki does', () => {
    expect(nextStep([1, 10], 0, 1)).toEqual({ step: 0, waitMinutes: 1 })
    expect(nextStep([1, 10], 0, 2)).toEqual({ step: 0, waitMinutes: 5.5 })
    expect(nextStep([1, 10], 1, 2)).toEqual({ step: 1, waitMinutes: 10 })
    expect(nextStep([1, 10], 0, 3)).toEqual({ step: 1, waitMinutes: 10 })
    expect(nextStep([1, 10], 1, 3)).toBeNull()
    expect(nextStep([1, 10], 0, 4)).toBeNull()
    expect(nextStep([10], 0, 2)).toEqual({ step: 0, waitMinutes: 15 })
    expect(nextStep([], 0, 1)).toBeNull()
  })
})

describe('answerCosts and ratingOdds', () => {
  it('are the defaults without answers and the person\'s own with many', () => {
    expect(answerCosts([])).toEqual(DEFAULT_COSTS_SECONDS)
    const many = answerCosts([{ state: 2, rating: 3, answers: 10_000, durationMs: 10_000 * 6000 }])
    expect(many.review[2]).toBeCloseTo(6, 1)
    expect(many.review[0]).toBe(DEFAULT_COSTS_SECONDS.review[0])
    // New and learning answers both count as learning.
    const learn = answerCosts([{ state: 0, rating: 1, answers: 5, durationMs: 5 * 40_000 }])
    expect(learn.learning[0]).toBeCloseTo((200 + 5 * DEFAULT_COSTS_SECONDS.learning[0]) / 10, 6)
    const odds = ratingOdds([{ state: 2, rating: 3, answers: 1000, durationMs: 0 }])
    expect(odds.review[1]).toBeGreaterThan(0.95)
    expect(odds.first).toEqual(DEFAULT_FIRST_RATING_ODDS.map((x) => expect.closeTo(x, 10)))
  })
})

describe('simulatorCards', () => {
  it('starts seen cards from their days, counts never-seen ones as unseen and leaves suspended ones out', () => {
    const today = 20_000
    const at = (day: number) => new Date((day * 86_400 + 12 * 3600) * 1000)
    const seen = { cardId: 'a', due: at(today + 3), stability: 12, difficulty: 5, elapsedDays: 0, scheduledDays: 9, learningSteps: 0, reps: 3, lapses: 1, state: 2, lastReview: at(today - 6), version: 3, suspended: false, leech: false }
    const { cards, unseenCards } = simulatorCards([null, seen, { ...seen, cardId: 'b', suspended: true }, { ...seen, cardId: 'c', state: 0, stability: 0, lastReview: null }], today, 'UTC', 4)
    expect(unseenCards).toBe(2)
    expect(cards).toEqual([{ state: 2, stability: 12, difficulty: 5, dueDay: 3, lastDay: -6, step: 0, lapses: 1 }])
  })
})
