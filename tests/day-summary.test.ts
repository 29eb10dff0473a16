/**
 * The review screen's finish line (lib/data/day-summary.ts): today's answers, cards, time, Again count and the claims
 * learned today, by the person's study day — on a day 23 hours long (New York's spring change, 2026-03-08).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, gradeApplied, type Engine, type TestDb } from './helpers'
import type { Study } from '../lib/data/study-service'

// The study day of 2026-03-08 (rollover 4 am) runs from 08:00Z (4 am EDT, the clocks went forward at 2 am EST) to
// 2026-03-09 08:00Z: 23 hours.
const DAY0 = new Date('2026-02-15T15:00:00Z')
const BEFORE_ROLLOVER = new Date('2026-03-08T07:30:00Z') // 3:30 am EDT: still the 7th's study day
const DST_MORNING = new Date('2026-03-08T08:30:00Z') // 4:30 am EDT: the 8th's
const LAST_MINUTE = new Date('2026-03-09T07:59:00Z') // 3:59 am EDT on the 9th: still the 8th's

describe.each<Engine>(ENGINES)("today's summary on %s", (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    await createTestUser(t.db, 'ann', { newPerDay: 100 })
    await createTestUser(t.db, 'bob', { newPerDay: 100 })
  })
  afterEach(async () => t.close())

  const grade = (userId: string, cardId: string, rating: 1 | 2 | 3 | 4, now: Date, durationMs = 4000) =>
    gradeApplied(t.db, study, userId, cardId, rating, now, { durationMs })

  it('counts the study day of the time zone, not the UTC day, and only its own answers', async () => {
    const [first] = await study.studyQueue('ann', DAY0, 1)
    const claimId = first!.claim.id
    const cards = await t.db.prisma.card.findMany({ where: { claimId, retired: false }, orderBy: { position: 'asc' } })
    // Easy on day 0; three weeks later, Easy again makes the claim learned (stability over 21 days).
    for (const c of cards) await grade('ann', c.id, 4, DAY0)
    const others = (await study.studyQueue('ann', DAY0, 3)).map((c) => c.cardId)
    expect(others).toHaveLength(3)

    await grade('ann', others[0]!, 3, BEFORE_ROLLOVER, 9000) // the 7th's: not counted on the 8th
    for (const c of cards) await grade('ann', c.id, 4, DST_MORNING, 5000)
    await grade('ann', others[1]!, 1, DST_MORNING, 20_000)
    await grade('ann', others[1]!, 1, DST_MORNING, 30_000) // the same card again: two answers, one card
    await grade('ann', others[2]!, 1, LAST_MINUTE, 7000)
    await grade('bob', others[2]!, 1, LAST_MINUTE, 60_000) // someone else's answer

    const summary = await study.daySummary('ann', LAST_MINUTE)
    expect(summary).toMatchObject({
      answers: cards.length + 3,
      cards: cards.length + 2,
      durationMs: cards.length * 5000 + 20_000 + 30_000 + 7000,
      forgotten: 3,
    })
    expect(summary.learnedClaims.map((c) => c.id)).toEqual([claimId])
    expect(summary.learnedClaims[0]!.html).not.toBe('')

    // An undone answer no longer counts; the next study day starts at zero.
    const undone = await study.undo('ann', LAST_MINUTE)
    expect(undone.kind).toBe('undone')
    expect(await study.daySummary('ann', LAST_MINUTE)).toMatchObject({ answers: cards.length + 2, forgotten: 2, durationMs: cards.length * 5000 + 50_000 })
    expect(await study.daySummary('ann', new Date('2026-03-09T08:00:00Z'))).toEqual({
      day: summary.day + 1, answers: 0, cards: 0, durationMs: 0, forgotten: 0, learnedClaims: [],
    })
    // Another person's day is their own.
    const bob = await study.daySummary('bob', LAST_MINUTE)
    expect(bob).toMatchObject({ answers: 1, cards: 1, durationMs: 60_000, forgotten: 1, learnedClaims: [] })
  })
})
