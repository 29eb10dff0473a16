/**
 * Recall now (issue #30): one function for a card (recallNow, whole study days since the last review) and one rule
 * for a claim (claimRecall, the lowest of its seen, live, unsuspended cards, with how many are not studied).
 */
import { describe, expect, it } from 'vitest'
import { default_w, forgetting_curve } from 'ts-fsrs'
import { answerCard, forgettingCurve, recallNow, type SchedulingState, type StudyContext } from './scheduler'
import { claimMastery, claimRecall, type MasteryCard } from './mastery'
import { talkPlan } from './talk-plan'
import { CardStateKind } from './card-state'
import { DAY_MS, studyDay, studyDayDate, toSchedulerTime } from './study-day'

const LONDON = 'Europe/London'
const at = (iso: string): StudyContext => ({ now: new Date(iso), timeZone: LONDON, rolloverHour: 4 })
/** A new card answered Easy at 22:30 on 6 December: in review, stability 8.2956 days (FSRS-6's defaults). */
const EASY_AT_2230 = answerCard(null, 4, at('2026-12-06T22:30:00Z'), 'u:c:0').next

/** ts-fsrs's get_retrievability as it was used before: its curve over whole 24-hour periods (shifted time). */
function overTwentyFourHourPeriods(state: SchedulingState, c: StudyContext): number {
  const shifted = (d: Date) => toSchedulerTime(d, c.timeZone, c.rolloverHour).getTime()
  return forgetting_curve(default_w, Math.floor((shifted(c.now) - shifted(state.lastReview!)) / DAY_MS), +state.stability.toFixed(8))
}

describe('a card\'s recall now', () => {
  it('counts whole study days: answered at 22:30, it is one day old the next morning (98.3%, not 100%)', () => {
    expect(EASY_AT_2230.state).toBe(CardStateKind.Review)
    expect(EASY_AT_2230.stability).toBeCloseTo(8.2956, 4)
    const nextMorning = at('2026-12-07T09:00:00Z')
    expect(recallNow(EASY_AT_2230, nextMorning)).toBeCloseTo(0.98292344, 8)
    // Before: 10.5 hours are no whole 24-hour period, so ts-fsrs's count said 100%.
    expect(overTwentyFourHourPeriods(EASY_AT_2230, nextMorning)).toBe(1)
    // The same study day (before the 04:00 rollover) is still no day at all.
    expect(recallNow(EASY_AT_2230, at('2026-12-07T03:59:00Z'))).toBe(1)
    // Ten study days on it is the curve at 10 days, whatever the hour.
    expect(recallNow(EASY_AT_2230, at('2026-12-16T04:00:00Z'))).toBe(forgettingCurve(undefined)(10, EASY_AT_2230.stability))
  })

  it('uses the person\'s own weights, as the scheduler does', () => {
    const w = [0.2, 1.2, 3, 16, 7, 0.5, 1.6, 0.01, 1.5, 0.1, 1, 1.9, 0.1, 0.3, 2.2, 0.2, 3, 0.5, 0.6, 0.1, 0.35]
    const c = { ...at('2026-12-26T09:00:00Z'), parameters: { w } }
    expect(recallNow(EASY_AT_2230, c)).toBe(forgettingCurve({ w })(20, EASY_AT_2230.stability))
    expect(recallNow(EASY_AT_2230, c)).not.toBeCloseTo(recallNow(EASY_AT_2230, at('2026-12-26T09:00:00Z'))!, 3)
  })

  it('counts from the day held after a change of zone, as the scheduler does, not from now\'s own earlier day', () => {
    // At 15:00 UTC on 7 December it is 05:00 on the 8th at Kiritimati (UTC+14): a person who studied there holds
    // the 8th after moving to London, where it is still the 7th.
    const inLondon = at('2026-12-07T15:00:00Z')
    const held = studyDay(new Date('2026-12-07T15:00:00Z'), 'Pacific/Kiritimati', 4)
    expect(studyDayDate(held)).toBe('2026-12-08')
    expect(studyDayDate(studyDay(inLondon.now, LONDON, 4))).toBe('2026-12-07')
    expect(recallNow(EASY_AT_2230, { ...inLondon, today: held })).toBe(forgettingCurve(undefined)(2, EASY_AT_2230.stability))
    // Positive control: without the day held, one day has passed; a held day earlier than now's own changes nothing.
    expect(recallNow(EASY_AT_2230, inLondon)).toBe(forgettingCurve(undefined)(1, EASY_AT_2230.stability))
    expect(recallNow(EASY_AT_2230, { ...inLondon, today: held - 5 })).toBe(recallNow(EASY_AT_2230, inLondon))
  })

  it('is null, "not studied", for a card never reviewed: neither 0% nor 100%', () => {
    expect(recallNow(null, at('2026-12-07T09:00:00Z'))).toBeNull()
    expect(recallNow({ ...EASY_AT_2230, state: CardStateKind.New, lastReview: null }, at('2026-12-07T09:00:00Z'))).toBeNull()
  })
})

