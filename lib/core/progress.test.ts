import { describe, expect, it } from 'vitest'
import { dueForecast, heatLevel, heatmapWeeks, retention, streaks, summarise, weekdayOf } from './progress'
import { studyDay, studyDayDate } from './study-day'

const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000)

describe('streaks', () => {
  it('counts the run ending today, or yesterday while today is still open, and the longest ever', () => {
    expect(streaks([10, 11, 12, 20, 21], 22)).toEqual({ currentDays: 2, longestDays: 3 })
    expect(streaks([10, 11, 12, 20, 21, 22], 22)).toEqual({ currentDays: 3, longestDays: 3 })
    expect(streaks([10, 11, 12, 20], 22)).toEqual({ currentDays: 0, longestDays: 3 })
    expect(streaks([], 22)).toEqual({ currentDays: 0, longestDays: 0 })
    expect(streaks([22, 22, 21], 22)).toEqual({ currentDays: 2, longestDays: 2 })
  })
})

describe('the due forecast, bucketed by study day in the person\'s zone', () => {
  const now = new Date('2026-03-07T15:00:00Z')
  // Three zones, one instant each side of a 4 am rollover: what is due at 03:59 local belongs to the day before.
  it.each([
    ['America/New_York', '2026-03-09T07:59:00Z', '2026-03-09T08:00:00Z'], // -05:00 (DST begins on the 8th: the 9th is -04:00)
    ['Asia/Shanghai', '2026-03-08T19:59:00Z', '2026-03-08T20:00:00Z'], // +08:00
    ['Pacific/Auckland', '2026-03-09T14:59:00Z', '2026-03-09T15:00:00Z'], // +13:00
  ])('in %s', (timeZone, before, after) => {
    const today = studyDay(now, timeZone, 4)
    const beforeDay = studyDay(new Date(before), timeZone, 4)
    expect(studyDay(new Date(after), timeZone, 4)).toBe(beforeDay + 1)
    const counts = dueForecast([new Date(before), new Date(after), new Date('2026-01-01T00:00:00Z')], now, timeZone, 4, 30)
    expect(counts[0]).toBe(1) // the overdue card counts today
    expect(counts[beforeDay - today]).toBe(1)
    expect(counts[beforeDay - today + 1]).toBe(1)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3)
  })
  it('leaves out what is due after the last day shown', () => {
    expect(dueForecast([new Date('2026-05-01T12:00:00Z')], new Date('2026-03-07T15:00:00Z'), 'UTC', 4, 30)).toEqual(Array(30).fill(0))
  })
})

describe('the heatmap', () => {
  it('lays out weeks from Monday, ending with today, and nothing after today', () => {
    const today = day('2026-12-02') // a Wednesday
    expect(weekdayOf(today)).toBe(2)
    expect(studyDayDate(today)).toBe('2026-12-02')
    const weeks = heatmapWeeks([{ studyDay: today, reviews: 7 }, { studyDay: today - 1, reviews: 3 }], today, 53)
    expect(weeks).toHaveLength(53)
    const last = weeks.at(-1)!
    expect(studyDayDate(last[0]!.studyDay)).toBe('2026-11-30')
    expect(last[2]).toEqual({ studyDay: today, reviews: 7 })
    expect(last[1]).toEqual({ studyDay: today - 1, reviews: 3 })
    expect(last.slice(3)).toEqual([null, null, null, null])
    expect(weeks[0]![0]!.studyDay).toBe(day('2025-12-01'))
  })
  it('shades days relative to the busiest', () => {
    expect([0, 1, 25, 26, 100].map((n) => heatLevel(n, 100))).toEqual([0, 1, 1, 2, 4])
  })
})

describe('retention and summaries', () => {
  it('is the share of review answers passed, none when nothing was answered', () => {
    expect(retention(9, 10).rate).toBeCloseTo(0.9)
    expect(retention(0, 0).rate).toBeNull()
  })
  it('counts learned X of N and averages retrievability over the claims seen', () => {
    const s = summarise([
      { mastery: 'learned', weakestRetrievability: 0.9 },
      { mastery: 'learning', weakestRetrievability: 0.5 },
      { mastery: 'new', weakestRetrievability: null },
    ])
    expect(s).toMatchObject({ learned: 1, total: 3, counts: { learned: 1, learning: 1, new: 1, fading: 0, paused: 0 } })
    expect(s.meanRetrievability).toBeCloseTo(0.7)
  })
})
