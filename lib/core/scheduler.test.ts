import { describe, expect, it } from 'vitest'
import { FSRSBinding, type BindingMemoryState } from '@open-spaced-repetition/binding'
import { default_w } from 'ts-fsrs'
import { answerCard, answerOutcomes, schedulerParameters, State, type Grade, type SchedulingState, type StudyContext } from './scheduler'
import { DAY_MS, startOfStudyDay, studyDay } from './study-day'

const ny = (iso: string): StudyContext => ({ now: new Date(iso), timeZone: 'America/New_York', rolloverHour: 4 })

/** Answers Good until the card leaves learning; returns the state. */
function graduate(ctx: StudyContext, seed: string): SchedulingState {
  let state: SchedulingState | null = null
  let now = ctx.now
  for (let i = 0; i < 5; i++) {
    const out = answerCard(state, 3, { ...ctx, now }, `${seed}:${i}`)
    state = out.next
    if (out.intervalDays >= 1) return state
    now = new Date(state.due.getTime())
  }
  throw new Error('did not graduate')
}

describe('answerOutcomes', () => {
  it('gives a new card the learning steps 1m / 6m / 10m and a day interval for Easy', () => {
    const out = answerOutcomes(null, ny('2026-03-09T15:00:00Z'), 'u:c:0')
    expect(out[1].label).toBe('1m')
    expect(out[2].label).toBe('6m')
    expect(out[3].label).toBe('10m')
    expect(out[3].interval).toEqual({ value: 10, unit: 'minute' })
    expect(out[4].intervalDays).toBeGreaterThanOrEqual(1)
    expect(out[3].next.due.toISOString()).toBe('2026-03-09T15:10:00.000Z')
  })

  it('makes a day interval due at the start of the due study day (rollover, local time)', () => {
    const ctx = ny('2026-03-06T20:00:00Z') // 15:00 EST, 6 March
    const out = answerCard(null, 4, ctx, 'u:c:0')
    const dueDay = studyDay(ctx.now, ctx.timeZone, 4) + out.intervalDays
    expect(out.next.due.toISOString()).toBe(startOfStudyDay(dueDay, ctx.timeZone, 4).toISOString())
    expect(new Date(out.next.due).getTime() % (60 * 60 * 1000)).toBe(0)
  })

  it('counts elapsed days in study days: 23:00 and the next 04:30 are one day apart, 03:59 is the same day', () => {
    const reviewed = graduate(ny('2026-03-07T04:00:00Z'), 'u:c') // 23:00 EST on 6 March
    const lastDay = studyDay(reviewed.lastReview!, 'America/New_York', 4)
    const sameDay = answerCard(reviewed, 3, ny('2026-03-07T08:59:00Z'), 'u:c:9') // 03:59 EST, 7 March
    expect(studyDay(new Date('2026-03-07T08:59:00Z'), 'America/New_York', 4)).toBe(lastDay)
    expect(sameDay.log.elapsedDays).toBe(0)
    const nextDay = answerCard(reviewed, 3, ny('2026-03-07T09:30:00Z'), 'u:c:9') // 04:30 EST, 7 March
    expect(nextDay.log.elapsedDays).toBe(1)
  })

  it('counts the 23-hour and 25-hour DST days as one day each (Berlin)', () => {
    const ctx: StudyContext = { now: new Date('2026-03-28T09:00:00Z'), timeZone: 'Europe/Berlin', rolloverHour: 4 }
    const reviewed = graduate(ctx, 'b')
    const spring = answerCard(reviewed, 3, { ...ctx, now: new Date(reviewed.lastReview!.getTime() + 23 * 3600_000) }, 'b:x')
    const elapsedSpring = studyDay(new Date(reviewed.lastReview!.getTime() + 23 * 3600_000), 'Europe/Berlin', 4) - studyDay(reviewed.lastReview!, 'Europe/Berlin', 4)
    expect(spring.log.elapsedDays).toBe(elapsedSpring)

    const autumn: StudyContext = { now: new Date('2026-10-24T09:00:00Z'), timeZone: 'Europe/Berlin', rolloverHour: 4 }
    const r2 = graduate(autumn, 'c')
    const later = new Date(r2.lastReview!.getTime() + 25 * 3600_000)
    const out = answerCard(r2, 3, { ...autumn, now: later }, 'c:x')
    expect(out.log.elapsedDays).toBe(studyDay(later, 'Europe/Berlin', 4) - studyDay(r2.lastReview!, 'Europe/Berlin', 4))
    expect(out.log.elapsedDays).toBe(1)
  })

  it('fuzz = preview: the interval shown is the interval applied, whenever that day the answer comes', () => {
    const reviewed = graduate(ny('2026-01-05T15:00:00Z'), 'f')
    // Grow the interval so that fuzz has room to act.
    let state = reviewed
    let now = new Date(state.due.getTime() + 3 * 3600_000)
    for (let i = 0; i < 4; i++) {
      state = answerCard(state, 3, { ...ny(now.toISOString()) }, `f:${i}`).next
      now = new Date(state.due.getTime() + 3 * 3600_000)
    }
    const shownAt = ny(now.toISOString())
    const answeredAt = ny(new Date(now.getTime() + 5 * 3600_000).toISOString()) // same study day, 5 hours later
    expect(studyDay(answeredAt.now, 'America/New_York', 4)).toBe(studyDay(shownAt.now, 'America/New_York', 4))
    const shown = answerOutcomes(state, shownAt, 'user:card:7')
    for (const rating of [1, 2, 3, 4] as const) {
      const applied = answerCard(state, rating, answeredAt, 'user:card:7')
      expect(applied.intervalDays, `rating ${rating}`).toBe(shown[rating].intervalDays)
      expect(applied.label).toBe(shown[rating].label)
    }
  })

  it('answers one rating exactly as the four-way preview showed it, from every kind of state', () => {
    const at = ny('2026-01-05T15:00:00Z')
    const states: (SchedulingState | null)[] = [null]
    // new → learning (Again, Good) → review (Easy, grown) → relearning (Again on a review)
    let state = answerCard(null, 1, at, 'p:0').next
    states.push(state)
    state = answerCard(state, 3, ny(new Date(state.due.getTime()).toISOString()), 'p:1').next
    states.push(state)
    let review = graduate(at, 'p')
    for (let i = 0; i < 3; i++) review = answerCard(review, 3, ny(new Date(review.due.getTime() + 3_600_000).toISOString()), `p:r${i}`).next
    states.push(review)
    const lapsed = answerCard(review, 1, ny(new Date(review.due.getTime() + 86_400_000).toISOString()), 'p:l').next
    states.push(lapsed)
    expect(states.map((s) => s?.state ?? 0)).toEqual([0, 1, 1, 2, 3])
    for (const [i, s] of states.entries()) {
      const when = ny(new Date((s?.due ?? at.now).getTime() + 7 * 3_600_000).toISOString())
      for (const seed of ['u:c:0', 'u:c:1', 'other:card:12']) {
        const shown = answerOutcomes(s, when, seed)
        for (const rating of [1, 2, 3, 4] as const) expect(answerCard(s, rating, when, seed), `state ${i}, ${seed}, rating ${rating}`).toEqual(shown[rating])
      }
    }
  })

  it('fuzz is on: different card versions spread a long interval', () => {
    let state = graduate(ny('2026-01-05T15:00:00Z'), 'g')
    let now = new Date(state.due.getTime())
    for (let i = 0; i < 4; i++) {
      state = answerCard(state, 4, ny(now.toISOString()), `g:${i}`).next
      now = new Date(state.due.getTime())
    }
    const intervals = new Set<number>()
    for (let v = 0; v < 30; v++) intervals.add(answerCard(state, 3, ny(now.toISOString()), `u:card:${v}`).intervalDays)
    expect(intervals.size).toBeGreaterThan(1)
  })
})

