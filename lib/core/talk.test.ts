import { describe, expect, it } from 'vitest'
import { daysUntil, emptyTodayNotice, talkInputSchema } from './talk'
import { localDate, noonDateOfStudyDay, studyDay, studyDayOfNoon } from './study-day'
import { talkPlan } from './talk-plan'

const TODAY = '2026-12-06'

describe('talkInputSchema', () => {
  const parse = (date: string) => talkInputSchema(TODAY).safeParse({ title: 'A talk', date, sections: ['sutskever-2023-11/01'] })

  it.each(['2099-13-45', '2027-02-30', '2027-00-10', '2027-04-31', '9999-99-99'])('answers "%s", a date that does not exist, with a field error', (date) => {
    const result = parse(date)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['date', 'errors.talkDateFormat']])
  })

  it('takes a real date from today to two years ahead', () => {
    expect(parse('2026-12-06').success).toBe(true)
    expect(parse('2028-02-29').success).toBe(true)
    expect(parse('2026-12-05').error?.issues[0]?.message).toBe('errors.talkDatePast')
  })

  it("checks against today's calendar date in the person's zone, whatever the rollover hour", () => {
    // 10:00 on 9 December in London; with rollover 23 the study day began on the 8th, but the 8th is yesterday.
    const today = localDate(new Date('2026-12-09T10:00:00Z'), 'Europe/London')
    const schema = talkInputSchema(today)
    const parse = (date: string) => schema.safeParse({ title: 'A talk', date, sections: ['sutskever-2023-11/01'] })
    expect(parse('2026-12-08').error?.issues[0]?.message).toBe('errors.talkDatePast')
    expect(parse('2026-12-09').success).toBe(true)
    expect(daysUntil('2026-12-09', today)).toBe(0)
    expect(daysUntil('2026-12-10', today)).toBe(1)
    expect(daysUntil('2026-12-08', today)).toBe(-1)
  })

  describe('with rollover 23 in London, a talk on 9 December: the countdown, the plan and the notice agree', () => {
    const talkDay = studyDayOfNoon('2026-12-09', 23)
    const page = (iso: string) => {
      const now = new Date(iso)
      const today = studyDay(now, 'Europe/London', 23)
      const plan = talkPlan({ cards: [], talkDay, ctx: { now, timeZone: 'Europe/London', rolloverHour: 23, today }, target: 0.9, reviewsPerDay: null })
      const daysLeft = daysUntil('2026-12-09', localDate(now, 'Europe/London'))
      return { daysLeft, rows: plan.days.map((d) => noonDateOfStudyDay(d.day, 23)), notice: plan.days.length === 0 ? emptyTodayNotice(talkDay, today, daysLeft) : null }
    }

    it('two evenings before, after 23:00: one row, the 8th (the study day now, which holds its noon)', () => {
      expect(page('2026-12-07T23:30:00Z')).toEqual({ daysLeft: 2, rows: ['2026-12-08'], notice: null })
      expect(page('2026-12-07T22:30:00Z')).toEqual({ daysLeft: 2, rows: ['2026-12-07', '2026-12-08'], notice: null })
    })

    it('the evening before, after 23:00: "in 1 day", no row, and the talk\'s study day has begun', () => {
      expect(page('2026-12-08T23:30:00Z')).toEqual({ daysLeft: 1, rows: [], notice: 'talkDayBegun' })
      expect(emptyTodayNotice(talkDay, talkDay - 1, 1)).toBe('todayNothing')
    })

    it('on its date, after 23:00 as before: "today", no row (none named after the talk\'s date or later), no days left', () => {
      expect(page('2026-12-09T10:00:00Z')).toEqual({ daysLeft: 0, rows: [], notice: 'noDaysLeft' })
      expect(page('2026-12-09T23:30:00Z')).toEqual({ daysLeft: 0, rows: [], notice: 'noDaysLeft' })
      expect(page('2026-12-10T10:00:00Z')).toEqual({ daysLeft: -1, rows: [], notice: 'noDaysLeft' })
    })
  })
})
