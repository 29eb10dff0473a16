/**
 * The study day, as Anki counts it: a day runs from the rollover hour (default 4 am) in the person's time zone to
 * the next one. Study-day numbers count days since 1970-01-01 and are the only day arithmetic the app does: elapsed
 * days are differences of study-day numbers, never of UTC dates. See docs/decisions/0003-study-day.md.
 */

export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/**
 * The wall-clock reading of `instant` in `timeZone`, as epoch milliseconds of that reading taken as UTC.
 * @example wallClockMs(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin') === Date.UTC(2026, 6, 1, 14)
 */
export function wallClockMs(instant: Date, timeZone: string): number {
  const t = instant.getTime()
  return t + utcOffsetMs(t, timeZone)
}

const OFFSET_BUCKET_MS = 15 * MINUTE_MS
const OFFSETS_MAX = 50_000
/** Per zone, per bucket number. Numbers as keys: a key string made per call cost more than the rest of the look-up. */
const offsets = new Map<string, Map<number, number>>()
let offsetsKept = 0

/**
 * The zone's UTC offset at `t`. Intl is slow (~3 µs a call, and a grade needs a dozen), so offsets are cached per
 * 15-minute bucket: zones change offset only on quarter-hour boundaries, and a bucket's offset is read at its start.
 * The queue calls this for every card it ranks (hundreds a grade), so the look-up itself must be cheap too.
 */
function utcOffsetMs(t: number, timeZone: string): number {
  const index = Math.floor(t / OFFSET_BUCKET_MS)
  let zone = offsets.get(timeZone)
  let offset = zone?.get(index)
  if (offset === undefined) {
    const bucket = index * OFFSET_BUCKET_MS
    const parts: Record<string, number> = {}
    for (const p of formatter(timeZone).formatToParts(new Date(bucket))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
    offset = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - bucket
    if (offsetsKept >= OFFSETS_MAX) {
      offsets.clear()
      offsetsKept = 0
      zone = undefined
    }
    if (!zone) offsets.set(timeZone, (zone = new Map()))
    zone.set(index, offset)
    offsetsKept++
  }
  return offset
}

/**
 * The study-day number `instant` falls on for someone in `timeZone` whose day starts at `rolloverHour`.
 * @example studyDay(new Date('2026-03-10T07:59:00Z'), 'America/New_York', 4) // 3:59 local: still the 9th's study day
 */
export function studyDay(instant: Date, timeZone: string, rolloverHour: number): number {
  return Math.floor((wallClockMs(instant, timeZone) - rolloverHour * HOUR_MS) / DAY_MS)
}

/**
 * The instant study day `day` begins: the first instant whose wall-clock reading is at or after the rollover hour on
 * that date. Where a DST gap skips that reading (Pacific/Chatham's 02:45 → 03:45 with rollover 3), that is the first
 * instant after the gap, whatever the gap's size or the zone's offset; where a fall-back repeats it, its first time.
 * @example startOfStudyDay(studyDayOfDate('2026-09-27'), 'Pacific/Chatham', 3) // 2026-09-26T14:00Z, 03:45 local
 */
export function startOfStudyDay(day: number, timeZone: string, rolloverHour: number): Date {
  const target = day * DAY_MS + rolloverHour * HOUR_MS
  // A zone's offset changes at most once around a given date, so the reading is at one of the offsets a day either side.
  const [before, after] = [target - DAY_MS, target + DAY_MS].map((t) => utcOffsetMs(t, timeZone)) as [number, number]
  const exact = [target - before, target - after].filter((t) => t + utcOffsetMs(t, timeZone) === target)
  if (exact.length > 0) return new Date(Math.min(...exact))
  // The reading falls in a gap: the instant the clock jumps lies between the two candidates (the earlier reads
  // before the rollover, the later after it). Bisect for the first instant that reads at or after it.
  let lo = Math.min(target - before, target - after)
  let hi = Math.max(target - before, target - after)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (mid + utcOffsetMs(mid, timeZone) >= target) hi = mid
    else lo = mid
  }
  return new Date(hi)
}

/**
 * The instant ts-fsrs is given for `instant`: the local wall clock shifted back by the rollover hour. ts-fsrs counts
 * days as UTC calendar dates and has no rollover, so on these shifted instants its date arithmetic is exactly the
 * study-day arithmetic above, across 23- and 25-hour DST days too.
 */
export function toSchedulerTime(instant: Date, timeZone: string, rolloverHour: number): Date {
  return new Date(wallClockMs(instant, timeZone) - rolloverHour * HOUR_MS)
}

/**
 * The study day `now` counts as: its own, or the last study day answers were logged on if that is later. After a
 * change of zone or rollover hour that puts today before the last day logged, today stays that day until the new
 * zone catches up, so no day is counted twice (its limits granted again) nor skipped.
 * @example effectiveStudyDay(new Date('2026-03-10T06:00:00Z'), 'America/Los_Angeles', 4, 20522) // 20522, not 20521
 */
export function effectiveStudyDay(now: Date, timeZone: string, rolloverHour: number, lastLoggedDay: number | null): number {
  const own = studyDay(now, timeZone, rolloverHour)
  return lastLoggedDay !== null && lastLoggedDay > own ? lastLoggedDay : own
}

/**
 * The calendar date a study day is named by, "YYYY-MM-DD" (study-day numbers count local dates from 1970-01-01): the
 * date the day begins on. @example studyDayDate(20_528) // "2026-03-16"
 */
export function studyDayDate(day: number): string {
  return studyDayAsUtcDate(day).toISOString().slice(0, 10)
}

/** The study day's date as a Date at UTC midnight, for formatting with `timeZone: 'UTC'`. */
export const studyDayAsUtcDate = (day: number): Date => new Date(day * DAY_MS)

/** A calendar date ("2027-03-14") as a study-day number: the study day that begins on that date. */
export function studyDayOfDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / DAY_MS
}

/**
 * The calendar date `instant` falls on in `timeZone`, "YYYY-MM-DD", whatever the rollover hour: the date a person
 * means by "today" when they give a date (a talk's). @example localDate(new Date('2026-12-09T10:00:00Z'), 'Europe/London') // "2026-12-09"
 */
export function localDate(instant: Date, timeZone: string): string {
  return studyDayDate(Math.floor(wallClockMs(instant, timeZone) / DAY_MS))
}

/**
 * A day someone names by its calendar date (a talk's) happens on the study day that holds 12:00 of that date: the
 * date's own study day when the rollover is at or before noon, the one before when it is after (with rollover 23 the
 * study day that begins at 23:00 on the 8th holds the 9th's noon). Noon exists on every date in every zone.
 * @example studyDayOfNoon('2026-12-09', 23) === studyDayOfDate('2026-12-08')
 */
export function studyDayOfNoon(date: string, rolloverHour: number): number {
  return studyDayOfDate(date) - (rolloverHour > 12 ? 1 : 0)
}

/** The calendar date whose noon study day `day` holds: how a plan's day is named to a person (studyDayOfNoon's inverse). */
export function noonDateOfStudyDay(day: number, rolloverHour: number): string {
  return studyDayDate(day + (rolloverHour > 12 ? 1 : 0))
}
