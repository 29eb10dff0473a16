import { describe, expect, it } from 'vitest'
import { intervalCode, intervalOf, parseIntervalCode } from './interval'

describe('intervalOf', () => {
  it('gives minutes, hours, days, months and years as numbers and units', () => {
    expect(intervalOf(0, 60_000)).toEqual({ value: 1, unit: 'minute' })
    expect(intervalOf(0, 10 * 60_000)).toEqual({ value: 10, unit: 'minute' })
    expect(intervalOf(0, 20_000)).toEqual({ value: 1, unit: 'minute' })
    expect(intervalOf(0, 90 * 60_000)).toEqual({ value: 1.5, unit: 'hour' })
    expect(intervalOf(0, 120 * 60_000)).toEqual({ value: 2, unit: 'hour' })
    expect(intervalOf(3, 0)).toEqual({ value: 3, unit: 'day' })
    expect(intervalOf(45, 0)).toEqual({ value: 1.5, unit: 'month' })
    expect(intervalOf(64, 0)).toEqual({ value: 2.1, unit: 'month' })
    expect(intervalOf(730, 0)).toEqual({ value: 2, unit: 'year' })
  })
})

describe('interval codes', () => {
  it('writes the compact code the API sends', () => {
    expect(intervalCode(intervalOf(0, 10 * 60_000))).toBe('10m')
    expect(intervalCode(intervalOf(0, 90 * 60_000))).toBe('1.5h')
    expect(intervalCode(intervalOf(3, 0))).toBe('3d')
    expect(intervalCode(intervalOf(64, 0))).toBe('2.1mo')
    expect(intervalCode(intervalOf(730, 0))).toBe('2y')
  })

  it('reads every code back as the same interval, and nothing else', () => {
    for (const [days, ms] of [[0, 60_000], [0, 5_400_000], [1, 0], [29, 0], [64, 0], [400, 0], [36500, 0]] as const) {
      const interval = intervalOf(days, ms)
      expect(parseIntervalCode(intervalCode(interval))).toEqual(interval)
    }
    for (const bad of ['', '10', 'm', '10 m', '1.25mo', '10min', '-1d']) expect(parseIntervalCode(bad)).toBeNull()
  })
})
