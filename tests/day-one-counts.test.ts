/**
 * Issue #30: the counts (home page, review bar, finish line) and the queue agree. A fresh person on default settings
 * answers Good to the end of each day, as the review screen asks (10 cards, then each grade's next 3): every step the
 * counts equal what the queue gives today, and day one gives exactly the day's limit of new cards, then 0 left.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study, StudyCard, TodayCounts } from '../lib/data/study-service'
import { DAY_MS } from '../lib/core/study-day'

const MORNING = new Date('2026-03-02T14:00:00Z') // 09:00 in New York
const PREFETCH = 10
const NEXT_CARDS = 3

describe.each<Engine>(ENGINES)('counts and the queue agree on %s', (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    await createTestUser(t.db, 'ann')
  })
  afterEach(async () => t.close())

  /** Everything the queue still gives today at `now`: asked for more than any count, so nothing is cut off. */
  const queueToday = (now: Date) => study.studyQueue('ann', now, 100)
  const left = (c: TodayCounts) => c.new + c.learning + c.review

  /** One study day as the review screen drives it, answering Good (3) until the queue is empty; checks agreement each step. */
  async function studyDay(start: Date) {
    let now = start
    let queue: StudyCard[] = await study.studyQueue('ann', now, PREFETCH)
    const done = { answers: 0, newCards: 0, mismatches: [] as number[], vanished: [] as number[] }
    let before: { ids: string[]; answered: string } | null = null
    for (let step = 0; step < 500; step++) {
      const counts = await study.todayCounts('ann', now)
      const all = await queueToday(now)
      // One answer takes one card out of the queue, never another (a sibling its answer buried, say).
      const ids = all.map((c) => c.cardId)
      if (before?.ids.some((id) => id !== before!.answered && !ids.includes(id))) done.vanished.push(step)
      // A card counted as left is a card the queue gives today, of the same kind. Learning cards: the queue gives
      // those due now first, and those due within the learn-ahead time once nothing else is left.
      const given = (kinds: string[]) => all.filter((c) => kinds.includes(c.state)).length
      if (counts.new !== given(['new']) || counts.review !== given(['review']) || counts.learning < given(['learning', 'relearning']) || (left(counts) > 0) !== (all.length > 0)) done.mismatches.push(step)
      if (queue.length === 0) queue = await study.studyQueue('ann', now, PREFETCH)
      if (queue.length === 0) return { ...done, counts }
      const [card, ...rest] = queue
      before = { ids, answered: card!.cardId }
      if (card!.state === 'new') done.newCards++
      now = new Date(now.getTime() + 8000)
      const outcome = await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card!.cardId, rating: 3, version: card!.version, durationMs: 8000 }, now, NEXT_CARDS)
      expect(outcome.kind).toBe('graded')
      done.answers++
      queue = outcome.next ?? rest
    }
    throw new Error('the day never ended')
  }

  it('day one on the defaults gives exactly 20 new cards, then 0 left; later days agree too', async () => {
    const first = await studyDay(MORNING)
    console.log(`${engine} day one: ${first.answers} answers, ${first.newCards} new cards, ${left(first.counts)} left, ${first.mismatches.length} steps where counts and queue differ`)
    expect(first.newCards).toBe(20)
    expect(left(first.counts)).toBe(0)
    expect(first.mismatches).toEqual([])
    expect(first.vanished).toEqual([])
    // Later days: the reviews of day one and more new cards, their siblings buried by the reviews answered.
    for (let day = 1; day <= 3; day++) {
      const result = await studyDay(new Date(MORNING.getTime() + day * DAY_MS))
      expect({ day, left: left(result.counts), mismatches: result.mismatches, vanished: result.vanished }).toEqual({ day, left: 0, mismatches: [], vanished: [] })
      expect(result.newCards).toBe(20)
    }
  })

  it('agrees with a day-long learning step too: a learning card holds its claim, so no counted sibling is buried by its answer', async () => {
    await t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data: { learningSteps: '10m 1d' } })
    for (let day = 0; day <= 2; day++) {
      const result = await studyDay(new Date(MORNING.getTime() + day * DAY_MS))
      expect({ day, left: left(result.counts), mismatches: result.mismatches, vanished: result.vanished }).toEqual({ day, left: 0, mismatches: [], vanished: [] })
    }
  })

  it('ranks the day\'s reviews by relative overdueness however few cards are asked for', async () => {
    const weekAgo = new Date(MORNING.getTime() - 8 * DAY_MS)
    const learned = await study.studyQueue('ann', weekAgo, 5)
    for (const card of learned) {
      await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card.cardId, rating: 4, version: card.version, durationMs: 2000 }, weekAgo)
    }
    // Four 5 days late on 100-day intervals, the last 1 day late on a 1-day interval: the most overdue relative to it.
    const [urgent, ...calm] = learned.map((c) => c.cardId).reverse()
    await t.db.prisma.cardState.updateMany({ where: { userId: 'ann', cardId: { in: calm } }, data: { due: new Date(MORNING.getTime() - 5 * DAY_MS), scheduledDays: 100 } })
    await t.db.prisma.cardState.updateMany({ where: { userId: 'ann', cardId: urgent! }, data: { due: new Date(MORNING.getTime() - DAY_MS), scheduledDays: 1 } })
    await t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data: { newPerDay: 0, maxReviewsPerDay: 2 } })
    expect((await study.studyQueue('ann', MORNING, 1)).map((c) => c.cardId)).toEqual([urgent])
    expect((await study.studyQueue('ann', MORNING, 10))[0]!.cardId).toBe(urgent)
    expect(await study.todayCounts('ann', MORNING)).toMatchObject({ review: 2, heldBack: 3 })
  })

  it('says how many reviews the day\'s review limit holds back, and never a next card due in the past', async () => {
    // Ten cards learned (Easy) a week ago, one a claim, most due today; at most 3 reviews a day, no new cards.
    const weekAgo = new Date(MORNING.getTime() - 8 * DAY_MS)
    for (const card of await study.studyQueue('ann', weekAgo, 10)) {
      await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card.cardId, rating: 4, version: card.version, durationMs: 2000 }, weekAgo)
    }
    await t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data: { maxReviewsPerDay: 3, newPerDay: 0 } })
    const before = await study.todayCounts('ann', MORNING)
    const dueToday = await t.db.prisma.cardState.count({ where: { userId: 'ann', state: 2, due: { lt: new Date(before.dayEndsAt) } } })
    expect(dueToday).toBeGreaterThan(3)
    expect(before).toMatchObject({ new: 0, learning: 0, review: 3, heldBack: dueToday - 3 })
    for (const card of await study.studyQueue('ann', MORNING, 10)) {
      await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card.cardId, rating: 3, version: card.version, durationMs: 2000 }, MORNING)
    }
    const counts = await study.todayCounts('ann', MORNING)
    expect(counts).toMatchObject({ new: 0, learning: 0, review: 0, heldBack: dueToday - 3 })
    expect(await queueToday(MORNING)).toEqual([])
    // The next cards due are those waiting for the next study day (they are overdue: their date would be in the past).
    expect(counts.nextDueAt).toBe(counts.dayEndsAt)
  })
})
