import { describe, expect, it } from 'vitest'
import { default_w, forgetting_curve } from 'ts-fsrs'
import { answerCard, forgettingCurve, type SchedulingState, type StudyContext } from './scheduler'
import { CardStateKind } from './card-state'
import { DAY_MS, HOUR_MS, startOfStudyDay, studyDay, studyDayOfDate, toSchedulerTime } from './study-day'
import { reviewsPerDayOf, secondsPerCardOf, talkPlan, type TalkCard, type TalkPlan } from './talk-plan'

const ZONE = 'America/New_York'
// Two days before the clocks go forward (14 March 2027 in New York): every plan below spans the change.
const NOW = new Date('2027-03-12T15:00:00Z')
const ctx: StudyContext = { now: NOW, timeZone: ZONE, rolloverHour: 4 }
const TODAY = studyDay(NOW, ZONE, 4)

function reviewCard(cardId: string, claimId: string, daysAgo: number, stability: number, dueInDays: number, extra: Partial<TalkCard> = {}): TalkCard {
  const state: SchedulingState = {
    due: startOfStudyDay(TODAY + dueInDays, ZONE, 4),
    stability,
    difficulty: 5,
    elapsedDays: daysAgo,
    scheduledDays: daysAgo + dueInDays,
    learningSteps: 0,
    reps: 4,
    lapses: 0,
    state: CardStateKind.Review,
    lastReview: new Date(startOfStudyDay(TODAY - daysAgo, ZONE, 4).getTime() + 3 * HOUR_MS),
  }
  return { cardId, claimId, retired: false, suspended: false, state, ...extra }
}
const newCard = (cardId: string, claimId: string): TalkCard => ({ cardId, claimId, retired: false, suspended: false, state: null })

/**
 * ts-fsrs's own get_retrievability, as an independent reference: its forgetting curve over whole 24-hour periods
 * of the scheduler's shifted time. At the end of a study day those periods are exactly the study days elapsed.
 */
function retrievability(state: SchedulingState | null, c: StudyContext): number {
  if (!state || state.state === CardStateKind.New || !state.lastReview) return 0
  const at = (d: Date) => toSchedulerTime(d, c.timeZone, c.rolloverHour).getTime()
  return forgetting_curve(c.parameters?.w ?? default_w, Math.max(0, Math.floor((at(c.now) - at(state.lastReview)) / DAY_MS)), +state.stability.toFixed(8))
}

/** The end of a study day: the instant the talk's retrievability is judged at. */
const endOfDay = (day: number) => new Date(startOfStudyDay(day + 1, ZONE, 4).getTime() - 1)

/**
 * Replays the plan on its own: each card answered Good on its plan's days (learning steps included), checking that
 * no due day was left out, then ts-fsrs's own retrievability at the end of the talk day.
 */
function replay(plan: TalkPlan, cards: readonly TalkCard[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const f of plan.cards) {
    let state = cards.find((c) => c.cardId === f.cardId)!.state
    const days = [...new Set(f.reviewDays)].sort((a, b) => a - b)
    for (const day of days) {
      if (state && state.state !== CardStateKind.New) expect(Math.max(TODAY, studyDay(state.due, ZONE, 4))).toBeGreaterThanOrEqual(day)
      let now = day === TODAY ? NOW : new Date(startOfStudyDay(day, ZONE, 4).getTime() + 2 * HOUR_MS)
      for (let i = 0; i < 20; i++) {
        const o = answerCard(state, 3, { ...ctx, now, today: day }, `replay:${i}`)
        state = o.next
        if (o.intervalDays > 0) break
        now = new Date(now.getTime() + o.stepMs)
      }
    }
    // Nothing falls due between the last review and the talk that the plan did not count.
    if (state && state.state !== CardStateKind.New) expect(studyDay(state.due, ZONE, 4)).toBeGreaterThanOrEqual(plan.talkDay)
    out.set(f.cardId, retrievability(state, { ...ctx, now: endOfDay(plan.talkDay) }))
  }
  return out
}

