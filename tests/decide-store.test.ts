/**
 * "Help me decide"'s read on both engines (lib/data/decide-service.ts): the person's cards as the simulator starts
 * them, and their own answer times and ratings — only theirs, only answers not undone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, gradeApplied, type Engine, type TestDb } from './helpers'
import type { Study } from '../lib/data/study-service'
import { createDecide } from '../lib/data/decide-service'
import { DEFAULT_COSTS_SECONDS, DEFAULT_FIRST_RATING_ODDS } from '../lib/core/workload'

describe.each<Engine>(ENGINES)('help me decide\'s start on %s', (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
  })
  afterEach(async () => t.close())

  it('starts from the person\'s cards, limits and answer times, and no one else\'s', async () => {
    await createTestUser(t.db, 'ann', { timeZone: 'UTC', newPerDay: 7 })
    await createTestUser(t.db, 'bob', { timeZone: 'UTC' })
    const now = new Date('2026-03-02T12:00:00Z')
    const cards = await study.studyQueue('ann', now, 3)
    // Easy on three new cards, each in 40 s: into review, a few days ahead.
    for (const c of cards) await gradeApplied(t.db, study, 'ann', c.cardId, 4, now, { durationMs: 40_000 })
    const [bobCard] = await study.studyQueue('bob', now, 1)
    await gradeApplied(t.db, study, 'bob', bobCard!.cardId, 1, now, { durationMs: 2_000 })
    const live = await t.db.prisma.card.count({ where: { retired: false } })

    const { input, desiredRetention } = await createDecide(t.db.exec).start('ann', new Date('2026-03-03T12:00:00Z'))
    expect(desiredRetention).toBe(0.9)
    expect(input.newPerDay).toBe(7)
    expect(input.cards).toHaveLength(3)
    expect(input.unseenCards).toBe(live - 3)
    for (const c of input.cards) {
      expect(c.state).toBe(2)
      expect(c.lastDay).toBe(-1) // answered yesterday
      expect(c.dueDay).toBeGreaterThan(0)
    }
    // Easy on a new card: 3 answers of 40 s, blended with the default by 5 answers' weight; Again keeps its default
    // (bob's 2-second Again is his, not ann's).
    expect(input.costs.learning[3]).toBeCloseTo((3 * 40 + 5 * DEFAULT_COSTS_SECONDS.learning[3]) / 8, 6)
    expect(input.costs.learning[0]).toBe(DEFAULT_COSTS_SECONDS.learning[0])
    expect(input.firstRatingOdds[3]).toBeGreaterThan(DEFAULT_FIRST_RATING_ODDS[3])
  })
})
