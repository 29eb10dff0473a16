/**
 * The statistics' arithmetic on study days (issue #17): streaks, the due forecast, the heatmap's grid, retention and
 * a section's summary. Pure: the counts come from the database already bucketed by each log's stored study-day
 * number (lib/data/progress-service.ts); instants are bucketed here with the person's zone and rollover hour.
 */
import { studyDay } from './study-day'
import type { Mastery } from './mastery'

/** Monday 0 … Sunday 6 (day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7

export type Streaks = { currentDays: number; longestDays: number }

/**
 * The current streak (consecutive study days with an answer, ending today — or yesterday, since today is not over
 * yet) and the longest ever.
 * @example streaks([10, 11, 12, 20, 21], 22) // { currentDays: 2, longestDays: 3 }
 */
export function streaks(daysWithAnswers: readonly number[], today: number): Streaks {
  const days = [...new Set(daysWithAnswers)].filter((d) => d <= today).sort((a, b) => a - b)
  let longest = 0
  let run = 0
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i] === days[i - 1]! + 1 ? run + 1 : 1
    longest = Math.max(longest, run)
  }
  const last = days.at(-1)
  const current = last !== undefined && last >= today - 1 ? run : 0
  return { currentDays: current, longestDays: longest }
}

/**
 * Cards due on each of the next `days` study days (index 0 = today, which takes every overdue card too), from the
 * due instants of the cards seen, bucketed in the person's zone from their rollover hour.
 */
export function dueForecast(dues: readonly Date[], now: Date, timeZone: string, rolloverHour: number, days = 30): number[] {
  const today = studyDay(now, timeZone, rolloverHour)
  const counts = Array<number>(days).fill(0)
  for (const due of dues) {
    const offset = Math.max(0, studyDay(due, timeZone, rolloverHour) - today)
    if (offset < days) counts[offset]!++
  }
  return counts
}

export type DayCount = { studyDay: number; reviews: number }

/** The heatmap's first day: the Monday `weeks - 1` weeks before today's week. */
export const heatmapFirstDay = (today: number, weeks = HEATMAP_WEEKS): number => today - weekdayOf(today) - (weeks - 1) * 7

/** A year and the days of today's week so far: 53 columns. */
export const HEATMAP_WEEKS = 53

/**
 * The heatmap's cells: `weeks` columns of Monday…Sunday ending with today's week; a cell is null after today.
 */
export function heatmapWeeks(counts: readonly DayCount[], today: number, weeks = HEATMAP_WEEKS): (DayCount | null)[][] {
  const byDay = new Map(counts.map((c) => [c.studyDay, c.reviews]))
  const firstMonday = heatmapFirstDay(today, weeks)
  return Array.from({ length: weeks }, (_, w) =>
    Array.from({ length: 7 }, (_, d) => {
      const day = firstMonday + w * 7 + d
      return day > today ? null : { studyDay: day, reviews: byDay.get(day) ?? 0 }
    }),
  )
}

/** The heatmap's shade of a day, 0 (none) … 4, relative to the busiest day shown. */
export function heatLevel(reviews: number, busiest: number): number {
  if (reviews <= 0 || busiest <= 0) return 0
  return Math.min(4, Math.max(1, Math.ceil((reviews / busiest) * 4)))
}

export type Retention = { passed: number; answered: number; rate: number | null }

/** True retention: the share of answers to cards in review that were Hard, Good or Easy. */
export function retention(passed: number, answered: number): Retention {
  return { passed, answered, rate: answered > 0 ? passed / answered : null }
}

export type MasteryCounts = Record<Mastery, number>

/** A group of claims summarised: how many in each state, learned X of N, and the mean retrievability of those seen. */
export function summarise(claims: readonly { mastery: Mastery; weakestRetrievability: number | null }[]) {
  const counts: MasteryCounts = { new: 0, learning: 0, learned: 0, fading: 0, paused: 0 }
  for (const c of claims) counts[c.mastery]++
  const seen = claims.flatMap((c) => (c.weakestRetrievability === null ? [] : [c.weakestRetrievability]))
  return {
    counts,
    learned: counts.learned,
    total: claims.length,
    meanRetrievability: seen.length > 0 ? seen.reduce((a, b) => a + b, 0) / seen.length : null,
  }
}
