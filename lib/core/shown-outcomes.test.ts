/**
 * The buttons' intervals and the instant they stop being what the answers apply (issue #30: "a button can show an
 * interval the answer does not apply"). Literal dates; Berlin, rollover 4.
 */
import { describe, expect, it } from 'vitest'
import { answerCard, GRADES, schedulerParameters, shownOutcomes, type Grade, type SchedulingState, type StudyContext } from './scheduler'

const settings = (learningSteps: string) => ({ desiredRetention: 0.9, maximumInterval: 36500, learningSteps, relearningSteps: '10m' })
const berlin = (iso: string, learningSteps = '1m 10m'): StudyContext => ({
  now: new Date(iso),
  timeZone: 'Europe/Berlin',
  rolloverHour: 4,
  parameters: schedulerParameters(settings(learningSteps)),
})
const labels = (state: SchedulingState | null, ctx: StudyContext, seed = 'u:c:0') => {
  const { outcomes } = shownOutcomes(state, ctx, seed)
  return GRADES.map((g) => outcomes[g].label)
}
const applied = (state: SchedulingState | null, rating: Grade, ctx: StudyContext, seed = 'u:c:0') => answerCard(state, rating, ctx, seed).label
const at = (ctx: StudyContext, ms: number): StudyContext => ({ ...ctx, now: new Date(ms) })

describe('shownOutcomes', () => {
  it('steps "1m 10m": a new card at 10:00 says Good 10m until 03:50 the next morning; at 03:55 Good says and applies 1d', () => {
    const morning = berlin('2026-03-10T09:00:00Z') // 10:00 CET
    const shown = shownOutcomes(null, morning, 'u:c:0')
    expect(shown.outcomes[3].label).toBe('10m')
    expect(shown.validUntil.toISOString()).toBe('2026-03-11T02:50:00.000Z') // 03:50 CET: 10m from then ends at 04:00
    // Just before: what every button says is what it applies.
    const before = at(morning, shown.validUntil.getTime() - 1)
    expect(GRADES.map((g) => applied(null, g, before))).toEqual(labels(null, morning))
    // The old behaviour kept the 10:00 buttons all day: at 03:55 Good said "10m" and applied "1d".
    const late = berlin('2026-03-11T02:55:00Z') // 03:55 CET
    expect(applied(null, 3, late)).toBe('1d')
    expect(labels(null, late)[2]).toBe('1d')
    expect(applied(null, 3, at(morning, shown.validUntil.getTime()))).toBe('1d')
    // Then only Again's 1m step moves, at 03:59.
    expect(shownOutcomes(null, late, 'u:c:0').validUntil.toISOString()).toBe('2026-03-11T02:59:00.000Z')
  })

  it('steps "10m 1d": Hard says 12.1h until 15:55 (12.1h before the rollover), then says and applies 1d', () => {
    const morning = berlin('2026-03-10T09:00:00Z', '10m 1d')
    const shown = shownOutcomes(null, morning, 'u:c:0')
    expect(labels(null, morning)).toEqual(['10m', '12.1h', '1d', '8d'])
    expect(shown.validUntil.toISOString()).toBe('2026-03-10T14:55:00.000Z') // 15:55 CET + 725 min = 04:00
    expect(applied(null, 2, at(morning, shown.validUntil.getTime() - 1))).toBe('12.1h')
    expect(applied(null, 2, at(morning, shown.validUntil.getTime()))).toBe('1d')
    expect(applied(null, 2, berlin('2026-03-11T02:55:00Z', '10m 1d'))).toBe('1d')
  })

  it('a learning card on its 10m step shown at 03:45 is valid until 03:50 (the example of the issue)', () => {
    const first = answerCard(null, 3, berlin('2026-03-11T02:30:00Z'), 'u:c:0').next // Good: 10m step at 03:30
    const shown = shownOutcomes(first, berlin('2026-03-11T02:45:00Z'), 'u:c:1') // 03:45 CET
    expect(shown.outcomes[1].label).toBe('1m')
    expect(shown.validUntil.toISOString()).toBe('2026-03-11T02:50:00.000Z')
    // Answered at 03:55, Again still 1m, but Hard (the 10m step repeated) is now 1d.
    expect(applied(first, 2, berlin('2026-03-11T02:55:00Z'), 'u:c:1')).toBe('1d')
    expect(shown.outcomes[2].label).toBe('10m')
  })

  it('on the spring DST day (Berlin, 29 March) counts real time: 01:30 CET is valid until 03:50 CEST, 80 minutes later', () => {
    const ctx = berlin('2026-03-29T00:30:00Z') // 01:30 CET; the clocks jump from 02:00 to 03:00
    const shown = shownOutcomes(null, ctx, 'u:c:0')
    expect(shown.outcomes[3].label).toBe('10m')
    expect(shown.validUntil.toISOString()).toBe('2026-03-29T01:50:00.000Z') // 03:50 CEST; the day starts 04:00 CEST
    expect(applied(null, 3, at(ctx, shown.validUntil.getTime() - 1))).toBe('10m')
    expect(applied(null, 3, at(ctx, shown.validUntil.getTime()))).toBe('1d')
  })

  it('a review card keeps its buttons until the study day ends (day intervals do not move within a day)', () => {
    const learned = answerCard(null, 4, berlin('2026-03-02T09:00:00Z'), 'u:c:0').next
    const ctx = berlin('2026-03-20T09:00:00Z')
    const shown = shownOutcomes(learned, ctx, 'u:c:1')
    // Again's relearning step (10m) is the only one that moves: at 03:50.
    expect(shown.validUntil.toISOString()).toBe('2026-03-21T02:50:00.000Z')
    expect(GRADES.slice(1).map((g) => applied(learned, g, at(ctx, shown.validUntil.getTime()), 'u:c:1'))).toEqual(labels(learned, ctx, 'u:c:1').slice(1))
  })

  it('every answer applies what its button said until validUntil, and some answer changes at it (random times and states)', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    for (let i = 0; i < 150; i++) {
      const steps = ['1m 10m', '10m 1d', '10m', '5m 30m 3h'][i % 4]!
      const ctx = berlin(new Date(Date.parse('2026-03-25T00:00:00Z') + Math.floor(random() * 10 * 86_400_000)).toISOString(), steps)
      let state: SchedulingState | null = null
      for (let k = Math.floor(random() * 4); k > 0; k--) state = answerCard(state, ((Math.floor(random() * 4) + 1) as Grade), at(ctx, ctx.now.getTime() - k * 3_600_000), `r:${i}:${k}`).next
      const seedOf = `u:${i}`
      const shown = shownOutcomes(state, ctx, seedOf)
      expect(shown.validUntil.getTime()).toBeGreaterThan(ctx.now.getTime())
      const last = at(ctx, shown.validUntil.getTime() - 1)
      expect(GRADES.map((g) => applied(state, g, last, seedOf)), `case ${i}`).toEqual(labels(state, ctx, seedOf))
    }
  })
})

