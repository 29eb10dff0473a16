/**
 * The progress use cases on both engines: answers bucketed by the study day stored with each log (three zones, 4 am
 * rollover), streaks, retention, the forecast, and each claim's mastery on the map.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, gradeApplied, type Engine, type TestDb } from './helpers'
import type { Study } from '../lib/data/study-service'
import { createProgress, type Progress } from '../lib/data/progress-service'
import { studyDayDate } from '../lib/core/study-day'

const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000)

describe.each<Engine>(ENGINES)('progress on %s', (engine) => {
  let t: TestDb
  let study: Study
  let progress: Progress
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    progress = createProgress(t.db.exec)
  })
  afterEach(async () => t.close())

  const grade = (userId: string, cardId: string, rating: 1 | 2 | 3 | 4, now: Date, durationMs = 4000) =>
    gradeApplied(t.db, study, userId, cardId, rating, now, { durationMs })

  // Each zone's 03:59 and 04:00 on 2026-03-09 local (New York has just moved to -04:00; Berlin is +01:00).
  it.each([
    ['America/New_York', '2026-03-09T07:59:00Z', '2026-03-09T08:00:00Z'],
    ['Asia/Shanghai', '2026-03-08T19:59:00Z', '2026-03-08T20:00:00Z'],
    ['Europe/Berlin', '2026-03-09T02:59:00Z', '2026-03-09T03:00:00Z'],
  ])('counts answers by the study day in %s: 03:59 belongs to the day before', async (timeZone, before, after) => {
    await createTestUser(t.db, 'ann', { timeZone })
    const cards = await study.studyQueue('ann', new Date(before), 3)
    await grade('ann', cards[0]!.cardId, 3, new Date(before), 5000)
    await grade('ann', cards[1]!.cardId, 3, new Date(after), 7000)
    await grade('ann', cards[2]!.cardId, 3, new Date(after), 8000)
    const stats = await progress.statistics('ann', new Date(after))
    expect(studyDayDate(stats.today)).toBe('2026-03-09')
    expect(stats.yearCounts).toEqual([
      { studyDay: day('2026-03-08'), reviews: 1 },
      { studyDay: day('2026-03-09'), reviews: 2 },
    ])
    expect(stats.recent.at(-1)).toEqual({ studyDay: day('2026-03-09'), reviews: 2, durationMs: 15000 })
    expect(stats.recent.at(-2)).toEqual({ studyDay: day('2026-03-08'), reviews: 1, durationMs: 5000 })
    expect(stats.streaks).toEqual({ currentDays: 2, longestDays: 2 })
    // Three cards in learning (Good on a new card: a 10-minute step), all due today.
    expect(stats.states).toMatchObject({ learning: 3, review: 0, relearning: 0 })
    expect(stats.forecast[0]).toBe(3)
  })

  it('measures true retention over review answers only, and leaves out quiz answers and undone ones', async () => {
    await createTestUser(t.db, 'ann', { timeZone: 'UTC' })
    const start = new Date('2026-03-02T12:00:00Z')
    const cards = await study.studyQueue('ann', start, 4)
    for (const c of cards) await grade('ann', c.cardId, 4, start) // Easy: into review
    const later = new Date('2026-03-20T12:00:00Z')
    await grade('ann', cards[0]!.cardId, 1, later) // a lapse
    await grade('ann', cards[1]!.cardId, 3, later)
    await grade('ann', cards[2]!.cardId, 2, later)
    // A quiz answer and an undone answer (written by other features) must not count: inserted as they would store them.
    const base = await t.db.prisma.reviewLog.findFirstOrThrow({ where: { userId: 'ann', cardId: cards[3]!.cardId } })
    const day20 = day('2026-03-20')
    await t.db.prisma.reviewLog.create({ data: { ...base, id: randomUUID(), kind: 'quiz', state: 2, rating: 1, studyDay: day20, review: later, sequence: 1001 } })
    await t.db.prisma.reviewLog.create({ data: { ...base, id: randomUUID(), undone: true, state: 2, rating: 1, studyDay: day20, review: later, sequence: 1002 } })
    const stats = await progress.statistics('ann', later)
    expect(stats.retention7).toMatchObject({ passed: 2, answered: 3 })
    expect(stats.retention7.rate).toBeCloseTo(2 / 3)
    expect(stats.retention30).toMatchObject({ passed: 2, answered: 3 })
    expect(stats.yearCounts).toEqual([{ studyDay: day('2026-03-02'), reviews: 4 }, { studyDay: day20, reviews: 3 }])
    expect(stats.streaks).toEqual({ currentDays: 1, longestDays: 1 })
    expect(stats.states).toMatchObject({ review: 3, relearning: 1 })
  })

  it('counts true retention by period as Anki 24.11: a card\'s first answer of the day, in review, young or mature', async () => {
    await createTestUser(t.db, 'ann', { timeZone: 'UTC' })
    await createTestUser(t.db, 'bob', { timeZone: 'UTC' })
    const start = new Date('2026-03-02T12:00:00Z')
    const [a, b, c] = await study.studyQueue('ann', start, 3)
    for (const card of [a!, b!, c!]) await grade('ann', card.cardId, 4, start)
    const [bobCard] = await study.studyQueue('bob', start, 1)
    await grade('bob', bobCard!.cardId, 4, start)
    const now = new Date('2026-03-20T12:00:00Z')
    const today = day('2026-03-20')
    const base = await t.db.prisma.reviewLog.findFirstOrThrow({ where: { userId: 'ann', cardId: a!.cardId } })
    const log = (userId: string, cardId: string, studyDay: number, sequence: number, fields: { state: number; rating: number; scheduledDays: number; kind?: string; undone?: boolean }) =>
      t.db.prisma.reviewLog.create({
        data: { ...base, id: randomUUID(), userId, cardId, studyDay, review: new Date((studyDay * 86_400 + 36_000 + sequence) * 1000), sequence, kind: 'review', undone: false, ...fields },
      })
    // Yesterday: a quiz answer and an undone answer come first and do not count; then b, mature (25 days), passed.
    await log('ann', b!.cardId, today - 1, 89, { state: 2, rating: 1, scheduledDays: 25, kind: 'quiz' })
    await log('ann', b!.cardId, today - 1, 90, { state: 2, rating: 1, scheduledDays: 25, undone: true })
    await log('ann', b!.cardId, today - 1, 91, { state: 2, rating: 3, scheduledDays: 25 })
    // Today: a mature (30 days) passed, then failed the same day (not counted); b young (5 days) failed; c first in
    // relearning, then answered in review (not counted: its first answer of the day was not to a card in review).
    await log('ann', a!.cardId, today, 100, { state: 2, rating: 3, scheduledDays: 30 })
    await log('ann', a!.cardId, today, 101, { state: 2, rating: 1, scheduledDays: 30 })
    await log('ann', b!.cardId, today, 102, { state: 2, rating: 1, scheduledDays: 5 })
    await log('ann', c!.cardId, today, 103, { state: 3, rating: 3, scheduledDays: 0 })
    await log('ann', c!.cardId, today, 104, { state: 2, rating: 2, scheduledDays: 21 })
    // Another person's answer never counts for ann.
    await log('bob', bobCard!.cardId, today, 200, { state: 2, rating: 1, scheduledDays: 40 })
    const rows = Object.fromEntries((await progress.statistics('ann', now)).trueRetention.map((r) => [r.period, r]))
    expect(rows.today).toEqual({
      period: 'today',
      young: { passed: 0, failed: 1, rate: 0 },
      mature: { passed: 1, failed: 0, rate: 1 },
      total: { passed: 1, failed: 1, rate: 0.5 },
    })
    expect(rows.yesterday!.mature).toEqual({ passed: 1, failed: 0, rate: 1 })
    expect(rows.yesterday!.young.rate).toBeNull()
    expect(rows.week!.total).toEqual({ passed: 2, failed: 1, rate: 2 / 3 })
    expect(rows.year!.total).toEqual({ passed: 2, failed: 1, rate: 2 / 3 })
    // The 7-day figure stays as it was: every answer to a card in review (5 of them, 3 passed), first of the day or not.
    expect((await progress.statistics('ann', now)).retention7).toMatchObject({ passed: 3, answered: 5 })
  })

  it('shows each claim\'s mastery on the map, and a claim that was learned fading months later', async () => {
    await createTestUser(t.db, 'ann', { timeZone: 'UTC' })
    await createTestUser(t.db, 'bob', { timeZone: 'UTC' })
    const start = new Date('2026-03-02T12:00:00Z')
    const [first] = await study.studyQueue('ann', start, 1)
    const claimId = first!.claim.id
    const cards = await t.db.prisma.card.findMany({ where: { claimId, retired: false } })
    const fresh = await progress.map('ann', start)
    expect(fresh.learned).toBe(0)
    expect(fresh.total).toBe(fresh.counts.new)
    expect(fresh.total).toBeGreaterThan(30)

    await grade('ann', cards[0]!.id, 3, start)
    const claimOf = async (userId: string, now: Date) => (await progress.map(userId, now)).sections.flatMap((s) => s.claims).find((c) => c.claimId === claimId)!
    expect(await claimOf('ann', start)).toMatchObject({ mastery: 'learning', cardsSeen: 1 })
    for (const c of cards) await grade('ann', c.id, 4, new Date('2026-03-02T12:30:00Z'))
    const day21 = new Date('2026-03-23T12:00:00Z')
    for (const c of cards) await grade('ann', c.id, 4, day21)
    expect(await claimOf('ann', day21)).toMatchObject({ mastery: 'learned', learnedAt: day21 })
    const map = await progress.map('ann', day21)
    expect(map.learned).toBe(1)
    const section = map.sections.find((s) => s.claims.some((c) => c.claimId === claimId))!
    expect(section.learned).toBe(1)
    expect(section.meanRetrievability).toBeCloseTo(1, 2)
    // A year later, without answers, its weakest card has been forgotten: fading, not "learning".
    expect(await claimOf('ann', new Date('2027-06-01T12:00:00Z'))).toMatchObject({ mastery: 'fading' })
    // Another person's map is their own.
    expect((await claimOf('bob', day21)).mastery).toBe('new')
    expect((await progress.home('ann', day21, await study.config('ann')))).toMatchObject({ learned: 1, total: map.total })

    const detail = await progress.claim('ann', claimId, day21)
    expect(detail!.answers).toBe(1 + cards.length * 2)
    expect(detail!.history[0]!.review).toEqual(day21)
    expect(detail!.history.map((h) => h.review.getTime())).toEqual([...detail!.history.map((h) => h.review.getTime())].sort((a, b) => b - a))
    expect(await progress.claim('ann', 'no-such-claim', day21)).toBeNull()
  })
})
