/**
 * An interval as an answer button shows it: a number and a unit, rounded as Anki rounds them. The words ("10m",
 * "10分钟") are the message catalogue's (messages/*.json, key `review.interval`), never the core's.
 *
 * The JSON API sends each interval as a compact, language-neutral code ("10m", "3h", "4d", "2.1mo", "1.3y"), which
 * `parseIntervalCode` turns back into the same value and unit for the screen.
 */
const MINUTE_MS = 60_000

export const INTERVAL_UNITS = ['minute', 'hour', 'day', 'month', 'year'] as const
export type IntervalUnit = (typeof INTERVAL_UNITS)[number]
export type Interval = { value: number; unit: IntervalUnit }

const CODES: Record<IntervalUnit, string> = { minute: 'm', hour: 'h', day: 'd', month: 'mo', year: 'y' }

/** One decimal at most, and none when it is zero: 1.5, 2, 2.1. */
const oneDecimal = (n: number) => Math.round(n * 10) / 10

/**
 * The interval of an answer: whole study days (≥ 1), or for a learning step (0 days) its length in milliseconds.
 * @example intervalOf(0, 600_000) // { value: 10, unit: 'minute' }
 * @example intervalOf(64, 0) // { value: 2.1, unit: 'month' }
 */
export function intervalOf(intervalDays: number, stepMs: number): Interval {
  if (intervalDays <= 0) {
    const minutes = Math.max(1, Math.round(stepMs / MINUTE_MS))
    return minutes < 60 ? { value: minutes, unit: 'minute' } : { value: oneDecimal(minutes / 60), unit: 'hour' }
  }
  if (intervalDays < 30) return { value: intervalDays, unit: 'day' }
  if (intervalDays < 365) return { value: oneDecimal(intervalDays / 30), unit: 'month' }
  return { value: oneDecimal(intervalDays / 365), unit: 'year' }
}

/** The API's code for an interval. @example intervalCode({ value: 2.1, unit: 'month' }) // "2.1mo" */
export function intervalCode(interval: Interval): string {
  return `${interval.value}${CODES[interval.unit]}`
}

const CODE_PATTERN = /^(\d+(?:\.\d)?)(mo|m|h|d|y)$/

/** The interval a code stands for, or null for anything else. @example parseIntervalCode('10m') // { value: 10, unit: 'minute' } */
export function parseIntervalCode(code: string): Interval | null {
  const match = CODE_PATTERN.exec(code)
  if (!match) return null
  const unit = INTERVAL_UNITS.find((u) => CODES[u] === match[2])!
  return { value: Number(match[1]), unit }
}