describe('the forgetting curve in closed form', () => {
  it('equals ts-fsrs on the talk day, across a DST change, for many states', () => {
    const curve = forgettingCurve(undefined)
    for (const stability of [0.3, 1, 2.5, 7.77, 30, 123.456, 900]) {
      for (const daysAgo of [0, 1, 3, 10, 40]) {
        for (const ahead of [0, 1, 2, 5, 60]) {
          const card = reviewCard('c', 'k', daysAgo, stability, 1)
          const talkDay = TODAY + ahead
          const fsrs = retrievability(card.state, { ...ctx, now: endOfDay(talkDay) })
          expect(Math.abs(curve(talkDay - (TODAY - daysAgo), stability) - fsrs)).toBeLessThan(1e-9)
        }
      }
    }
  })

  it('uses the person\'s own decay when they have optimised weights', () => {
    const w = [0.2, 1.2, 3, 16, 7, 0.5, 1.6, 0.01, 1.5, 0.1, 1, 1.9, 0.1, 0.3, 2.2, 0.2, 3, 0.5, 0.6, 0.1, 0.35]
    const card = reviewCard('c', 'k', 5, 12, 1)
    const fsrs = retrievability(card.state, { ...ctx, parameters: { w }, now: endOfDay(TODAY + 20) })
    expect(Math.abs(forgettingCurve({ w })(25, 12) - fsrs)).toBeLessThan(1e-9)
    expect(forgettingCurve({ w })(25, 12)).not.toBeCloseTo(forgettingCurve(undefined)(25, 12), 3)
  })
})

