/**
 * The "learned before" flag (lib/data/claim-progress.ts): set in the grade's transaction by the answer that first
 * makes a claim learned, once, on both engines.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study } from '../lib/data/study-service'

const DAY0 = new Date('2026-03-02T14:00:00Z') // 09:00 in New York
const daysLater = (days: number) => new Date(DAY0.getTime() + days * 86_400_000)

describe.each<Engine>(ENGINES)('a claim learned on %s', (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    await createTestUser(t.db, 'ann')
    await createTestUser(t.db, 'bob')
  })
  afterEach(async () => t.close())

  const version = async (userId: string, cardId: string) =>
    (await t.db.prisma.cardState.findUnique({ where: { userId_cardId: { userId, cardId } } }))?.version ?? 0
  async function grade(userId: string, cardId: string, rating: 1 | 2 | 3 | 4, now: Date, reviewId = randomUUID()) {
    const result = await study.gradeCard(userId, { reviewId, cardId, rating, version: await version(userId, cardId), durationMs: 4000 }, now)
    expect(result.kind).toBe('graded')
    return reviewId
  }
  const flags = (userId: string) => t.db.prisma.claimProgress.findMany({ where: { userId } })

  it('is flagged by the answer that makes its last card learned, and only then', async () => {
    const [first] = await study.studyQueue('ann', DAY0, 1)
    const claimId = first!.claim.id
    const cards = await t.db.prisma.card.findMany({ where: { claimId, retired: false }, orderBy: { position: 'asc' } })
    expect(cards.length).toBeGreaterThan(1)
    // Easy on day 0 (stability ~8 days), then Easy again after three weeks: stability well over 21 days.
    for (const c of cards) await grade('ann', c.id, 4, DAY0)
    const last = cards.at(-1)!
    for (const c of cards.slice(0, -1)) await grade('ann', c.id, 4, daysLater(21))
    expect(await flags('ann')).toEqual([])
    const making = await grade('ann', last.id, 4, daysLater(21))
    expect(await flags('ann')).toEqual([{ userId: 'ann', claimId, learnedAt: daysLater(21), learnedByReviewId: making }])
    // Later answers (once due again), even a lapse, leave the first learning as it was; another person's flags are their own.
    await grade('ann', last.id, 1, daysLater(1000))
    await grade('ann', cards[0]!.id, 4, daysLater(1000))
    expect(await flags('ann')).toEqual([{ userId: 'ann', claimId, learnedAt: daysLater(21), learnedByReviewId: making }])
    expect(await flags('bob')).toEqual([])
  })

  it('is not flagged while a card of the claim is still unseen', async () => {
    const [first] = await study.studyQueue('ann', DAY0, 1)
    const cards = await t.db.prisma.card.findMany({ where: { claimId: first!.claim.id, retired: false }, orderBy: { position: 'asc' } })
    const seen = cards.slice(0, -1)
    for (const c of seen) await grade('ann', c.id, 4, DAY0)
    for (const c of seen) await grade('ann', c.id, 4, daysLater(21))
    expect(await flags('ann')).toEqual([])
  })

  it('is taken back when the answer that set it is undone, and kept when a later answer is', async () => {
    const [first] = await study.studyQueue('ann', DAY0, 1)
    const cards = await t.db.prisma.card.findMany({ where: { claimId: first!.claim.id, retired: false }, orderBy: { position: 'asc' } })
    for (const c of cards) await grade('ann', c.id, 4, DAY0)
    for (const [i, c] of cards.entries()) await grade('ann', c.id, 4, new Date(daysLater(21).getTime() + i * 60_000))
    expect(await flags('ann')).toHaveLength(1)
    // A later answer the same day, then undone: the flag stays (it was not that answer's).
    await grade('ann', cards[0]!.id, 1, new Date(daysLater(21).getTime() + 3_600_000))
    expect(await study.undo('ann', new Date(daysLater(21).getTime() + 3_700_000))).toMatchObject({ kind: 'undone' })
    expect(await flags('ann')).toHaveLength(1)
    // Undoing the answer that made it learned removes the flag.
    expect(await study.undo('ann', new Date(daysLater(21).getTime() + 3_800_000))).toMatchObject({ kind: 'undone', card: { cardId: cards.at(-1)!.id } })
    expect(await flags('ann')).toEqual([])
  })
})
