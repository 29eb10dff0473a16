import { describe, expect, it } from 'vitest'
import { daysUntil, talkInputSchema } from './talk'
import { localDate } from './study-day'

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
})