describe('a talk\'s plan', () => {
  it('brings every claim in scope to the target on the day, as replayed through ts-fsrs', () => {
    const cards = [
      reviewCard('a1', 'A', 10, 12, 2),
      reviewCard('a2', 'A', 3, 40, 37),
      reviewCard('b1', 'B', 20, 9, -11), // overdue: due today
      newCard('c1', 'C'),
      newCard('c2', 'C'),
      reviewCard('d1', 'D', 1, 200, 199),
    ]
    const plan = talkPlan({ cards, talkDay: TODAY + 9, ctx, target: 0.9, reviewsPerDay: null })
    expect(plan.unreachable).toEqual([])
    const replayed = replay(plan, cards)
    for (const f of plan.cards) {
      expect(replayed.get(f.cardId)).toBeCloseTo(f.withPlan, 9)
      expect(f.withPlan).toBeGreaterThanOrEqual(0.9)
    }
    // Without the plan the new cards are not studied (weak, no figure) and claim A's weakest card is below the target.
    const claim = (id: string) => plan.claims.find((c) => c.claimId === id)!
    expect(claim('C')).toMatchObject({ withoutPlan: null, cardsCounted: 2, cardsSeen: 0, weak: true })
    expect(claim('A').weak).toBe(true)
    expect(claim('D').weak).toBe(false)
    expect(claim('A').withoutPlan).toBeLessThan(0.9)
    expect(claim('D').withoutPlan).toBeGreaterThan(0.9)
    // The overdue card is due today, in today's part.
    expect(plan.days[0]!.dueCards).toContain('b1')
    expect(plan.days.reduce((n, d) => n + d.answers, 0)).toBe(plan.totalAnswers)
  })

  it('leaves out retired and suspended cards, as mastery does', () => {
    const cards = [reviewCard('a1', 'A', 1, 300, 299), reviewCard('a2', 'A', 50, 3, -40, { suspended: true }), newCard('a3', 'A')]
    cards[2]!.retired = true
    const plan = talkPlan({ cards, talkDay: TODAY + 5, ctx, target: 0.9, reviewsPerDay: null })
    expect(plan.cards.map((c) => c.cardId)).toEqual(['a1'])
    expect(plan.totalAnswers).toBe(0)
  })

  it('makes the busiest day as small as brute force can, then the fewest answers', () => {
    // Seen cards short of the target on the day: the ones due after the talk need one more review before it, and
    // the due ones share its days.
    const cases: TalkCard[][] = [
      [reviewCard('a', 'A', 10, 5, 6), reviewCard('b', 'B', 12, 3, 5), reviewCard('c', 'C', 9, 8, 2), reviewCard('d', 'D', 15, 10, 5)],
      [reviewCard('a', 'A', 30, 4, 9), reviewCard('b', 'A', 20, 2, 9), reviewCard('c', 'B', 30, 4, -20), reviewCard('d', 'C', 8, 1, 7), reviewCard('e', 'C', 8, 30, 1)],
      [reviewCard('a', 'A', 5, 2, 4), reviewCard('b', 'B', 6, 3, 4), reviewCard('c', 'C', 40, 20, 10), reviewCard('d', 'D', 7, 4, 0), reviewCard('e', 'E', 9, 1.5, 5)],
      [reviewCard('a', 'A', 3, 0.8, 5), reviewCard('b', 'B', 3, 0.8, 5), reviewCard('c', 'C', 3, 0.8, 5), reviewCard('d', 'D', 3, 0.8, 5), reviewCard('e', 'E', 2, 60, 0)],
    ]
    for (const cards of cases) {
      const talkDay = TODAY + 4
      const plan = talkPlan({ cards, talkDay, ctx, target: 0.9, reviewsPerDay: null })
      const best = bruteForce(cards, talkDay, 0.9)
      expect(plan.days.some((d) => d.plannedCards.length > 0)).toBe(true)
      expect(plan.unreachable).toEqual([])
      expect(plan.busiestDayAnswers).toBe(best.peak)
      expect(plan.totalAnswers).toBe(best.total)
      for (const [id, r] of replay(plan, cards)) expect(r, id).toBeGreaterThanOrEqual(0.9)
    }
  })

  it('keeps each day within the cap, due reviews included, and says what cannot fit', () => {
    // Two cards fall due on each of the first three days; eight others, due after the talk, need one more review.
    const due = Array.from({ length: 6 }, (_, i) => reviewCard(`d${i}`, `D${i}`, 20, 5, i % 3))
    const cards = [...due, ...Array.from({ length: 8 }, (_, i) => reviewCard(`c${i}`, `K${i}`, 20, 5, 10))]
    const loose = talkPlan({ cards, talkDay: TODAY + 6, ctx, target: 0.9, reviewsPerDay: null })
    expect(loose.unreachable).toEqual([])
    const cap = 2
    expect(loose.busiestDayAnswers).toBeGreaterThan(cap)
    const plan = talkPlan({ cards, talkDay: TODAY + 6, ctx, target: 0.9, reviewsPerDay: cap })
    for (const d of plan.days) expect(d.answers).toBeLessThanOrEqual(cap)
    expect(plan.days.some((d) => d.plannedCards.length > 0)).toBe(true)
    expect(plan.unreachable.length).toBeGreaterThan(0)
    for (const id of plan.unreachable) expect(plan.claims.find((c) => c.claimId === id)!.withPlan).toBeLessThan(0.9)
    // Every claim not reported does reach it.
    const replayed = replay(plan, cards)
    for (const f of plan.cards) if (!plan.unreachable.includes(f.claimId)) expect(replayed.get(f.cardId)).toBeGreaterThanOrEqual(0.9)
  })

  it('plans nothing more on a day whose due reviews alone pass the cap, and says so', () => {
    const cards = Array.from({ length: 5 }, (_, i) => reviewCard(`c${i}`, `K${i}`, 20, 5, -3))
    const plan = talkPlan({ cards, talkDay: TODAY + 3, ctx, target: 0.9, reviewsPerDay: 2 })
    expect(plan.days[0]!.dueCards).toHaveLength(5)
    expect(plan.days[0]!.overCap).toBe(true)
    expect(plan.days[0]!.plannedCards).toEqual([])
    expect(plan.days[1]!.overCap).toBe(false)
  })

  it('reports a claim that cannot reach the target in the time left', () => {
    // A talk today leaves no day to review; one tomorrow cannot lift a fragile card to 0.99.
    const cards = [reviewCard('a', 'A', 30, 2, -28), reviewCard('b', 'B', 1, 400, 399), newCard('c', 'C')]
    expect(talkPlan({ cards, talkDay: TODAY, ctx, target: 0.9, reviewsPerDay: null }).unreachable.sort()).toEqual(['A', 'C'])
    const tomorrow = talkPlan({ cards: [newCard('c', 'C')], talkDay: TODAY + 1, ctx, target: 0.99, reviewsPerDay: null })
    expect(tomorrow.unreachable).toEqual(['C'])
    expect(tomorrow.claims[0]!.withPlan).toBeLessThan(0.99)
  })

  it('begins no more new cards a day than the daily limit allows (today\'s, what is left of it)', () => {
    const cards = Array.from({ length: 7 }, (_, i) => newCard(`n${i}`, `N${i}`))
    const plan = talkPlan({ cards, talkDay: TODAY + 5, ctx, target: 0.9, reviewsPerDay: null, newPerDay: { today: 1, later: 2 } })
    const begun = plan.days.map((d) => d.plannedCards.length)
    expect(begun[0]).toBeLessThanOrEqual(1)
    for (const n of begun.slice(1)) expect(n).toBeLessThanOrEqual(2)
    // A card begun too close to the talk does not reach 0.9 by then: whatever cannot be begun in time is reported.
    const placed = begun.reduce((a, b) => a + b, 0)
    expect(plan.unreachable).toHaveLength(7 - placed)
  })

  it('counts days by the study day across the change to daylight time', () => {
    // 14 March 2027 is a 23-hour day in New York; the talk on the 16th is four study days after the 12th.
    expect(studyDayOfDate('2027-03-16') - TODAY).toBe(4)
    const plan = talkPlan({ cards: [newCard('n', 'N')], talkDay: studyDayOfDate('2027-03-16'), ctx, target: 0.9, reviewsPerDay: null })
    expect(plan.days.map((d) => d.day)).toEqual([TODAY, TODAY + 1, TODAY + 2, TODAY + 3])
    expect(plan.unreachable).toEqual([])
    for (const r of replay(plan, [newCard('n', 'N')]).values()) expect(r).toBeGreaterThanOrEqual(0.9)
  })

  it('takes seconds per card from the median answer time, 8 s until there is one', () => {
    expect(secondsPerCardOf([])).toBe(8)
    expect(secondsPerCardOf([3000, 60_000, 5000])).toBe(5)
    expect(secondsPerCardOf([4000, 6000])).toBe(5)
    expect(reviewsPerDayOf(10, 8)).toBe(75)
    expect(reviewsPerDayOf(null, 8)).toBeNull()
  })
})

