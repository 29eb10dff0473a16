import { describe, expect, it } from 'vitest'
import { DAY_MS, effectiveStudyDay, localDate, noonDateOfStudyDay, startOfStudyDay, studyDayOfNoon, studyDay, studyDayAsUtcDate, studyDayDate, studyDayOfDate, toSchedulerTime, wallClockMs } from './study-day'

const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)
const at = (iso: string) => new Date(iso)

describe('studyDay', () => {
  it('puts 3:59 on the previous study day and 4:01 on the new one (default rollover)', () => {
    // New York, 9 March 2026 (EDT, UTC-4)
    expect(studyDay(at('2026-03-09T07:59:00Z'), 'America/New_York', 4)).toBe(day('2026-03-08'))
    expect(studyDay(at('2026-03-09T08:01:00Z'), 'America/New_York', 4)).toBe(day('2026-03-09'))
  })

  it('follows Asia/Shanghai (UTC+8, no DST)', () => {
    expect(studyDay(at('2026-05-31T19:59:00Z'), 'Asia/Shanghai', 4)).toBe(day('2026-05-31')) // 03:59 on 1 June
    expect(studyDay(at('2026-05-31T20:01:00Z'), 'Asia/Shanghai', 4)).toBe(day('2026-06-01')) // 04:01 on 1 June
  })

  it('honours another rollover hour', () => {
    expect(studyDay(at('2026-05-31T23:30:00Z'), 'UTC', 0)).toBe(day('2026-05-31'))
    expect(studyDay(at('2026-06-01T00:30:00Z'), 'UTC', 0)).toBe(day('2026-06-01'))
    expect(studyDay(at('2026-06-01T00:30:00Z'), 'UTC', 1)).toBe(day('2026-05-31'))
  })

  it('counts one study day across the 23-hour spring-forward day in New York', () => {
    const before = at('2026-03-07T15:00:00Z') // 10:00 EST, 7 March
    const after = at('2026-03-08T14:00:00Z') // 10:00 EDT, 8 March: 23 real hours later
    expect(studyDay(after, 'America/New_York', 4) - studyDay(before, 'America/New_York', 4)).toBe(1)
  })

  it('counts one study day across the 25-hour fall-back day in New York', () => {
    const before = at('2026-10-31T14:00:00Z') // 10:00 EDT, 31 October
    const after = at('2026-11-01T15:00:00Z') // 10:00 EST, 1 November: 25 real hours later
    expect(studyDay(after, 'America/New_York', 4) - studyDay(before, 'America/New_York', 4)).toBe(1)
  })

  it('handles both Berlin changes (29 March and 25 October 2026)', () => {
    expect(studyDay(at('2026-03-29T01:59:00Z'), 'Europe/Berlin', 4)).toBe(day('2026-03-28')) // 03:59 CEST
    expect(studyDay(at('2026-03-29T02:01:00Z'), 'Europe/Berlin', 4)).toBe(day('2026-03-29')) // 04:01 CEST
    expect(studyDay(at('2026-10-25T02:59:00Z'), 'Europe/Berlin', 4)).toBe(day('2026-10-24')) // 03:59 CET
    expect(studyDay(at('2026-10-25T03:01:00Z'), 'Europe/Berlin', 4)).toBe(day('2026-10-25')) // 04:01 CET
  })
})

