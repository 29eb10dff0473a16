/**
 * A talk (issue #19), the form's part: what a person gives (a title, the date, the sections and tags it covers, the
 * most minutes a day) and how it is checked. The plan itself is ./talk-plan.ts. Error messages are catalogue keys
 * (errors.*), translated where they are shown.
 */
import { z } from './zod'
import { studyDayDate, studyDayOfDate } from './study-day'
import { MAX_TALK_MINUTES } from './form-limits'

/** A talk more than two years ahead is a typo more often than a plan. */
export const MAX_TALK_DAYS_AHEAD = 730

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** A date that exists: "2099-13-45" has the shape but no day (it rolls over to another date and back). */
const realDate = (s: string) => ISO_DATE.test(s) && studyDayDate(studyDayOfDate(s)) === s

/**
 * The talk form's fields, checked against today's calendar date in the person's zone (localDate in ./study-day.ts;
 * a talk's date is a calendar date, whatever the rollover hour): a talk is today or later.
 */
export function talkInputSchema(todayDate: string) {
  const first = todayDate
  const last = studyDayDate(studyDayOfDate(todayDate) + MAX_TALK_DAYS_AHEAD)
  return z
    .strictObject({
      title: z.string({ error: 'errors.talkTitleMissing' }).trim().min(1, 'errors.talkTitleMissing').max(200, 'errors.talkTitleLong'),
      date: z
        .string({ error: 'errors.talkDateMissing' })
        .min(1, 'errors.talkDateMissing')
        .refine((d) => d === '' || realDate(d), 'errors.talkDateFormat')
        .refine((d) => !realDate(d) || d >= first, 'errors.talkDatePast')
        .refine((d) => !realDate(d) || d <= last, 'errors.talkDateFar'),
      sections: z.array(z.string().regex(/^[\w-]{1,100}\/\d{2}$/, 'errors.invalid')).max(50).default([]),
      tags: z.array(z.string().min(1).max(100)).max(100).default([]),
      minutesPerDay: z.preprocess(
        (v) => (v === '' || v === undefined || v === null ? null : v),
        z.coerce.number({ error: 'errors.numberMissing' }).int('errors.numberWhole').min(1, 'errors.talkMinutesRange').max(MAX_TALK_MINUTES, 'errors.talkMinutesRange').nullable(),
      ),
    })
    .superRefine((t, ctx) => {
      if (t.sections.length === 0 && t.tags.length === 0) ctx.addIssue({ code: 'custom', path: ['scope'], message: 'errors.talkNoScope' })
    })
}

/**
 * Calendar days from `todayDate` to a talk's `date` (0 on its date, negative after it): the countdown, whatever the
 * rollover hour. @example daysUntil('2026-12-09', '2026-12-09') === 0
 */
export const daysUntil = (date: string, todayDate: string) => studyDayOfDate(date) - studyDayOfDate(todayDate)

/**
 * What a talk's page says when today's study day has no planned part (catalogue keys, talks.*): nothing planned for
 * a day before the talk's; "the talk's study day has begun" when the countdown, which counts calendar dates, still
 * says it is ahead (with a rollover after noon the talk's study day begins the evening before: decision 0016); no
 * days left on its date and after it. `talkDay` and `today` are study days, `daysLeft` is daysUntil's.
 * @example emptyTodayNotice(talkDay, talkDay, 1) === 'talkDayBegun' // 23:30 the evening before, rollover 23
 */
export function emptyTodayNotice(talkDay: number, today: number, daysLeft: number): 'todayNothing' | 'talkDayBegun' | 'noDaysLeft' {
  if (talkDay > today) return 'todayNothing'
  return daysLeft > 0 ? 'talkDayBegun' : 'noDaysLeft'
}

export type TalkInput = z.output<ReturnType<typeof talkInputSchema>>

/** The form's fields as the schema reads them (sections and tags are lists of ticked boxes). */
export function talkInputFromForm(form: FormData): Record<string, unknown> {
  return {
    title: form.get('title') ?? undefined,
    date: form.get('date') ?? undefined,
    sections: form.getAll('sections'),
    tags: form.getAll('tags'),
    minutesPerDay: form.get('minutesPerDay') ?? undefined,
  }
}

/** A talk's scope holds a claim when the claim's section is chosen or it has a chosen tag. */
export function inTalkScope(scope: { sections: readonly string[]; tags: readonly string[] }, claim: { sectionKey: string; tags: readonly string[] }): boolean {
  return scope.sections.includes(claim.sectionKey) || claim.tags.some((t) => scope.tags.includes(t))
}