/**
 * A replay of study sessions: each card's buttons computed when its version is first listed that day (the old screen
 * kept them), and answered later. Before: the labels listed; after: relabelled at validUntil, as the screen does.
 */
describe('a replay of sessions near the rollover', () => {
  it('shows a label different from what is applied before the fix, never after', () => {
    let seed = 11
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    let grades = 0
    let differedBefore = 0
    let differedAfter = 0
    let relabelled = 0
    for (let person = 0; person < 8; person++) {
      const steps = person % 2 ? '10m 1d' : '1m 10m'
      const states = new Map<number, { state: SchedulingState | null; version: number; listedAt: number }>()
      for (let day = 0; day < 12; day++) {
        // A session of 25 answers, 20–60 s apart, starting at a random minute of the study day (04:00 + 0–24 h).
        let t = Date.parse('2026-03-02T03:00:00Z') + day * 86_400_000 + Math.floor(random() * 1440) * 60_000
        for (let n = 0; n < 25; n++) {
          const cardNo = Math.floor(random() * 12)
          const card = states.get(cardNo) ?? { state: null, version: 0, listedAt: t }
          const ctx = berlin(new Date(t).toISOString(), steps)
          const listed = at(ctx, Math.min(card.listedAt, t))
          const rating = ([1, 2, 3, 3, 3, 3, 4] as Grade[])[Math.floor(random() * 7)]!
          const seedOf = `p${person}:${cardNo}:${card.version}`
          const shownThen = shownOutcomes(card.state, listed, seedOf)
          const now = applied(card.state, rating, ctx, seedOf)
          grades++
          // Before: the labels of the first listing, if that was the same study day (the cache's key held the day).
          const sameDay = Math.floor((listed.now.getTime() - Date.parse('2026-03-02T03:00:00Z')) / 86_400_000) === day
          if (sameDay && shownThen.outcomes[rating].label !== now) differedBefore++
          // After: the screen relabels at validUntil, so the label shown at t is computed at the last refresh ≤ t.
          const shownLabel = t < shownThen.validUntil.getTime() ? shownThen.outcomes[rating].label : (relabelled++, shownOutcomes(card.state, ctx, seedOf).outcomes[rating].label)
          if (shownLabel !== now) differedAfter++
          const next = answerCard(card.state, rating, ctx, seedOf).next
          states.set(cardNo, { state: next, version: card.version + 1, listedAt: t })
          t += 20_000 + Math.floor(random() * 40_000)
        }
        // The cards are listed again at the next session's start (a new study day, a new cache key).
        for (const [k, v] of states) states.set(k, { ...v, listedAt: Number.POSITIVE_INFINITY })
      }
    }
    console.log(`replay: ${grades} grades; label ≠ applied before: ${differedBefore}, after: ${differedAfter} (${relabelled} answered after a relabel)`)
    expect(differedBefore).toBeGreaterThan(0) // the positive control: the old way shows it
    expect(differedAfter).toBe(0)
  })
})
