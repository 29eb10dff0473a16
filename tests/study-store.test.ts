/**
 * One suite, both engines (Orbit's way): the one study implementation must behave the same on SQLite and on a real
 * PostgreSQL. A grade is kept exactly once, checked against the version shown, scoped to its user.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import { createStudy, type Study } from '../lib/data/study-service'
import { forgetUserWork } from '../lib/data/study-cache'
import { stateFromSnapshot } from '../lib/core/state-snapshot'
import { createDb, type Db } from '../lib/db/prisma'
import { databaseConfig } from '../lib/db/config'

const MORNING = new Date('2026-03-02T14:00:00Z') // 09:00 in New York

describe.each<Engine>(ENGINES)('the study store on %s', (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    await createTestUser(t.db, 'ann')
    await createTestUser(t.db, 'bob')
  })
  afterEach(async () => t.close())

  const logs = (userId: string) => t.db.prisma.reviewLog.count({ where: { userId } })
  const grade = (userId: string, cardId: string, rating: 1 | 2 | 3 | 4, version: number, reviewId = randomUUID()) =>
    study.gradeCard(userId, { reviewId, cardId, rating, version, durationMs: 3000 }, MORNING)

  it('starts a new user with the day\'s new cards, in deck order, one claim at a time', async () => {
    const queue = await study.studyQueue('ann', MORNING, 10)
    expect(queue).toHaveLength(10)
    expect(new Set(queue.map((c) => c.claim.id)).size).toBe(10)
    expect(queue[0]!.section.id).toBe('01')
    expect(queue.every((c) => c.version === 0 && c.state === 'new')).toBe(true)
    expect(queue[0]!.intervals[3]).toBe('10m')
    expect(await study.todayCounts('ann', MORNING)).toMatchObject({ new: 20, learning: 0, review: 0, nextDueAt: null })
  })

  it('grades once: a retry answers the stored result and writes nothing more', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    const reviewId = randomUUID()
    const first = await grade('ann', card!.cardId, 3, 0, reviewId)
    expect(first).toMatchObject({ kind: 'graded', replayed: false, state: { version: 1, state: 'learning', intervalLabel: card!.intervals[3] } })
    const retry = await grade('ann', card!.cardId, 3, 0, reviewId)
    expect(retry).toMatchObject({ kind: 'graded', replayed: true, state: { version: 1 } })
    expect(await logs('ann')).toBe(1)
    const log = await t.db.prisma.reviewLog.findUniqueOrThrow({ where: { id: reviewId } })
    expect(log).toMatchObject({ rating: 3, state: 0, kind: 'review', versionAfter: 1, durationMs: 3000, stateBefore: 'null' })
    expect(log.studyDay).toBe(Math.floor(Date.UTC(2026, 2, 2) / 86_400_000))
  })

  it('keeps one log when the same answer is submitted twice at once', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    const reviewId = randomUUID()
    const results = await Promise.all([grade('ann', card!.cardId, 4, 0, reviewId), grade('ann', card!.cardId, 4, 0, reviewId)])
    expect(results.map((r) => r.kind)).toEqual(['graded', 'graded'])
    expect(await logs('ann')).toBe(1)
  })

  it('refuses a stale version with the current state, and writes nothing', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    await grade('ann', card!.cardId, 3, 0)
    const before = await t.db.prisma.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: 'ann', cardId: card!.cardId } } })
    const stale = await grade('ann', card!.cardId, 1, 0)
    expect(stale).toMatchObject({ kind: 'stale', current: { version: 1 } })
    expect(await logs('ann')).toBe(1)
    expect(await t.db.prisma.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: 'ann', cardId: card!.cardId } } })).toEqual(before)
  })

  it('lets only one of two different answers to the same shown card through', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    const results = await Promise.all([grade('ann', card!.cardId, 3, 0), grade('ann', card!.cardId, 1, 0)])
    expect(results.map((r) => r.kind).sort()).toEqual(['graded', 'stale'])
    expect(await logs('ann')).toBe(1)
  })

  it('shows the intervals of the moment, and refuses (409) an answer whose button said another interval, writing nothing', async () => {
    const at = (iso: string) => new Date(iso)
    const [card] = await study.studyQueue('ann', MORNING, 1) // 09:00 in New York
    expect(card!.intervals[3]).toBe('10m')
    expect(card!.intervalsValidUntil).toBe('2026-03-03T08:50:00.000Z') // 03:50: 10m from then ends at the 04:00 rollover
    // Listed again at 03:55 the same study day: not the morning's buttons (kept by the server's cache), today's.
    const late = at('2026-03-03T08:55:00Z')
    const [again] = await study.studyQueue('ann', late, 1)
    expect(again).toMatchObject({ cardId: card!.cardId, version: 0, day: card!.day, intervals: { 3: '1d' } })
    // The morning's "10m", answered at 03:55: refused with the card as it is now, and nothing is written.
    const refused = await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card!.cardId, rating: 3, version: 0, durationMs: 3000, day: card!.day, interval: '10m' }, late)
    expect(refused).toMatchObject({ kind: 'interval-changed', card: { cardId: card!.cardId, version: 0, intervals: { 3: '1d' } } })
    expect(await logs('ann')).toBe(0)
    expect(await t.db.prisma.cardState.count({ where: { userId: 'ann' } })).toBe(0)
    // The same answer with the button as shown now is applied: due at the start of the next study day.
    const kept = await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card!.cardId, rating: 3, version: 0, durationMs: 3000, day: card!.day, interval: '1d' }, late)
    expect(kept).toMatchObject({ kind: 'graded', state: { version: 1, intervalLabel: '1d', due: '2026-03-03T09:00:00.000Z' } })
    // Shown at 03:45 (Good "10m", valid until 03:50) and answered at 03:49: applied as shown.
    const shownAt = at('2026-03-03T08:45:00Z')
    const [other] = await study.studyQueue('bob', shownAt, 1)
    expect(other).toMatchObject({ intervals: { 3: '10m' }, intervalsValidUntil: '2026-03-03T08:50:00.000Z' })
    const answeredAt = '2026-03-03T08:49:00.000Z'
    const inTime = await study.gradeCard('bob', { reviewId: randomUUID(), cardId: other!.cardId, rating: 3, version: 0, durationMs: 3000, answeredAt, day: other!.day, interval: '10m' }, late)
    expect(inTime).toMatchObject({ kind: 'graded', state: { intervalLabel: '10m', due: '2026-03-03T08:59:00.000Z' } })
    expect(await logs('bob')).toBe(1)
  })

  it('keeps every one of many grades sent at once by two people, each once (one shared commit on SQLite)', async () => {
    const [annCards, bobCards] = await Promise.all([study.studyQueue('ann', MORNING, 5), study.studyQueue('bob', MORNING, 5)])
    const results = await Promise.all([...annCards.map((c) => grade('ann', c.cardId, 3, 0)), ...bobCards.map((c) => grade('bob', c.cardId, 1, 0))])
    expect(results.map((r) => (r.kind === 'graded' ? r.replayed : r.kind))).toEqual(Array(10).fill(false))
    expect([await logs('ann'), await logs('bob')]).toEqual([5, 5])
    expect(await study.todayCounts('ann', MORNING)).toMatchObject({ new: 15, learning: 5 })
    expect(await study.todayCounts('bob', MORNING)).toMatchObject({ new: 15, learning: 5 })
  })

  it('refuses a reviewId reused for another answer', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    const reviewId = randomUUID()
    await grade('ann', card!.cardId, 3, 0, reviewId)
    expect(await grade('ann', card!.cardId, 2, 1, reviewId)).toMatchObject({ kind: 'conflict' })
    expect(await grade('bob', card!.cardId, 3, 0, reviewId)).toMatchObject({ kind: 'conflict' }) // and never reveals it
    expect(await logs('ann')).toBe(1)
    expect(await logs('bob')).toBe(0)
  })

  it('answers not-found for a card that does not exist or is retired', async () => {
    expect(await grade('ann', 'no-such-card', 3, 0)).toEqual({ kind: 'not-found' })
    const [card] = await study.studyQueue('ann', MORNING, 1)
    await t.db.prisma.card.update({ where: { id: card!.cardId }, data: { retired: true } })
    expect(await grade('ann', card!.cardId, 3, 0)).toEqual({ kind: 'not-found' })
    expect((await study.studyQueue('ann', MORNING, 50)).map((c) => c.cardId)).not.toContain(card!.cardId)
    expect(await logs('ann')).toBe(0)
  })

  it('keeps two users\' states of the same card apart', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    expect(await grade('ann', card!.cardId, 4, 0)).toMatchObject({ state: { state: 'review' } })
    expect(await grade('bob', card!.cardId, 1, 0)).toMatchObject({ state: { state: 'learning', version: 1 } })
    expect(await study.todayCounts('ann', MORNING)).toMatchObject({ new: 19, learning: 0 })
    expect(await study.todayCounts('bob', MORNING)).toMatchObject({ new: 19, learning: 1 })
    const bobsQueue = await study.studyQueue('bob', new Date(MORNING.getTime() + 2 * 60_000), 1)
    expect(bobsQueue[0]!.cardId).toBe(card!.cardId) // Again: back after its 1-minute step, first in the queue
  })

  it('follows the grades in the counts: Easy leaves today, Good comes back after its step', async () => {
    const [a, b] = await study.studyQueue('ann', MORNING, 2)
    await grade('ann', a!.cardId, 4, 0)
    const good = await study.gradeCard('ann', { reviewId: randomUUID(), cardId: b!.cardId, rating: 3, version: 0, durationMs: 900 }, MORNING, 3)
    expect(await study.todayCounts('ann', MORNING)).toMatchObject({ new: 18, learning: 1, review: 0 })
    expect((await study.studyQueue('ann', MORNING, 30)).map((c) => c.cardId)).not.toContain(b!.cardId)
    const later = new Date(MORNING.getTime() + 11 * 60_000)
    expect((await study.studyQueue('ann', later, 1))[0]!.cardId).toBe(b!.cardId)
    expect(good.next!.map((c) => c.cardId)).toEqual((await study.studyQueue('ann', MORNING, 3)).map((c) => c.cardId))
    // The Easy card is due at the start of a later study day (4 am New York time).
    const easy = await t.db.prisma.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: 'ann', cardId: a!.cardId } } })
    expect(new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).format(easy.due)).toBe('04:00')
    expect(easy.due.getTime()).toBeGreaterThan(MORNING.getTime() + 86_400_000 - 6 * 3_600_000)
  })

  it('queues learning and relearning cards by due time before a pile of overdue reviews, and counts them', async () => {
    const cards = await t.db.prisma.card.findMany({ where: { retired: false }, orderBy: { position: 'asc' }, select: { id: true } })
    const min = (m: number) => new Date(MORNING.getTime() + m * 60_000)
    const state = (cardId: string, state: number, due: Date) => ({
      userId: 'ann', cardId, due, state, stability: 3, difficulty: 5, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 2, lapses: state === 3 ? 1 : 0, lastReview: min(-60), version: 2,
    })
    const ids = cards.map((c) => c.id)
    await t.db.prisma.cardState.createMany({
      data: [
        // 40 reviews, overdue by 1 to 40 days, listed out of order.
        ...ids.slice(0, 40).map((id, i) => state(id, 2, min(-1440 * (((i * 7) % 40) + 1)))),
        state(ids[40]!, 1, min(-5)), // learning, due 5 minutes ago
        state(ids[41]!, 3, min(-9)), // relearning, due 9 minutes ago: first
        state(ids[42]!, 1, min(-1)),
        state(ids[43]!, 3, min(10)), // due within the learn-ahead window: not before the rest
        state(ids[44]!, 2, min(24 * 60)), // a review due tomorrow: neither queued nor counted
        state(ids[45]!, 1, min(-30)), // retired below: never shown
      ],
    })
    await t.db.prisma.card.update({ where: { id: ids[45]! }, data: { retired: true } })
    const queue = (await study.studyQueue('ann', MORNING, 5)).map((c) => c.cardId)
    expect(queue).toEqual([ids[41], ids[40], ids[42], ids.find((_, i) => (i * 7) % 40 === 39), ids.find((_, i) => (i * 7) % 40 === 38)])
    // One review a claim, none of a claim whose learning card is given (answering either buries the others: issue
    // #30); the next card due is the first not counted today, the review of tomorrow (not the most overdue one, which
    // is counted).
    const claimsOf = async (cardIds: string[]) => (await t.db.prisma.card.findMany({ where: { id: { in: cardIds } }, select: { claimId: true } })).map((c) => c.claimId)
    const learningClaims = new Set(await claimsOf(ids.slice(40, 44)))
    const reviewClaims = new Set((await claimsOf(ids.slice(0, 40))).filter((k) => !learningClaims.has(k))).size
    expect(reviewClaims).toBeLessThan(40)
    expect(await study.todayCounts('ann', MORNING)).toMatchObject({ learning: 4, review: reviewClaims, heldBack: 0, nextDueAt: min(24 * 60).toISOString() })
    expect((await study.studyQueue('ann', MORNING, 100)).filter((c) => c.state === 'review')).toHaveLength(reviewClaims)
  })

  it('keeps the state before each answer in the log, as the snapshot schema says', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    await grade('ann', card!.cardId, 3, 0)
    const before = await t.db.prisma.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: 'ann', cardId: card!.cardId } } })
    const reviewId = randomUUID()
    await grade('ann', card!.cardId, 3, 1, reviewId)
    const log = await t.db.prisma.reviewLog.findUniqueOrThrow({ where: { id: reviewId } })
    const { updatedAt: _, userId: __, ...fields } = before
    expect(stateFromSnapshot(log.stateBefore)).toEqual(fields)
    expect(stateFromSnapshot((await t.db.prisma.reviewLog.findFirstOrThrow({ where: { userId: 'ann', versionAfter: 1 } })).stateBefore)).toBeNull()
  })

  it('shows a deck\'s new texts once the deck was loaded again (its load time moved)', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    await t.db.prisma.card.update({ where: { id: card!.cardId }, data: { frontEn: 'A reworded prompt?' } })
    expect((await study.studyQueue('ann', MORNING, 1))[0]!.promptHtml).toBe(card!.promptHtml) // cached
    // What the deck loader does after writing the cards: every server reads the new load time with the settings.
    await t.db.prisma.deck.update({ where: { id: card!.section.deckId }, data: { loadedAt: new Date(Date.now() + 60_000) } })
    expect((await study.studyQueue('ann', MORNING, 1))[0]!.promptHtml).toContain('A reworded prompt?')
  })

  it('counts a new day from 4 am in the user\'s zone: 3:59 is still yesterday', async () => {
    await t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data: { newPerDay: 2 } })
    const lateEvening = new Date('2026-03-03T08:30:00Z') // 03:30 EST on 3 March: still 2 March's study day
    for (const card of await study.studyQueue('ann', lateEvening, 2)) await grade('ann', card.cardId, 4, 0)
    expect((await study.todayCounts('ann', new Date('2026-03-03T08:59:00Z'))).new).toBe(0) // 03:59
    expect((await study.todayCounts('ann', new Date('2026-03-03T09:01:00Z'))).new).toBe(2) // 04:01: a new day
  })
})

describe.each<Engine>(ENGINES)('two servers on one %s database', (engine) => {
  // Each "server" has its own client (its own connection or pool) and its own study layer with its own caches.
  let t: TestDb
  let other: Db
  let one: Study
  let two: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    other = createDb(databaseConfig({ DATABASE_URL: t.url }))
    one = t.study()
    two = createStudy(other.exec)
    await createTestUser(t.db, 'ann')
  })
  afterEach(async () => {
    await other.close()
    await t.close()
  })

  const answer = (study: Study, cardId: string, rating: 1 | 2 | 3 | 4, version: number, reviewId = randomUUID()) =>
    study.gradeCard('ann', { reviewId, cardId, rating, version, durationMs: 2000 }, MORNING, 3)

  // Simultaneous writes through two servers: PostgreSQL only. One SQLite file serves one server (docs/using.md, "Running a server"); two
  // connections in one process would deadlock on SQLite's write lock, each waiting inside the one event loop.
  const simultaneous = engine === 'postgresql' ? it : it.skip

  simultaneous('let one of two simultaneous answers to one card through, and log it once', async () => {
    const [card] = await one.studyQueue('ann', MORNING, 1)
    const results = await Promise.all([answer(one, card!.cardId, 3, 0), answer(two, card!.cardId, 1, 0)])
    expect(results.map((r) => r.kind).sort()).toEqual(['graded', 'stale'])
    // A state that exists: the race is on the version, not on the first insert.
    const graded = results.find((r) => r.kind === 'graded') as { state: { version: number } }
    const again = await Promise.all([answer(one, card!.cardId, 4, graded.state.version), answer(two, card!.cardId, 2, graded.state.version)])
    expect(again.map((r) => r.kind).sort()).toEqual(['graded', 'stale'])
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(2)
  })

  simultaneous('answer the same answer sent through both many times at once as one grade and replays', async () => {
    // Whatever the interleaving (before, during or after the other's commit), each copy is a grade or a replay.
    for (const card of await one.studyQueue('ann', MORNING, 8)) {
      const reviewId = randomUUID()
      const results = await Promise.all([one, two, one, two].map((study) => answer(study, card.cardId, 3, 0, reviewId)))
      expect(results.map((r) => (r.kind === 'graded' ? r.replayed : r.kind)).sort()).toEqual([false, true, true, true])
    }
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(8)
  })

  simultaneous('answer one review id sent through both at once as one grade and one replay', async () => {
    const [card] = await one.studyQueue('ann', MORNING, 1)
    const reviewId = randomUUID()
    const results = await Promise.all([answer(one, card!.cardId, 3, 0, reviewId), answer(two, card!.cardId, 3, 0, reviewId)])
    expect(results.map((r) => (r.kind === 'graded' ? r.replayed : r.kind)).sort()).toEqual([false, true])
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(1)
  })

  it('never serve a card graded through the other server as it was, nor skip a new card', async () => {
    const firstQueue = await one.studyQueue('ann', MORNING, 5) // server one now caches these renderings and positions
    const graded = await answer(two, firstQueue[0]!.cardId, 1, 0)
    expect(graded.kind).toBe('graded')
    const later = new Date(MORNING.getTime() + 2 * 60_000) // the Again's one-minute step is over
    const queue = await one.studyQueue('ann', later, 5)
    expect(queue[0]).toMatchObject({ cardId: firstQueue[0]!.cardId, version: 1, state: 'learning' })
    // The next new cards follow on in deck order: none skipped, none repeated.
    expect(queue.slice(1).map((c) => c.cardId)).toEqual(firstQueue.slice(1, 5).map((c) => c.cardId))
  })

  it('serve a deck loaded again by the other server with its new texts', async () => {
    const [card] = await one.studyQueue('ann', MORNING, 1) // server one caches its rendering and texts
    // What a deck load by server two's start does: new texts, and the deck's load time.
    await other.prisma.card.update({ where: { id: card!.cardId }, data: { frontEn: 'A prompt loaded by the other server?' } })
    await other.prisma.deck.updateMany({ data: { loadedAt: new Date(MORNING.getTime() + 60_000) } })
    expect((await one.studyQueue('ann', MORNING, 1))[0]!.promptHtml).toContain('A prompt loaded by the other server?')
  })

  it('forget a user on every server when one of them is told to', async () => {
    const [first] = await one.studyQueue('ann', MORNING, 1)
    for (const card of await one.studyQueue('ann', MORNING, 3)) await answer(one, card.cardId, 4, 0)
    // Server one's lower bound on the first unseen card is now past `first`.
    expect((await one.studyQueue('ann', MORNING, 1))[0]!.cardId).not.toBe(first!.cardId)
    // A change that gives `first` back its never-seen state (as undoing its only answer will), made through server two.
    await other.prisma.reviewLog.deleteMany({ where: { userId: 'ann', cardId: first!.cardId } })
    await other.prisma.cardState.delete({ where: { userId_cardId: { userId: 'ann', cardId: first!.cardId } } })
    await other.exec.write(() => forgetUserWork('ann', MORNING)) // as an undo through server two does, in its transaction
    expect((await one.studyQueue('ann', MORNING, 1))[0]!.cardId).toBe(first!.cardId)
  })
})
