import { describe, expect, it } from 'vitest'
import { talkInputSchema } from './talk'

const TODAY = Date.parse('2026-12-06T00:00:00Z') / 86_400_000

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
})