/**
 * Every choice of "no extra review" or "one extra Good review on day d" per card, each card replayed with ts-fsrs
 * day by day (its due reviews assumed Good); the lowest busiest day of those that bring every card to the target,
 * then the fewest answers.
 */
function bruteForce(cards: readonly TalkCard[], talkDay: number, target: number) {
  const options = cards.map((card) => {
    const out: { days: number[]; ok: boolean }[] = []
    for (const extra of [null, ...Array.from({ length: talkDay - TODAY }, (_, i) => TODAY + i)]) {
      let state = card.state!
      const days: number[] = []
      for (let day = TODAY; day < talkDay; day++) {
        const due = Math.max(TODAY, studyDay(state.due, ZONE, 4)) <= day
        if (!due && day !== extra) continue
        const now = day === TODAY ? NOW : new Date(startOfStudyDay(day, ZONE, 4).getTime() + 2 * HOUR_MS)
        state = answerCard(state, 3, { ...ctx, now, today: day }, 'bf').next
        days.push(day)
      }
      out.push({ days, ok: retrievability(state, { ...ctx, now: endOfDay(talkDay) }) >= target })
    }
    return out.filter((o) => o.ok)
  })
  let best = { peak: Infinity, total: Infinity }
  const walk = (i: number, load: number[]) => {
    if (i === options.length) {
      const peak = Math.max(0, ...load)
      const total = load.reduce((a, b) => a + b, 0)
      if (peak < best.peak || (peak === best.peak && total < best.total)) best = { peak, total }
      return
    }
    for (const o of options[i]!) {
      const next = [...load]
      for (const d of o.days) next[d - TODAY]! += 1
      walk(i + 1, next)
    }
  }
  walk(0, new Array(talkDay - TODAY).fill(0))
  return best
}


