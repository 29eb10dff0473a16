/**
 * The daily queue on both engines (issue #14): limits counted from the log, sibling burying, learn-ahead, the answer
 * time carried by the grade, the day that never goes backwards, and "Study more today".
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study, StudyCard } from '../lib/data/study-service'
import { DAY_MS } from '../lib/core/study-day'

const MORNING = new Date('2026-03-02T14:00:00Z') // 09:00 in New York
const minutes = (n: number) => new Date(MORNING.getTime() + n * 60_000)
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)

describe.each<Engine>(ENGINES)('the daily queue on %s', (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    await createTestUser(t.db, 'ann')
  })
  afterEach(async () => t.close())

  const settings = (data: Record<string, unknown>) => t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data })
  const grade = (card: Pick<StudyCard, 'cardId' | 'version'>, rating: 1 | 2 | 3 | 4, now: Date, extra: { answeredAt?: string; day?: number; reviewId?: string } = {}) =>
    study.gradeCard('ann', { reviewId: extra.reviewId ?? randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs: 2000, ...extra }, now, 3)
  const introducedToday = async () => t.db.prisma.reviewLog.count({ where: { userId: 'ann', state: 0, undone: false } })

  it('introduces exactly the day\'s limit of new cards, however many tabs and reloads ask', async () => {
    await settings({ newPerDay: 5 })
    const tabA = await study.studyQueue('ann', MORNING, 10)
    const other = t.study() // a second server or tab, with its own caches
    const tabB = await other.studyQueue('ann', MORNING, 10)
    expect(tabA.filter((c) => c.state === 'new')).toHaveLength(5)
    let now = MORNING
    for (const card of tabA) {
      now = new Date(now.getTime() + 1000)
      expect((await grade(card, 4, now)).kind).toBe('graded')
    }
    // Tab B still shows its five: each is a sixth new card now, refused, and nothing is written.
    for (const card of tabB.filter((c) => !tabA.some((a) => a.cardId === c.cardId))) expect((await grade(card, 4, now)).kind).toBe('limit-reached')
    expect(await introducedToday()).toBe(5)
    expect(await study.studyQueue('ann', now, 10)).toEqual([])
    expect(await other.studyQueue('ann', now, 10)).toEqual([])
    expect((await study.todayCounts('ann', now)).new).toBe(0)
  })

  it('holds the maximum of reviews a day, counted from the log', async () => {
    // Ten cards learned (Easy) a week ago, due today; the maximum is 3.
    const weekAgo = new Date(MORNING.getTime() - 8 * DAY_MS)
    for (const card of await study.studyQueue('ann', weekAgo, 10)) await grade(card, 4, weekAgo)
    await settings({ maxReviewsPerDay: 3, newPerDay: 0 })
    const queue = await study.studyQueue('ann', MORNING, 10)
    expect(queue.map((c) => c.state)).toEqual(['review', 'review', 'review'])
    expect((await study.todayCounts('ann', MORNING)).review).toBe(3)
    for (const card of queue) expect((await grade(card, 3, MORNING)).kind).toBe('graded')
    expect(await study.studyQueue('ann', MORNING, 10)).toEqual([])
    expect((await study.todayCounts('ann', MORNING)).review).toBe(0)
  })

  it('buries the siblings of an answered card until the next study day; with burying off, keeps them apart', async () => {
    const queue = await study.studyQueue('ann', MORNING, 50)
    // One card a claim: the others would be buried by its answer.
    expect(new Set(queue.map((c) => c.claim.id)).size).toBe(queue.length)
    const first = queue[0]!
    const siblings = await t.db.prisma.card.findMany({ where: { claimId: first.claim.id, id: { not: first.cardId } } })
    expect(siblings.length).toBeGreaterThan(0)
    await grade(first, 4, MORNING)
    const later = await study.studyQueue('ann', minutes(1), 50)
    expect(later.some((c) => c.claim.id === first.claim.id)).toBe(false)
    // The next study day (04:00 in New York) the siblings come.
    const tomorrow = new Date('2026-03-03T09:01:00Z')
    const next = await study.studyQueue('ann', tomorrow, 50)
    expect(next.some((c) => c.claim.id === first.claim.id)).toBe(true)

    await settings({ burySiblings: false })
    const unburied = await study.studyQueue('ann', minutes(2), 50)
    const sibling = unburied.findIndex((c) => c.claim.id === first.claim.id)
    expect(sibling).toBeGreaterThan(0) // there, but not first: the claim was just answered
    for (let i = 1; i < unburied.length; i++) expect(unburied[i]!.claim.id).not.toBe(unburied[i - 1]!.claim.id)
  })

  it('shows a learning card early, marked so, only when nothing else is left', async () => {
    await settings({ newPerDay: 1 })
    const [card] = await study.studyQueue('ann', MORNING, 10)
    expect(card!.early).toBe(false)
    await grade(card!, 3, MORNING) // Good: 10 minutes
    const early = await study.studyQueue('ann', minutes(1), 10)
    expect(early.map((c) => [c.cardId, c.early])).toEqual([[card!.cardId, true]])
  })

  it('schedules and logs a grade at its answer time, however late it arrives', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    const reviewId = randomUUID()
    const answeredAt = MORNING.toISOString()
    const result = await grade(card!, 3, minutes(10), { answeredAt, day: card!.day, reviewId })
    expect(result).toMatchObject({ kind: 'graded', state: { due: minutes(10).toISOString() } }) // 10m after the answer, not the arrival
    const log = await t.db.prisma.reviewLog.findUniqueOrThrow({ where: { id: reviewId } })
    expect(log.review.toISOString()).toBe(answeredAt)
    expect(log.createdAt.toISOString()).toBe(minutes(10).toISOString())
  })

  it('refuses an answer time in the future or before the card\'s version, and takes small clock skew as now', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    expect(await grade(card!, 3, MORNING, { answeredAt: minutes(6).toISOString() })).toMatchObject({ kind: 'bad-time' })
    await grade(card!, 3, MORNING, { answeredAt: minutes(4).toISOString() }) // 4 minutes ahead: skew, taken as now
    expect((await t.db.prisma.cardState.findFirstOrThrow({ where: { userId: 'ann', cardId: card!.cardId } })).lastReview!.toISOString()).toBe(MORNING.toISOString())
    const again = { cardId: card!.cardId, version: 1 }
    expect(await grade(again, 3, minutes(30), { answeredAt: minutes(-10).toISOString() })).toMatchObject({ kind: 'bad-time' })
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(1)
  })

  it('refuses a grade whose buttons were for the day before (shown 3:59, answered 4:01), with the card as it is today', async () => {
    const shownAt = new Date('2026-03-03T08:59:00Z') // 03:59 in New York
    const [card] = await study.studyQueue('ann', shownAt, 1)
    expect(card!.day).toBe(dayOf('2026-03-02'))
    const answeredAt = new Date('2026-03-03T09:01:00Z')
    const result = await grade(card!, 3, answeredAt, { answeredAt: answeredAt.toISOString(), day: card!.day })
    expect(result).toMatchObject({ kind: 'day-changed', card: { cardId: card!.cardId, day: dayOf('2026-03-03'), version: 0 } })
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(0)
    // A retry of the same answer after 4:01 whose answer time is 3:59:30 is still that day's, and is kept.
    const kept = await grade(card!, 3, answeredAt, { answeredAt: '2026-03-03T08:59:30.000Z', day: card!.day })
    expect(kept.kind).toBe('graded')
    expect((await t.db.prisma.reviewLog.findFirstOrThrow({ where: { userId: 'ann' } })).studyDay).toBe(dayOf('2026-03-02'))
  })

  it('never lets the study day go backwards after a change of zone, nor grants the day\'s limits twice', async () => {
    await settings({ timeZone: 'Asia/Shanghai', newPerDay: 2 })
    const inShanghai = new Date('2026-03-03T02:00:00Z') // 10:00 on the 3rd in Shanghai
    for (const card of await study.studyQueue('ann', inShanghai, 10)) await grade(card, 4, inShanghai)
    expect((await study.todayCounts('ann', inShanghai)).new).toBe(0)
    await settings({ timeZone: 'America/Los_Angeles' }) // 18:00 on the 2nd there
    const inLA = new Date('2026-03-03T02:05:00Z')
    const counts = await study.todayCounts('ann', inLA)
    expect(counts.day).toBe(dayOf('2026-03-03'))
    expect(counts.new).toBe(0)
    expect(await study.studyQueue('ann', inLA, 10)).toEqual([])
    const [card] = (await study.studyQueue('ann', new Date('2026-03-04T12:01:00Z'), 10)) // 04:01 PST on the 4th: a new day
    expect(card).toBeDefined()
    await grade(card!, 4, new Date('2026-03-04T12:01:00Z'))
    expect((await t.db.prisma.reviewLog.findFirstOrThrow({ where: { userId: 'ann', cardId: card!.cardId } })).studyDay).toBe(dayOf('2026-03-04'))
  })

  it('"Study more today" grants reviews ahead or more new cards, for today only', async () => {
    const twoDaysAgo = new Date(MORNING.getTime() - 2 * DAY_MS)
    for (const card of (await study.studyQueue('ann', twoDaysAgo, 10)).slice(0, 3)) await grade(card, 4, twoDaysAgo)
    await settings({ newPerDay: 0 })
    expect(await study.studyQueue('ann', MORNING, 10)).toEqual([])
    // Two of the three cards learned two days ago, due in a few days, ahead of time and marked early.
    await study.studyMore('ann', MORNING, { extraNew: 0, extraAhead: 2 })
    const ahead = await study.studyQueue('ann', MORNING, 10)
    expect(ahead.map((c) => [c.state, c.early])).toEqual([['review', true], ['review', true]])
    for (const card of ahead) expect((await grade(card, 3, MORNING)).kind).toBe('graded')
    expect(await study.studyQueue('ann', MORNING, 10)).toEqual([])
    await study.studyMore('ann', MORNING, { extraNew: 2, extraAhead: 0 })
    const more = await study.studyQueue('ann', MORNING, 10)
    expect(more.map((c) => c.state)).toEqual(['new', 'new'])
    for (const card of more) await grade(card, 4, MORNING)
    expect(await study.studyQueue('ann', MORNING, 10)).toEqual([])
    // The next day, yesterday's grant is gone: one new card again.
    expect((await study.todayCounts('ann', new Date('2026-03-03T10:00:00Z'))).new).toBe(0)
  })
})
