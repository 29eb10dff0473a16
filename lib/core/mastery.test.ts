import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { claimMastery, LEARNED_MIN_STABILITY_DAYS, MASTERY_STATES, type MasteryCard, type MasteryContext } from './mastery'
import { recallNow, type SchedulingState } from './scheduler'
import { CardStateKind } from './card-state'
import { DAY_MS } from './study-day'

const NOW = new Date('2026-03-02T14:00:00Z')
const ctx: MasteryContext = { now: NOW, timeZone: 'America/New_York', rolloverHour: 4, desiredRetention: 0.9 }

function reviewed(daysAgo: number, stability: number, state: number = CardStateKind.Review): SchedulingState {
  const lastReview = new Date(NOW.getTime() - daysAgo * DAY_MS)
  return {
    due: new Date(lastReview.getTime() + Math.round(stability) * DAY_MS),
    stability,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: Math.round(stability),
    learningSteps: 0,
    reps: 5,
    lapses: 0,
    state,
    lastReview,
  }
}
const card = (state: SchedulingState | null, extra: Partial<MasteryCard> = {}): MasteryCard => ({ retired: false, suspended: false, state, ...extra })

describe('a claim\'s mastery', () => {
  it('is new before any card is seen, and leaves out retired and suspended cards', () => {
    expect(claimMastery([card(null), card(null)], false, ctx)?.mastery).toBe('new')
    // The only seen card is suspended: what counts is still unseen.
    expect(claimMastery([card(null), card(reviewed(1, 40), { suspended: true })], false, ctx)?.mastery).toBe('new')
    expect(claimMastery([card(reviewed(1, 40)), card(null, { retired: true })], false, ctx)?.mastery).toBe('learned')
  })

  it('is paused when every live card is suspended, and absent without a live card', () => {
    expect(claimMastery([card(reviewed(1, 40), { suspended: true }), card(null, { retired: true })], true, ctx)?.mastery).toBe('paused')
    expect(claimMastery([card(reviewed(1, 40), { retired: true })], false, ctx)).toBeNull()
    expect(claimMastery([], false, ctx)).toBeNull()
  })

  it('is learned only with every card in review at 21 days of stability or more, the weakest still remembered', () => {
    expect(claimMastery([card(reviewed(2, 30)), card(reviewed(5, 21))], false, ctx)?.mastery).toBe('learned')
    expect(claimMastery([card(reviewed(2, 30)), card(reviewed(5, 20.9))], false, ctx)?.mastery).toBe('learning')
    expect(claimMastery([card(reviewed(2, 30)), card(null)], false, ctx)?.mastery).toBe('learning')
    expect(claimMastery([card(reviewed(0, 30, CardStateKind.Relearning))], false, ctx)?.mastery).toBe('learning')
  })

  it('fades when a claim learned before falls below the target, and is learning if it was never learned', () => {
    // Stability 30 days, last seen 90 days ago: retrievability well under 0.85.
    const old = reviewed(90, 30)
    expect(recallNow(old, ctx)).toBeLessThan(0.85)
    expect(claimMastery([card(reviewed(1, 60)), card(old)], true, ctx)).toMatchObject({ mastery: 'fading' })
    expect(claimMastery([card(reviewed(1, 60)), card(old)], false, ctx)).toMatchObject({ mastery: 'learning' })
    // Learned before, a card lapsed and was answered again just now: remembered, so learning, not fading.
    expect(claimMastery([card(reviewed(1, 60)), card(reviewed(0, 3, CardStateKind.Relearning))], true, ctx)?.mastery).toBe('learning')
  })

  it('uses the person\'s desired retention', () => {
    // Stability 30, 30 days ago: retrievability 0.9 by FSRS's definition of stability.
    const cards = [card(reviewed(30, 30))]
    expect(claimMastery(cards, false, { ...ctx, desiredRetention: 0.9 })?.mastery).toBe('learned')
    expect(claimMastery(cards, false, { ...ctx, desiredRetention: 0.97 })?.mastery).toBe('learning')
    expect(claimMastery(cards, true, { ...ctx, desiredRetention: 0.97 })?.mastery).toBe('fading')
  })

  it('puts every claim with a live card in exactly one state, as the definition says (generated states)', () => {
    const state = fc.record({
      state: fc.constantFrom(CardStateKind.New, CardStateKind.Learning, CardStateKind.Review, CardStateKind.Relearning),
      stability: fc.double({ min: 0.1, max: 400, noNaN: true }),
      daysAgo: fc.integer({ min: 0, max: 500 }),
    })
    const reached = new Set<string>()
    const cardArb = fc.record({ retired: fc.boolean(), suspended: fc.boolean(), state: fc.option(state, { nil: null }) })
    fc.assert(
      fc.property(fc.array(cardArb, { maxLength: 6 }), fc.boolean(), fc.double({ min: 0.7, max: 0.99, noNaN: true }), (generated, learnedBefore, desiredRetention) => {
        const cards = generated.map((g) => card(g.state && reviewed(g.state.daysAgo, g.state.stability, g.state.state), { retired: g.retired, suspended: g.suspended }))
        const c = { ...ctx, desiredRetention }
        const result = claimMastery(cards, learnedBefore, c)
        const counted = cards.filter((x) => !x.retired && !x.suspended)
        const live = cards.filter((x) => !x.retired)
        if (live.length === 0) return result === null
        // The definition, written out independently of the implementation's order of tests.
        const seen = counted.filter((x) => x.state && x.state.state !== CardStateKind.New)
        const weakest = Math.min(...seen.map((x) => recallNow(x.state, c)!))
        const holds = {
          paused: counted.length === 0,
          new: counted.length > 0 && seen.length === 0,
          learned:
            counted.length > 0 &&
            counted.every((x) => x.state?.state === CardStateKind.Review && x.state.stability >= LEARNED_MIN_STABILITY_DAYS) &&
            weakest >= desiredRetention - 0.05,
          fading: false,
          learning: false,
        }
        holds.fading = seen.length > 0 && !holds.learned && learnedBefore && weakest < desiredRetention - 0.05
        holds.learning = seen.length > 0 && !holds.learned && !holds.fading
        const states = MASTERY_STATES.filter((m) => holds[m])
        if (result) reached.add(result.mastery)
        return states.length === 1 && result?.mastery === states[0]
      }),
      { numRuns: 2000, seed: 20261201 },
    )
    // The generated claims reach every state, so the property is not vacuous for any of them.
    expect([...reached].sort()).toEqual([...MASTERY_STATES].sort())
  })
})