void DAY_MS

describe('learning steps as Anki', () => {
  const params = (learningSteps: string, relearningSteps = '10m') =>
    schedulerParameters({ desiredRetention: 0.9, maximumInterval: 36500, learningSteps, relearningSteps })
  const at = (iso: string, learningSteps = '1m 10m'): StudyContext => ({ ...ny(iso), parameters: params(learningSteps) })

  it('Hard on the first step waits the average of the first two; on the last step it repeats that step (10m, not 6m)', () => {
    const ctx = at('2026-03-09T15:00:00Z')
    expect(answerOutcomes(null, ctx, 's:0')[2].label).toBe('6m')
    const onSecond = answerCard(null, 3, ctx, 's:0').next // Good: now on the 10m step
    const later = { ...ctx, now: onSecond.due }
    const out = answerOutcomes(onSecond, later, 's:1')
    expect(out[2].label).toBe('10m')
    expect(out[2].next.due.getTime() - later.now.getTime()).toBe(10 * 60_000)
    expect(out[1].label).toBe('1m')
  })

  it('Hard on each of three steps: average of the first two, then each step repeated', () => {
    let ctx = at('2026-03-09T15:00:00Z', '1m 10m 1h')
    let state: SchedulingState | null = null
    const hard: string[] = []
    for (let i = 0; i < 3; i++) {
      const out = answerOutcomes(state, ctx, `t:${i}`)
      hard.push(out[2].label)
      state = out[3].next
      ctx = { ...ctx, now: state.due }
    }
    expect(hard).toEqual(['6m', '10m', '1h'])
  })

  it('Hard with a single step waits 1.5× that step', () => {
    expect(answerOutcomes(null, at('2026-03-09T15:00:00Z', '10m'), 'u:0')[2].label).toBe('15m')
  })

  it('uses the relearning steps after a lapse', () => {
    const reviewed = graduate(ny('2026-03-01T15:00:00Z'), 'r')
    const ctx: StudyContext = { ...ny('2026-03-20T15:00:00Z'), parameters: params('1m 10m', '5m 1h') }
    const out = answerOutcomes(reviewed, ctx, 'r:9')
    expect(out[1].label).toBe('5m')
  })

  it('a step that would end after the next day starts is due at that day\'s start, and its button says 1d', () => {
    const ctx = at('2026-03-10T07:30:00Z', '1m 1h') // 03:30 EDT, the 9th's study day; 1h later is 04:30, the 10th's
    const onSecond = answerCard(null, 3, ctx, 'n:0').next
    const out = answerOutcomes(onSecond, { ...ctx, now: new Date('2026-03-10T07:31:00Z') }, 'n:1')
    expect(out[2].label).toBe('1d')
    expect(out[2].intervalDays).toBe(1)
    expect(out[2].next.due.toISOString()).toBe('2026-03-10T08:00:00.000Z') // 04:00 EDT
    expect(out[2].next.state).toBe(1) // still learning
    expect(out[1].label).toBe('1m') // Again's 1m stays within the day
  })

  it('counts a day interval from the study day held after a zone change, so no day is doubled', () => {
    const ctx = ny('2026-03-09T15:00:00Z')
    const own = studyDay(ctx.now, ctx.timeZone, 4)
    const held = answerCard(null, 4, { ...ctx, today: own + 1 }, 'h:0')
    const normal = answerCard(null, 4, ctx, 'h:0')
    expect(held.intervalDays).toBe(normal.intervalDays)
    expect(held.next.due.toISOString()).toBe(startOfStudyDay(own + 1 + normal.intervalDays, ctx.timeZone, 4).toISOString())
  })

  it('applies the desired retention and the maximum interval', () => {
    const reviewed = graduate(ny('2026-03-01T15:00:00Z'), 'm')
    const now = new Date(reviewed.due.getTime() + 60_000)
    const base = { desiredRetention: 0.9, maximumInterval: 36500, learningSteps: '1m 10m', relearningSteps: '10m' }
    const lax = answerCard(reviewed, 4, { ...ny(now.toISOString()), parameters: schedulerParameters({ ...base, desiredRetention: 0.7 }) }, 'm:9')
    const strict = answerCard(reviewed, 4, { ...ny(now.toISOString()), parameters: schedulerParameters({ ...base, desiredRetention: 0.97 }) }, 'm:9')
    expect(lax.intervalDays).toBeGreaterThan(strict.intervalDays)
    const capped = answerCard(reviewed, 4, { ...ny(now.toISOString()), parameters: schedulerParameters({ ...base, maximumInterval: 2 }) }, 'm:9')
    expect(capped.intervalDays).toBeLessThanOrEqual(2)
  })
})

