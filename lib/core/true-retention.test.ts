import { describe, expect, it } from 'vitest'
import { trueRetentionFirstDay, trueRetentionTable, type TrueRetentionDay } from './true-retention'

const today = 20_000
const row = (back: number, mature: boolean, passed: number, failed: number): TrueRetentionDay => ({ studyDay: today - back, mature, passed, failed })

describe('true retention by period', () => {
  const days = [
    row(0, false, 3, 1), // today, young
    row(0, true, 5, 0), // today, mature
    row(1, true, 2, 2), // yesterday
    row(6, false, 1, 0), // the week's first day
    row(7, false, 0, 4), // outside the week, inside the month
    row(29, true, 10, 0), // the month's first day
    row(30, true, 0, 9), // outside the month
    row(364, false, 7, 3), // the year's first day
    row(365, false, 100, 100), // outside the year
  ]
  const table = Object.fromEntries(trueRetentionTable(days, today).map((r) => [r.period, r]))

  it('counts each period from its first study day to its last, today included in the week, month and year', () => {
    expect(table.today!.young).toEqual({ passed: 3, failed: 1, rate: 0.75 })
    expect(table.today!.mature).toEqual({ passed: 5, failed: 0, rate: 1 })
    expect(table.today!.total).toEqual({ passed: 8, failed: 1, rate: 8 / 9 })
    expect(table.yesterday!.mature).toEqual({ passed: 2, failed: 2, rate: 0.5 })
    expect(table.yesterday!.young).toEqual({ passed: 0, failed: 0, rate: null })
    expect(table.week!.young).toEqual({ passed: 4, failed: 1, rate: 0.8 })
    expect(table.week!.mature).toEqual({ passed: 7, failed: 2, rate: 7 / 9 })
    expect(table.month!.young).toEqual({ passed: 4, failed: 5, rate: 4 / 9 })
    expect(table.month!.mature).toEqual({ passed: 17, failed: 2, rate: 17 / 19 })
    expect(table.year!.young).toEqual({ passed: 11, failed: 8, rate: 11 / 19 })
    expect(table.year!.mature).toEqual({ passed: 17, failed: 11, rate: 17 / 28 })
  })

  it('has the five periods in order, and no rate without answers', () => {
    const empty = trueRetentionTable([], today)
    expect(empty.map((r) => r.period)).toEqual(['today', 'yesterday', 'week', 'month', 'year'])
    expect(empty.every((r) => r.total.rate === null)).toBe(true)
    expect(trueRetentionFirstDay(today)).toBe(today - 364)
  })
})
