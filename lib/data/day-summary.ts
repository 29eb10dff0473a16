/**
 * What the review screen's finish line says of a study day (issue #16): answers and cards, time spent, how many were
 * forgotten (Again), and the claims that first became learned that day (ClaimProgress.learnedAt, ./claim-progress.ts).
 * Undone answers do not count; quiz answers count when they were counted as reviews (kind "review").
 */
import { all, get, type Work } from '../db/sql'
import { startOfStudyDay } from '../core/study-day'
import { presentText } from '../core/present'
import { todayOf, type UserStudyConfig } from './study-context'
import * as Q from './study-sql'

export type DaySummary = {
  /** The study day summed up. */
  day: number
  answers: number
  cards: number
  durationMs: number
  /** Answers rated Again. */
  forgotten: number
  /** In the person's display language, in the order they became learned. */
  learnedClaims: { id: string; html: string }[]
}

/** Today's summary as of `now`, in the person's time zone and rollover hour. */
export function* daySummaryWork(userId: string, config: UserStudyConfig, now: Date): Work<DaySummary> {
  const { timeZone, rolloverHour, displayLanguage } = config.settings
  const day = todayOf(config, now)
  const totals = (yield* get(Q.DAY_SUMMARY, [userId, day]))!
  const from = startOfStudyDay(day, timeZone, rolloverHour)
  const until = startOfStudyDay(day + 1, timeZone, rolloverHour)
  const learned = yield* all(Q.CLAIMS_LEARNED_BETWEEN, [userId, from, until])
  return {
    day,
    answers: totals.answers,
    cards: totals.cards,
    durationMs: totals.durationMs,
    forgotten: totals.forgotten,
    learnedClaims: learned.map((c) => ({ id: c.id, html: presentText(c.textEn, c.textZh, displayLanguage) })),
  }
}
