import { describe, expect, it } from 'vitest'
import { answersPerNewCard, dayEstimate, nothingToCount, SECONDS_PER_ANSWER } from './day-estimate'
import { DEFAULT_SETTINGS } from './settings'

describe('a first day, estimated from the settings', () => {
  it('is 20 new cards, 40 answers and about 15 minutes on the defaults', () => {
    expect(dayEstimate(DEFAULT_SETTINGS, 69)).toEqual({ newCards: 20, answersPerCard: 2, answers: 40, minutes: 15, secondsPerAnswer: SECONDS_PER_ANSWER })
  })

  it('answers a new card once per learning step shorter than a day, and once with no steps', () => {
    expect(answersPerNewCard('1m 10m')).toBe(2)
    expect(answersPerNewCard('1m 5m 30m 1h')).toBe(4)
    expect(answersPerNewCard('10m')).toBe(1)
    expect(answersPerNewCard('')).toBe(1)
    expect(answersPerNewCard('1m 10m 1d 10m')).toBe(2)
  })

  it('follows the daily limit and the cards left, and rounds the minutes up to 5', () => {
    expect(dayEstimate({ newPerDay: 50, learningSteps: '1m 10m' }, 69)).toMatchObject({ newCards: 50, answers: 100, minutes: 35 })
    expect(dayEstimate({ newPerDay: 20, learningSteps: '1m 10m' }, 3)).toMatchObject({ newCards: 3, answers: 6, minutes: 5 })
    expect(dayEstimate({ newPerDay: 10, learningSteps: '10m' }, 69)).toMatchObject({ newCards: 10, answers: 10, minutes: 5 })
    expect(dayEstimate({ newPerDay: 0, learningSteps: '1m 10m' }, 69)).toMatchObject({ newCards: 0, answers: 0, minutes: 0 })
  })
})

describe('nothing to count yet', () => {
  const fresh = { learning: 0, review: 0, nextDueAt: null }
  it('is a person with nothing learning, due, scheduled or learned', () => {
    expect(nothingToCount(fresh, 0)).toBe(true)
  })
  it('is not a person with anything of these', () => {
    expect(nothingToCount({ ...fresh, learning: 1 }, 0)).toBe(false)
    expect(nothingToCount({ ...fresh, review: 2 }, 0)).toBe(false)
    expect(nothingToCount({ ...fresh, nextDueAt: '2026-12-07T04:00:00.000Z' }, 0)).toBe(false)
    expect(nothingToCount(fresh, 1)).toBe(false)
  })
})
