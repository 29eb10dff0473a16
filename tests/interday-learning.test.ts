/**
 * Day-long learning steps on both engines (issue #30): a card on a "1d" step stays in learning, is due at the next
 * study day's start, counts against that day's review limit (as Anki's v3 interday learning), and Again on it goes
 * back to the first step without a lapse, so it is not suspended as a leech.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study, StudyCard } from '../lib/data/study-service'

const SATURDAY = new Date('2026-03-07T15:00:00Z') // 10:00 EST; New York springs forward the next night
const SUNDAY = new Date('2026-03-08T14:00:00Z') // 10:00 EDT, the next study day
const SUNDAY_START = '2026-03-08T08:00:00.000Z' // 04:00 EDT

describe.each<Engine>(ENGINES)('day-long learning steps on %s', (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    await createTestUser(t.db, 'ann')
    // One new card a day; a single lapse would make a leech (and suspend it).
    await settings({ learningSteps: '10m 1d', newPerDay: 1, leechThreshold: 1 })
  })
  afterEach(async () => t.close())

  const settings = (data: Record<string, unknown>) => t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data })
  const grade = (card: Pick<StudyCard, 'cardId' | 'version'>, rating: 1 | 2 | 3 | 4, now: Date) =>
    study.gradeCard('ann', { reviewId: randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs: 2000 }, now)
  const stateOf = (cardId: string) => t.db.prisma.cardState.findFirstOrThrow({ where: { userId: 'ann', cardId } })

  /** A new card answered Again, then Good 10 minutes later: on the 1d step. */
  async function onDayStep(): Promise<string> {
    const [card] = await study.studyQueue('ann', SATURDAY, 5)
    expect((await grade(card!, 1, SATURDAY)).kind).toBe('graded')
    const tenLater = new Date(SATURDAY.getTime() + 10 * 60_000)
    expect((await grade({ cardId: card!.cardId, version: 1 }, 3, tenLater)).kind).toBe('graded')
    const state = await stateOf(card!.cardId)
    expect([state.state, state.due.toISOString(), state.scheduledDays, state.learningSteps]).toEqual([1, SUNDAY_START, 1, 1])
    return card!.cardId
  }

  it('shows it the next day as a learning card counted against the review limit; Again there is no lapse', async () => {
    const cardId = await onDayStep()
    await settings({ newPerDay: 0 })
    expect(await study.todayCounts('ann', SUNDAY)).toMatchObject({ learning: 1, review: 0, new: 0 })
    const [shown] = await study.studyQueue('ann', SUNDAY, 5)
    expect(shown).toMatchObject({ cardId, state: 'learning', intervals: { 1: '10m', 3: expect.stringMatching(/d$/) } })

    const again = await grade(shown!, 1, SUNDAY)
    expect(again).toMatchObject({ kind: 'graded' })
    expect(again).not.toHaveProperty('leech')
    const state = await stateOf(cardId)
    expect([state.state, state.lapses, state.learningSteps, state.suspended, state.leech]).toEqual([1, 0, 0, false, false])
    expect(state.due.toISOString()).toBe('2026-03-08T14:10:00.000Z')
    // That answer was one of Sunday's reviews (as Anki counts its interday learning cards).
    await settings({ maxReviewsPerDay: 1 })
    expect((await study.todayCounts('ann', SUNDAY)).review).toBe(0)
  })

  it('holds it back, in the queue, the counts and a grade, when the day\'s review limit is reached', async () => {
    const cardId = await onDayStep()
    await settings({ newPerDay: 0, maxReviewsPerDay: 0 })
    // Said as waiting for the limit (not silently dropped from every count).
    const counts = await study.todayCounts('ann', SUNDAY)
    expect(counts).toMatchObject({ learning: 0, review: 0, heldBack: 1 })
    // It comes back the next study day.
    expect(counts.nextDueAt).toBe(counts.dayEndsAt)
    expect(await study.studyQueue('ann', SUNDAY, 5)).toEqual([])
    expect(await grade({ cardId, version: 2 }, 3, SUNDAY)).toEqual({ kind: 'limit-reached' })
    await settings({ maxReviewsPerDay: 5 })
    expect((await study.studyQueue('ann', SUNDAY, 5)).map((c) => c.cardId)).toEqual([cardId])
    // Buried by hand, it waits for the next study day too.
    expect(await study.changeCard('ann', 'bury', { id: randomUUID(), cardId, version: 2 }, SUNDAY)).toMatchObject({ kind: 'done' })
    const buried = await study.todayCounts('ann', SUNDAY)
    expect(buried).toMatchObject({ learning: 0, review: 0, heldBack: 0 })
    expect(buried.nextDueAt).toBe(buried.dayEndsAt)
  })

  it('never lets interday learning cards crowd a learning card due now out of the queue', async () => {
    const dayStep = await onDayStep()
    // Sunday's new card, answered Again: on its 10m step, due by time.
    const [fresh] = (await study.studyQueue('ann', SUNDAY, 5)).filter((c) => c.cardId !== dayStep)
    expect(fresh).toMatchObject({ state: 'new' })
    expect((await grade(fresh!, 1, SUNDAY)).kind).toBe('graded')
    const later = new Date(SUNDAY.getTime() + 11 * 60_000)
    // The limit of reviews holds the interday card back; the one due now is counted and shown, even one card at a time.
    await settings({ maxReviewsPerDay: 0 })
    expect(await study.todayCounts('ann', later)).toMatchObject({ learning: 1, review: 0, new: 0 })
    expect((await study.studyQueue('ann', later, 1)).map((c) => c.cardId)).toEqual([fresh!.cardId])
    // Positive control: with the limit open, the interday card comes too.
    await settings({ maxReviewsPerDay: 5 })
    expect(await study.todayCounts('ann', later)).toMatchObject({ learning: 2 })
    expect((await study.studyQueue('ann', later, 5)).map((c) => c.cardId)).toEqual([fresh!.cardId, dayStep])
  })
})