/**
 * Day-long (re)learning steps as Anki's v3 scheduler with FSRS (issue #30): a step of N ≥ 1 days is due at the start of
 * the study day N days on, the card stays in (re)learning meanwhile, and Again on it goes back to the first step
 * without a lapse. Memory states are checked against fsrs-rs (@open-spaced-repetition/binding), stepped with the
 * same ratings and whole study days elapsed.
 */
describe('day-long learning steps as Anki', () => {
  // New York springs forward on 8 March 2026: its 04:00 that day is 08:00Z (EDT), the day before 09:00Z (EST).
  const zone = 'America/New_York'
  const at = (iso: string, learningSteps: string, relearningSteps = '10m'): StudyContext => ({
    now: new Date(iso),
    timeZone: zone,
    rolloverHour: 4,
    parameters: schedulerParameters({ desiredRetention: 0.9, maximumInterval: 36500, learningSteps, relearningSteps }),
  })
  const rs = new FSRSBinding([...default_w])
  /** fsrs-rs's memory state after these answers, each with the whole study days since the one before (0 first). */
  function fsrsRs(answers: [rating: Grade, elapsedDays: number][]): { stability: number; difficulty: number } {
    let memory: BindingMemoryState | null = null
    for (const [rating, elapsedDays] of answers) {
      const next = rs.nextStates(memory, 0.9, elapsedDays)
      memory = [next.again, next.hard, next.good, next.easy][rating - 1]!.memory
    }
    return { stability: memory!.stability, difficulty: memory!.difficulty }
  }
  const expectMemory = (state: SchedulingState, answers: [Grade, number][]) => {
    const expected = fsrsRs(answers)
    expect(Math.abs(state.stability - expected.stability), `stability ${state.stability} vs ${expected.stability}`).toBeLessThan(1e-5)
    expect(Math.abs(state.difficulty - expected.difficulty), `difficulty ${state.difficulty} vs ${expected.difficulty}`).toBeLessThan(1e-5)
  }

  it('"10m 1d": Again, Good → the 1d step, due at the next study day\'s start, still learning; Again there → the 10m step, no lapse', () => {
    const saturday = at('2026-03-07T15:00:00Z', '10m 1d') // 10:00 EST, Saturday 7 March
    // As Anki, a new card's first Good already takes the second step.
    expect(answerOutcomes(null, saturday, 'd:0')[3]).toMatchObject({ label: '1d', next: { state: State.Learning, learningSteps: 1 } })
    const first = answerCard(null, 1, saturday, 'd:0')
    expect(first.label).toBe('10m')
    expect(first.next.due.toISOString()).toBe('2026-03-07T15:10:00.000Z')

    const second = answerCard(first.next, 3, { ...saturday, now: first.next.due }, 'd:1')
    expect(second.label).toBe('1d')
    expect(second.intervalDays).toBe(1)
    expect(second.next.due.toISOString()).toBe('2026-03-08T08:00:00.000Z') // 04:00 EDT on Sunday: the DST day's start
    expect(second.next.state).toBe(State.Learning)
    expect(second.next.learningSteps).toBe(1)
    expect(second.next.scheduledDays).toBe(1)
    expectMemory(second.next, [[1, 0], [3, 0]])

    // Sunday 10:00 EDT: one study day later.
    const sunday = { ...saturday, now: new Date('2026-03-08T14:00:00Z') }
    const buttons = answerOutcomes(second.next, sunday, 'd:2')
    expect(buttons[1].label).toBe('10m')
    expect(buttons[2]).toMatchObject({ label: '1d', next: { state: State.Learning, learningSteps: 1 } }) // Hard repeats the last step
    expect(buttons[3].next.state).toBe(State.Review) // Good on the last step graduates
    expect(buttons[4].next.state).toBe(State.Review)
    const again = answerCard(second.next, 1, sunday, 'd:2')
    expect(again).toEqual(buttons[1])
    expect(again.next.state).toBe(State.Learning)
    expect(again.next.learningSteps).toBe(0)
    expect(again.next.lapses).toBe(0)
    expect(again.next.due.toISOString()).toBe('2026-03-08T14:10:00.000Z')
    expect(again.log.elapsedDays).toBe(1)
    expectMemory(again.next, [[1, 0], [3, 0], [1, 1]])
    // Positive control: the same answers counted as one day's (no day elapsed) give another memory state.
    expect(Math.abs(again.next.stability - fsrsRs([[1, 0], [3, 0], [1, 0]]).stability)).toBeGreaterThan(1e-3)

    // Good again: the 1d step (to Monday's start); on Monday Good graduates with an FSRS interval.
    const back = answerCard(again.next, 3, { ...sunday, now: again.next.due }, 'd:3')
    expect([back.label, back.next.state, back.next.due.toISOString()]).toEqual(['1d', State.Learning, '2026-03-09T08:00:00.000Z'])
    const monday = { ...sunday, now: new Date('2026-03-09T13:00:00Z') }
    const graduated = answerCard(back.next, 3, monday, 'd:4')
    expect(graduated.next.state).toBe(State.Review)
    expect(graduated.next.lapses).toBe(0)
    expect(graduated.intervalDays).toBeGreaterThanOrEqual(1)
    expectMemory(graduated.next, [[1, 0], [3, 0], [1, 1], [3, 0], [3, 1]])
  })

  it('relearning "10m 1d": a lapse, Good → the 1d step (still relearning), Again there → the 10m step, one lapse in all', () => {
    const start = at('2026-03-01T15:00:00Z', '10m', '10m 1d')
    const learned = answerCard(null, 4, start, 'r:0') // Easy: a review from the first answer
    expect(learned.next.state).toBe(State.Review)
    const reviewDay = { ...start, now: new Date(learned.next.due.getTime() + 6 * 3_600_000) }
    const elapsed = learned.intervalDays
    const lapse = answerCard(learned.next, 1, reviewDay, 'r:1')
    expect([lapse.label, lapse.next.state, lapse.next.lapses]).toEqual(['10m', State.Relearning, 1])

    const step = answerCard(lapse.next, 3, { ...reviewDay, now: lapse.next.due }, 'r:2')
    expect(step.label).toBe('1d')
    expect(step.next.state).toBe(State.Relearning)
    expect(step.next.due.toISOString()).toBe(startOfStudyDay(studyDay(reviewDay.now, zone, 4) + 1, zone, 4).toISOString())
    expect(step.next.lapses).toBe(1)

    const nextDay = { ...reviewDay, now: new Date(step.next.due.getTime() + 5 * 3_600_000) }
    const again = answerCard(step.next, 1, nextDay, 'r:3')
    expect([again.label, again.next.state, again.next.learningSteps, again.next.lapses]).toEqual(['10m', State.Relearning, 0, 1])
    expectMemory(again.next, [[4, 0], [1, elapsed], [3, 0], [1, 1]])

    const graduated = answerCard(
      answerCard(again.next, 3, { ...nextDay, now: again.next.due }, 'r:4').next,
      3,
      { ...nextDay, now: new Date(nextDay.now.getTime() + DAY_MS) },
      'r:5',
    )
    expect([graduated.next.state, graduated.next.lapses]).toEqual([State.Review, 1])
    expectMemory(graduated.next, [[4, 0], [1, elapsed], [3, 0], [1, 1], [3, 0], [3, 1]])
  })

  it('relearning "1d": Again on a review is due at the next study day\'s start, relearning; Again then is no second lapse', () => {
    const start = at('2026-03-01T15:00:00Z', '10m', '1d')
    const learned = answerCard(null, 4, start, 'o:0')
    const reviewDay = { ...start, now: new Date(learned.next.due.getTime() + 6 * 3_600_000) }
    const lapse = answerCard(learned.next, 1, reviewDay, 'o:1')
    expect([lapse.label, lapse.next.state, lapse.next.lapses]).toEqual(['1d', State.Relearning, 1])
    const again = answerCard(lapse.next, 1, { ...reviewDay, now: new Date(lapse.next.due.getTime() + 3_600_000) }, 'o:2')
    expect([again.label, again.next.state, again.next.lapses]).toEqual(['1d', State.Relearning, 1])
  })

  it('Hard on a first step of a day or more: Anki\'s average, rounded to whole days past one day', () => {
    // "10m 3d": (10m + 3d) / 2 = 1.5d → 2d. "10m 1d": 12.1h stays a time step. "2d" alone: 1.5× = 3d.
    expect(answerOutcomes(null, at('2026-03-07T15:00:00Z', '10m 3d'), 'h:0')[2]).toMatchObject({ label: '2d', next: { state: State.Learning } })
    expect(answerOutcomes(null, at('2026-03-07T15:00:00Z', '10m 1d'), 'h:0')[2].label).toBe('12.1h')
    expect(answerOutcomes(null, at('2026-03-07T15:00:00Z', '2d'), 'h:0')[2]).toMatchObject({ label: '3d', next: { state: State.Learning } })
  })

  it('a minute step that ends on a later study day is due by day too (scheduled days = the days to it)', () => {
    const late = at('2026-03-10T07:55:00Z', '10m 1h') // 03:55 EDT, five minutes before the rollover
    const out = answerCard(null, 1, late, 'l:0')
    expect([out.label, out.next.state, out.next.scheduledDays]).toEqual(['1d', State.Learning, 1])
  })
})