describe('the forgetting curve in closed form', () => {
  it('equals ts-fsrs\'s own curve for many states', () => {
    const curve = forgettingCurve(undefined)
    for (const stability of [0.3, 1, 2.5, 7.77, 30, 123.456, 900])
      for (const days of [0, 1, 3, 10, 40, 400]) expect(Math.abs(curve(days, stability) - forgetting_curve(default_w, days, stability))).toBeLessThan(1e-9)
  })
})

describe('a claim\'s recall', () => {
  const NOW = at('2026-12-07T09:00:00Z')
  const card = (state: SchedulingState | null, extra: Partial<MasteryCard> = {}): MasteryCard => ({ retired: false, suspended: false, state, ...extra })
  const lastReviewed = (iso: string, stability: number): SchedulingState => ({ ...EASY_AT_2230, stability, lastReview: new Date(iso) })
  const now = (c: MasteryCard) => recallNow(c.state, NOW)!

  it('is the lowest of its seen, live, unsuspended cards, with how many of them are not studied', () => {
    const strong = card(lastReviewed('2026-12-06T22:30:00Z', 8.2956)) // 98.3% now
    const weaker = card(lastReviewed('2026-12-01T10:00:00Z', 5)) // six study days: lower
    const suspendedWeakest = card(lastReviewed('2026-10-01T10:00:00Z', 1), { suspended: true })
    const retiredWeakest = card(lastReviewed('2026-10-01T10:00:00Z', 1), { retired: true })
    const unseen = card(null)
    const recall = claimRecall([strong, weaker, suspendedWeakest, retiredWeakest, unseen], now)
    expect(recall).toEqual({ weakestRetrievability: forgettingCurve(undefined)(6, 5), cardsCounted: 3, cardsSeen: 2 })
    expect(recall.weakestRetrievability).toBeLessThan(recallNow(strong.state, NOW)!)
    // The suspended and retired cards were the weakest: leaving them out is what changed the figure.
    expect(recallNow(suspendedWeakest.state, NOW)).toBeLessThan(recall.weakestRetrievability!)
    // Mastery gives the same figure: one rule.
    expect(claimMastery([strong, weaker, suspendedWeakest, retiredWeakest, unseen], false, { ...NOW, desiredRetention: 0.9 })).toMatchObject({ ...recall, mastery: 'learning' })
  })

  it('is "not studied" (null) when no counted card is seen, and counts nothing for a claim whose cards are all suspended', () => {
    expect(claimRecall([card(null), card(null)], now)).toEqual({ weakestRetrievability: null, cardsCounted: 2, cardsSeen: 0 })
    expect(claimRecall([card(lastReviewed('2026-12-06T22:30:00Z', 8.2956), { suspended: true }), card(null)], now)).toEqual({ weakestRetrievability: null, cardsCounted: 1, cardsSeen: 0 })
    expect(claimRecall([card(lastReviewed('2026-12-06T22:30:00Z', 8.2956), { suspended: true })], now)).toEqual({ weakestRetrievability: null, cardsCounted: 0, cardsSeen: 0 })
  })
})

describe('a claim\'s recall on a talk\'s day', () => {
  it('follows the same rule: a studied card\'s figure, the unstudied one counted beside it, weak until all are studied', () => {
    const studied = { cardId: 'a1', claimId: 'A', retired: false, suspended: false, state: EASY_AT_2230 }
    const unseen = { cardId: 'a2', claimId: 'A', retired: false, suspended: false, state: null }
    const suspended = { ...studied, cardId: 'a3', suspended: true, state: { ...EASY_AT_2230, stability: 0.5 } }
    const c = at('2026-12-07T09:00:00Z')
    // The talk on 13 December (study day 20_800): a week after the answer's study day (20_793).
    const plan = talkPlan({ cards: [studied, unseen, suspended], talkDay: 20_800, ctx: c, target: 0.9, reviewsPerDay: null })
    expect(plan.claims).toEqual([
      { claimId: 'A', withoutPlan: forgettingCurve(undefined)(7, EASY_AT_2230.stability), cardsCounted: 2, cardsSeen: 1, weak: true, withPlan: expect.any(Number), reaches: true },
    ])
  })
})
