/**
 * True retention by period, as Anki 24.11's statistics count it: of the answers to cards in review, the share passed
 * (Hard, Good or Easy), split young / mature by the interval the card had before the answer (< or ≥ 21 days), for
 * today, yesterday, the last week, month and year. Only a card's first answer of a study day counts (a second look
 * the same day tests nothing new). Pure: the database gives the counts per study day (lib/data/progress-sql.ts,
 * TRUE_RETENTION_DAYS); this sums them into periods.
 */
import { CardStateKind } from './card-state'

/** Anki's line between young and mature cards: an interval of 21 days or more. */
export const MATURE_INTERVAL_DAYS = 21
/** Answers of this state count: cards in review (not learning or relearning). */
export const TRUE_RETENTION_STATE = CardStateKind.Review

export const RETENTION_PERIODS = ['today', 'yesterday', 'week', 'month', 'year'] as const
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number]

/** Each period as study days back from today: [first, last] (0 = today). A week, month, year include today, as Anki. */
const PERIOD_DAYS_BACK: Record<RetentionPeriod, [number, number]> = {
  today: [0, 0],
  yesterday: [1, 1],
  week: [6, 0],
  month: [29, 0],
  year: [364, 0],
}

/** The first study day the table reads. */
export const trueRetentionFirstDay = (today: number): number => today - PERIOD_DAYS_BACK.year[0]

/** One study day's counted answers of young or mature cards. */
export type TrueRetentionDay = { studyDay: number; mature: boolean; passed: number; failed: number }

export type RetentionCell = { passed: number; failed: number; rate: number | null }
export type TrueRetentionRow = { period: RetentionPeriod; young: RetentionCell; mature: RetentionCell; total: RetentionCell }

const cell = (passed: number, failed: number): RetentionCell => ({ passed, failed, rate: passed + failed > 0 ? passed / (passed + failed) : null })

/**
 * The table: one row per period, young, mature and both together.
 * @example trueRetentionTable([{ studyDay: 100, mature: true, passed: 9, failed: 1 }], 100)[0].mature.rate // 0.9
 */
export function trueRetentionTable(days: readonly TrueRetentionDay[], today: number): TrueRetentionRow[] {
  return RETENTION_PERIODS.map((period) => {
    const [firstBack, lastBack] = PERIOD_DAYS_BACK[period]
    const sums = { young: { passed: 0, failed: 0 }, mature: { passed: 0, failed: 0 } }
    for (const d of days) {
      if (d.studyDay < today - firstBack || d.studyDay > today - lastBack) continue
      const s = d.mature ? sums.mature : sums.young
      s.passed += d.passed
      s.failed += d.failed
    }
    return {
      period,
      young: cell(sums.young.passed, sums.young.failed),
      mature: cell(sums.mature.passed, sums.mature.failed),
      total: cell(sums.young.passed + sums.mature.passed, sums.young.failed + sums.mature.failed),
    }
  })
}