describe('startOfStudyDay', () => {
  it('is the rollover hour, local time, on both sides of every DST change', () => {
    const cases: [string, string, string][] = [
      ['America/New_York', '2026-03-08', '2026-03-08T08:00:00Z'], // EDT already (change at 2 am)
      ['America/New_York', '2026-03-07', '2026-03-07T09:00:00Z'], // EST
      ['America/New_York', '2026-11-01', '2026-11-01T09:00:00Z'], // EST already
      ['Europe/Berlin', '2026-03-29', '2026-03-29T02:00:00Z'],
      ['Europe/Berlin', '2026-10-25', '2026-10-25T03:00:00Z'],
      ['Asia/Shanghai', '2026-06-01', '2026-05-31T20:00:00Z'],
    ]
    for (const [zone, date, expected] of cases) {
      expect(startOfStudyDay(day(date), zone, 4).toISOString(), `${zone} ${date}`).toBe(new Date(expected).toISOString())
    }
  })

  it('takes the first instant after a gap when the rollover hour does not exist that day', () => {
    // New York skips 02:00–03:00 on 8 March 2026; a 2 am rollover starts the day at 03:00 EDT.
    expect(startOfStudyDay(day('2026-03-08'), 'America/New_York', 2).toISOString()).toBe('2026-03-08T07:00:00.000Z')
  })

  it('starts at the first instant at or after the rollover reading, for any gap, offset and rollover hour', () => {
    // [zone, date, rollover hour, the day's first instant]: each checked against Intl's reading of the zone.
    const cases: [string, string, number, string][] = [
      // Chatham (UTC+12:45, +13:45 in summer) skips 02:45–03:45 on 27 September 2026: 03:00 does not exist.
      ['Pacific/Chatham', '2026-09-27', 3, '2026-09-26T14:00:00Z'], // 03:45 +13:45, not 04:00
      ['Pacific/Chatham', '2026-09-27', 2, '2026-09-26T13:15:00Z'], // 02:00 +12:45, before the gap
      ['Pacific/Chatham', '2026-09-27', 4, '2026-09-26T14:15:00Z'], // 04:00 +13:45
      ['Pacific/Chatham', '2026-04-05', 3, '2026-04-04T13:15:00Z'], // 03:00 happens twice (03:45 → 02:45): the first
      // Berlin skips 02:00–03:00 on 29 March and repeats 02:00–03:00 on 25 October 2026.
      ['Europe/Berlin', '2026-03-29', 2, '2026-03-29T01:00:00Z'], // 03:00 CEST, the first instant after the gap
      ['Europe/Berlin', '2026-03-29', 3, '2026-03-29T01:00:00Z'],
      ['Europe/Berlin', '2026-03-29', 0, '2026-03-28T23:00:00Z'],
      ['Europe/Berlin', '2026-03-29', 23, '2026-03-29T21:00:00Z'],
      ['Europe/Berlin', '2026-10-25', 2, '2026-10-25T00:00:00Z'], // the first 02:00 (CEST)
      ['Europe/Berlin', '2026-10-25', 3, '2026-10-25T02:00:00Z'],
      ['Europe/Berlin', '2026-10-25', 23, '2026-10-25T22:00:00Z'],
      // New York skips 02:00–03:00 on 8 March and repeats 01:00–02:00 on 1 November 2026.
      ['America/New_York', '2026-03-08', 2, '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-03-08', 0, '2026-03-08T05:00:00Z'],
      ['America/New_York', '2026-03-08', 23, '2026-03-09T03:00:00Z'],
      ['America/New_York', '2026-11-01', 1, '2026-11-01T05:00:00Z'], // the first 01:00 (EDT)
      ['America/New_York', '2026-11-01', 0, '2026-11-01T04:00:00Z'],
      ['America/New_York', '2026-11-01', 4, '2026-11-01T09:00:00Z'],
      ['America/New_York', '2026-11-01', 23, '2026-11-02T04:00:00Z'],
      // Santiago skips midnight (00:00 → 01:00) on 6 September 2026: rollover 0 starts the day at 01:00.
      ['America/Santiago', '2026-09-06', 0, '2026-09-06T04:00:00Z'],
      ['Europe/London', '2026-12-09', 23, '2026-12-09T23:00:00Z'],
    ]
    for (const [zone, date, hour, expected] of cases) {
      const start = startOfStudyDay(day(date), zone, hour)
      expect(start.toISOString(), `${zone} ${date} rollover ${hour}`).toBe(new Date(expected).toISOString())
      expect(studyDay(start, zone, hour), `${zone} ${date} rollover ${hour}`).toBe(day(date))
      expect(studyDay(new Date(start.getTime() - 1), zone, hour), `${zone} ${date} rollover ${hour}`).toBe(day(date) - 1)
    }
  })

  it('is inverse to studyDay', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Shanghai', 'Australia/Lord_Howe']) {
      for (let d = day('2026-01-01'); d < day('2027-01-01'); d += 5) {
        const start = startOfStudyDay(d, zone, 4)
        expect(studyDay(start, zone, 4)).toBe(d)
        expect(studyDay(new Date(start.getTime() - 1), zone, 4)).toBe(d - 1)
      }
    }
  })
})

describe('toSchedulerTime', () => {
  it('maps an instant to a time whose UTC date is its study day', () => {
    const t = at('2026-11-01T08:30:00Z') // 03:30 EST on 1 Nov, still the study day of 31 Oct
    expect(Math.floor(toSchedulerTime(t, 'America/New_York', 4).getTime() / DAY_MS)).toBe(day('2026-10-31'))
    expect(wallClockMs(t, 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 3, 30))
  })
})

describe('wallClockMs', () => {
  /** The reading straight from Intl, with no cache. */
  function intlReading(t: number, zone: string): number {
    const parts: Record<string, number> = {}
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    for (const p of f.formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) + (t % 1000)
  }

  it('agrees with Intl minute by minute around DST changes, in odd-offset zones too', () => {
    const around: [string, string][] = [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Europe/Berlin', '2026-03-29T01:00:00Z'],
      ['Europe/Berlin', '2026-10-25T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // a 30-minute DST change
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'], // +05:45
      ['Pacific/Chatham', '2026-04-04T14:00:00Z'], // +12:45 / +13:45
    ]
    for (const [zone, iso] of around) {
      const centre = Date.parse(iso)
      for (let m = -120; m <= 120; m++) {
        const t = centre + m * 60_000 + 123
        expect(wallClockMs(new Date(t), zone), `${zone} ${new Date(t).toISOString()}`).toBe(intlReading(t, zone))
      }
    }
  })
})

describe('effectiveStudyDay (the day number never goes backwards)', () => {
  it('keeps the day logged last when a move west puts today before it, until the new zone catches up', () => {
    // Answered at 10:00 on 10 March in Shanghai (the 10th's study day), then the zone is set to Los Angeles,
    // where it is 19:00 on the 9th: today stays the 10th, not the 9th again (its limits would be granted twice).
    const lastLogged = studyDay(at('2026-03-10T02:00:00Z'), 'Asia/Shanghai', 4)
    expect(lastLogged).toBe(day('2026-03-10'))
    expect(studyDay(at('2026-03-10T03:00:00Z'), 'America/Los_Angeles', 4)).toBe(day('2026-03-09'))
    expect(effectiveStudyDay(at('2026-03-10T03:00:00Z'), 'America/Los_Angeles', 4, lastLogged)).toBe(day('2026-03-10'))
    // 05:00 PDT on the 10th: Los Angeles has caught up with the day held; at 04:00 on the 11th the next day starts.
    expect(effectiveStudyDay(at('2026-03-10T12:00:00Z'), 'America/Los_Angeles', 4, lastLogged)).toBe(day('2026-03-10'))
    expect(effectiveStudyDay(at('2026-03-11T11:00:00Z'), 'America/Los_Angeles', 4, lastLogged)).toBe(day('2026-03-11'))
  })

  it('moves ahead at once on a move east, and follows a later rollover hour back no further than the day logged', () => {
    const lastLogged = studyDay(at('2026-03-09T23:00:00Z'), 'America/New_York', 4) // 19:00 EDT on the 9th
    expect(effectiveStudyDay(at('2026-03-09T23:30:00Z'), 'Asia/Shanghai', 4, lastLogged)).toBe(day('2026-03-10')) // 07:30 on the 10th
    // Rollover moved from 4 to 23 at 22:00 on the 10th in New York: its own day would be the 9th again.
    const loggedOn10th = day('2026-03-10')
    expect(studyDay(at('2026-03-11T02:00:00Z'), 'America/New_York', 23)).toBe(day('2026-03-09'))
    expect(effectiveStudyDay(at('2026-03-11T02:00:00Z'), 'America/New_York', 23, loggedOn10th)).toBe(loggedOn10th)
    expect(effectiveStudyDay(at('2026-03-11T02:00:00Z'), 'America/New_York', 23, null)).toBe(day('2026-03-09'))
  })

  it('turns at the rollover in three zones, with and without DST', () => {
    // New York (DST from 8 March), Berlin (DST from 29 March), Shanghai (no DST): 03:59 and 04:00 local on 10 March.
    expect(studyDay(at('2026-03-10T07:59:00Z'), 'America/New_York', 4)).toBe(day('2026-03-09'))
    expect(studyDay(at('2026-03-10T08:00:00Z'), 'America/New_York', 4)).toBe(day('2026-03-10'))
    expect(studyDay(at('2026-03-10T02:59:00Z'), 'Europe/Berlin', 4)).toBe(day('2026-03-09'))
    expect(studyDay(at('2026-03-10T03:00:00Z'), 'Europe/Berlin', 4)).toBe(day('2026-03-10'))
    expect(studyDay(at('2026-03-09T19:59:00Z'), 'Asia/Shanghai', 4)).toBe(day('2026-03-09'))
    expect(studyDay(at('2026-03-09T20:00:00Z'), 'Asia/Shanghai', 4)).toBe(day('2026-03-10'))
    expect(startOfStudyDay(day('2026-03-30'), 'Europe/Berlin', 4).toISOString()).toBe('2026-03-30T02:00:00.000Z') // CEST
  })
})

describe('a study day and its calendar date', () => {
  it('names a day by the date it begins on, and back', () => {
    expect(studyDayDate(day('2026-03-16'))).toBe('2026-03-16')
    expect(studyDayOfDate('2027-03-14')).toBe(day('2027-03-14'))
    expect(studyDayDate(studyDayOfDate('2024-02-29'))).toBe('2024-02-29')
    expect(studyDayAsUtcDate(day('2026-12-31')).toISOString()).toBe('2026-12-31T00:00:00.000Z')
  })
})

describe('calendar dates and study days', () => {
  it('reads the calendar date in the zone, whatever the rollover hour', () => {
    expect(localDate(at('2026-12-09T10:00:00Z'), 'Europe/London')).toBe('2026-12-09')
    expect(localDate(at('2026-12-09T23:30:00Z'), 'Europe/London')).toBe('2026-12-09') // past a rollover at 23
    expect(localDate(at('2026-12-09T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-10')
    expect(localDate(at('2026-09-26T14:00:00Z'), 'Pacific/Chatham')).toBe('2026-09-27') // 03:45, just after the gap
    expect(localDate(at('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01') // 01:30 EDT, before the repeat
  })

  it("puts a date on the study day that holds its noon, in every zone, on DST days too", () => {
    // With rollover 23 in London, 10:00 on 9 December is in the study day that began at 23:00 on the 8th: a talk
    // dated the 9th is on that study day ("today"), and that day is shown as the 9th.
    expect(studyDay(at('2026-12-09T10:00:00Z'), 'Europe/London', 23)).toBe(studyDayOfNoon('2026-12-09', 23))
    expect(noonDateOfStudyDay(studyDay(at('2026-12-09T10:00:00Z'), 'Europe/London', 23), 23)).toBe('2026-12-09')
    const cases: [string, number, string][] = [
      ['2026-12-09', 0, '2026-12-09'], ['2026-12-09', 3, '2026-12-09'], ['2026-12-09', 4, '2026-12-09'],
      ['2026-12-09', 12, '2026-12-09'], ['2026-12-09', 13, '2026-12-08'], ['2026-12-09', 23, '2026-12-08'],
      ['2026-09-27', 3, '2026-09-27'], ['2026-09-27', 23, '2026-09-26'], // Chatham's spring-forward day
      ['2026-03-29', 23, '2026-03-28'], ['2026-10-25', 0, '2026-10-25'], // Europe's two change days
      ['2026-03-08', 4, '2026-03-08'], ['2026-11-01', 23, '2026-10-31'], // America's
    ]
    for (const [date, hour, studyDayName] of cases) {
      expect(studyDayOfNoon(date, hour), `${date} rollover ${hour}`).toBe(day(studyDayName))
      expect(noonDateOfStudyDay(day(studyDayName), hour), `${studyDayName} rollover ${hour}`).toBe(date)
      for (const zone of ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Pacific/Chatham']) {
        const noon = startOfStudyDay(day(date), zone, 12) // 12:00 local on that date
        expect(studyDay(noon, zone, hour), `${zone} ${date} rollover ${hour}`).toBe(day(studyDayName))
      }
    }
  })
})
