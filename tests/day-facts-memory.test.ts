/**
 * The day's facts a server keeps between requests (lib/data/study-cache.ts, dayFacts; issue #34): on both engines,
 * after every kind of change to the day's log, made here or by another server, the facts read through the memory are
 * the ones the log gives read afresh; and a grade with its next cards reads the day's rows only when the memory
 * cannot answer (the first time, after a change it did not make).
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import { createStudy, gradeWork, type Study } from '../lib/data/study-service'
import { keepAnsweredDayFacts, readDayFacts, readKnownDayFacts, todayOf, type DayFactsMemory, type KnownDayFacts } from '../lib/data/study-context'
import { DAY_MS, startOfStudyDay } from '../lib/core/study-day'
import { GroupCommit } from '../lib/db/group-commit'
import { configureSqlite } from '../lib/db/prisma'
import { readSqlite, runSqlite, sequentialWriteAndRead } from '../lib/db/sql'
import { DAY_LOG } from '../lib/data/study-sql'
import type { Executor, Op, Work } from '../lib/db/sql'

const MORNING = new Date('2026-03-02T14:00:00Z') // 09:00 in New York, study day 2026-03-02
const at = (minutes: number) => new Date(MORNING.getTime() + minutes * 60_000)

/** An executor that records every statement its work runs (the data layer's own executor underneath). */
function recording(exec: Executor, statements: string[]): Executor {
  const watched = <T>(work: Work<T>): Work<T> =>
    (function* () {
      let step = work.next()
      while (!step.done) {
        statements.push((step.value as Op).statement.text)
        let result: unknown
        try {
          result = yield step.value
        } catch (err) {
          step = work.throw(err)
          continue
        }
        step = work.next(result)
      }
      return step.value
    })()
  return {
    engine: exec.engine,
    read: (work) => exec.read(() => watched(work())),
    write: (work) => exec.write(() => watched(work())),
    writeAndRead: (work, then) =>
      exec.writeAndRead(
        () => watched(work()),
        (written) => {
          const next = then(written)
          return next && watched(next)
        },
      ),
  }
}

describe.each<Engine>(ENGINES)('the day facts a server keeps, on %s', (engine) => {
  let t: TestDb
  let other: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    other = t.study() // another server: its changes reach this one only through the database
    await createTestUser(t.db, 'ann')
  })
  afterEach(async () => t.close())

  const dayOf = async (now: Date) => {
    const config = await other.config('ann')
    const day = todayOf(config, now)
    return { day, endOfDay: startOfStudyDay(day + 1, config.settings.timeZone, config.settings.rolloverHour) }
  }
  const fresh = async (now: Date) => {
    const { day, endOfDay } = await dayOf(now)
    return t.db.exec.read(() => readDayFacts('ann', day, endOfDay))
  }
  const known = async (memory: DayFactsMemory, now: Date): Promise<KnownDayFacts> => {
    const { day, endOfDay } = await dayOf(now)
    return t.db.exec.read(() => readKnownDayFacts('ann', day, endOfDay, memory))
  }
  const version = async (cardId: string) => (await t.db.prisma.cardState.findUnique({ where: { userId_cardId: { userId: 'ann', cardId } } }))?.version ?? 0

  it('are the log\'s facts after every kind of change, made here or elsewhere', async () => {
    const kept = new Map<string, KnownDayFacts>()
    const memory: DayFactsMemory = { get: (userId) => kept.get(userId), set: (userId, k) => void kept.set(userId, k) }
    const versions = new Map<string, number>()
    const versionOf = (cardId: string) => versions.get(cardId)!
    /** A grade here, as study.gradeCard makes it: the answer's entry kept once its transaction committed. */
    const gradeHere = async (cardId: string, now: Date, answeredAt?: Date, rating: 1 | 2 | 3 | 4 = 3) => {
      const graded = await t.db.exec.write(() => gradeWork('ann', { reviewId: randomUUID(), cardId, rating, version: versionOf(cardId), durationMs: 3000, ...(answeredAt ? { answeredAt: answeredAt.toISOString() } : {}) }, now, memory))
      expect(graded.result.kind).toBe('graded')
      if (graded.dayEntry) keepAnsweredDayFacts(memory, 'ann', graded.dayEntry.base, graded.dayEntry.entry, graded.dayEntry.sequence)
      return graded
    }
    const claimOf = async (cardId: string) => (await t.db.prisma.card.findUnique({ where: { id: cardId } }))!.claimId
    // A card learned (Easy) a month ago, due by now: a review whose answer counts against the day's reviews.
    const monthAgo = new Date(MORNING.getTime() - 30 * DAY_MS)
    const reviewCard = (await other.studyQueue('ann', monthAgo, 1))[0]!.cardId
    versions.set(reviewCard, 0)
    await gradeHere(reviewCard, monthAgo, undefined, 4)
    const cards = (await other.studyQueue('ann', MORNING, 12)).filter((c) => c.state === 'new').map((c) => c.cardId)
    expect(cards.length).toBeGreaterThanOrEqual(8)
    for (const id of cards) versions.set(id, await version(id))
    const check = async (now: Date, why: string) => expect((await known(memory, now)).facts, why).toEqual(await fresh(now))

    await check(at(0), 'nothing logged yet')
    // Positive control: the memory answers (the same object) when nothing changed.
    const first = await known(memory, at(0))
    expect(await known(memory, at(0))).toBe(first)

    const graded = await gradeHere(cards[0]!, at(1))
    expect(graded.dayEntry, 'the grade read the facts through the memory and returned its entry').toBeDefined()
    // The kept facts with this answer are what the next read finds, without reading the rows again.
    const afterOwn = kept.get('ann')!
    expect(await known(memory, at(1))).toBe(afterOwn)
    await check(at(1), 'after a grade here')
    expect((await fresh(at(1))).introduced).toBe(1)

    versions.set(cards[1]!, await version(cards[1]!))
    await other.gradeCard('ann', { reviewId: randomUUID(), cardId: cards[1]!, rating: 3, version: versions.get(cards[1]!)!, durationMs: 3000 }, at(2))
    await check(at(2), 'after a grade by another server')

    versions.set(cards[2]!, await version(cards[2]!))
    await gradeHere(cards[2]!, at(3))
    await check(at(3), 'after a second grade here')

    // A review due today, answered here: its kept entry counts among the day's reviews.
    versions.set(reviewCard, await version(reviewCard))
    await gradeHere(reviewCard, at(3.2))
    expect(await known(memory, at(3.2)), 'kept with the answer, not read again').toBe(kept.get('ann'))
    await check(at(3.2), 'after a review answered here')
    expect((await fresh(at(3.2))).reviewed).toBe(1)

    // Undo of a card's second answer (the first's undo would also bump the epoch): the log only marks it undone.
    versions.set(cards[0]!, await version(cards[0]!))
    await gradeHere(cards[0]!, at(3.5))
    const beforeUndo = kept.get('ann')!
    expect(await other.undo('ann', at(4))).toMatchObject({ kind: 'undone', card: { cardId: cards[0] } })
    expect((await t.db.prisma.userSettings.findUnique({ where: { userId: 'ann' } }))!.studyEpoch).toBe(beforeUndo.print.epoch)
    await check(at(4), 'after an undo elsewhere (an entry marked undone, none added)')

    const toBury = cards[3]!
    expect((await other.changeCard('ann', 'bury', { id: randomUUID(), cardId: toBury, version: await version(toBury) }, at(5))).kind).toBe('done')
    await check(at(5), 'after a bury')
    expect((await fresh(at(5))).buried.has(toBury)).toBe(true)
    expect((await other.changeCard('ann', 'unbury', { id: randomUUID(), cardId: toBury, version: await version(toBury) }, at(6))).kind).toBe('done')
    await check(at(6), 'after an unbury')

    // An answer given offline earlier and sent now is not the newest in the log's order (here: of another claim than
    // the newest answer, so the claim answered last tells the orders apart): its facts are read again.
    versions.set(cards[4]!, await version(cards[4]!))
    await gradeHere(cards[4]!, at(7))
    versions.set(cards[7]!, await version(cards[7]!))
    await gradeHere(cards[7]!, at(8), at(6.5))
    await check(at(8), 'after an answer dated before the newest entry')
    expect(await claimOf(cards[7]!)).not.toBe(await claimOf(cards[4]!))
    expect((await fresh(at(8))).lastClaimId).toBe(await claimOf(cards[4]!))

    // A grade whose transaction is undone keeps nothing.
    versions.set(cards[5]!, await version(cards[5]!))
    await expect(
      t.db.exec.write(function* () {
        yield* gradeWork('ann', { reviewId: randomUUID(), cardId: cards[5]!, rating: 3, version: versions.get(cards[5]!)!, durationMs: 3000 }, at(9), memory)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    // Another server's grade now takes the sequence the rolled-back one had: facts kept with that one would match
    // its print but not its claim.
    expect(await claimOf(cards[6]!)).not.toBe(await claimOf(cards[5]!))
    versions.set(cards[6]!, await version(cards[6]!))
    expect((await other.gradeCard('ann', { reviewId: randomUUID(), cardId: cards[6]!, rating: 3, version: versions.get(cards[6]!)!, durationMs: 3000 }, at(10))).kind).toBe('graded')
    await check(at(10), 'after a rolled-back grade here and a grade elsewhere')

    // An account restore bumps the epoch; a deck load, the decks' load time.
    await t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data: { studyEpoch: { increment: 1 } } })
    const beforeRestore = kept.get('ann')
    expect(await known(memory, at(11))).not.toBe(beforeRestore)
    await check(at(11), 'after an epoch bump')
    await t.db.prisma.deck.updateMany({ data: { loadedAt: at(12) } })
    const beforeLoad = kept.get('ann')
    expect(await known(memory, at(12))).not.toBe(beforeLoad)
    await check(at(12), 'after a deck load')

    // The next study day has facts of its own.
    const tomorrow = new Date('2026-03-03T14:00:00Z')
    await check(tomorrow, 'the next study day')
    expect((await fresh(tomorrow)).introduced).toBe(0)
  })

  it('lets a grade and its next cards skip the day\'s rows once the server knows them', async () => {
    const statements: string[] = []
    const study = createStudy(recording(t.db.exec, statements))
    const dayLogReads = () => statements.filter((s) => s === DAY_LOG.text).length
    let queue = await study.studyQueue('ann', MORNING, 3)
    expect(dayLogReads(), 'positive control: the first read of the day reads its rows').toBe(1)
    for (let i = 0; i < 6; i++) {
      const card = queue[0]!
      statements.length = 0
      const outcome = await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card.cardId, rating: 3, version: card.version, durationMs: 3000 }, at(i + 1), 3)
      expect(outcome.kind).toBe('graded')
      expect(dayLogReads(), `grade ${i + 1}: the facts came from the memory`).toBe(0)
      expect(statements.length, 'the grade and its next cards ran').toBeGreaterThan(5)
      queue = 'next' in outcome && outcome.next ? outcome.next : []
      // The next cards are a cold server's.
      expect(queue.map((c) => c.cardId)).toEqual((await t.study().studyQueue('ann', at(i + 1), 3)).map((c) => c.cardId))
    }
    // A change by another server: the next grade here reads the rows once, then knows them again.
    expect((await other.changeCard('ann', 'bury', { id: randomUUID(), cardId: queue[1]!.cardId, version: queue[1]!.version }, at(8))).kind).toBe('done')
    statements.length = 0
    const card = queue[0]!
    const outcome = await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card.cardId, rating: 3, version: card.version, durationMs: 3000 }, at(9), 3)
    expect(outcome.kind).toBe('graded')
    expect(dayLogReads()).toBe(1)
    expect(('next' in outcome ? outcome.next ?? [] : []).map((c) => c.cardId)).toEqual((await t.study().studyQueue('ann', at(9), 3)).map((c) => c.cardId))
  })

  it('after two grades of one person sent at once, the next cards and counts are a cold server\'s', async () => {
    const study = t.study()
    const [a, b, c] = await study.studyQueue('ann', MORNING, 3)
    const grade = (card: typeof a, now: Date) => study.gradeCard('ann', { reviewId: randomUUID(), cardId: card!.cardId, rating: 3, version: card!.version, durationMs: 3000 }, now, 3)
    const outcomes = await Promise.all([grade(a, at(1)), grade(b, at(1))])
    const coldNext = (await t.study().studyQueue('ann', at(1), 3)).map((card) => card.cardId)
    for (const outcome of outcomes) {
      expect(outcome.kind).toBe('graded')
      // On SQLite both are read after the one COMMIT; on PostgreSQL the first may be read before the other commits.
      if (engine === 'sqlite') expect(('next' in outcome ? outcome.next ?? [] : []).map((card) => card.cardId)).toEqual(coldNext)
    }
    // And the grade after them, and the queue after that.
    const third = await grade({ ...c!, version: 0 }, at(2))
    expect(('next' in third ? third.next ?? [] : []).map((card) => card.cardId)).toEqual((await t.study().studyQueue('ann', at(2), 3)).map((card) => card.cardId))
    expect((await study.todayCounts('ann', at(3)))).toEqual(await t.study().todayCounts('ann', at(3)))
  })
})

describe('the day facts a server keeps, when a SQLite batch fails', () => {
  let t: TestDb
  beforeEach(async () => {
    t = await freshDatabase('sqlite')
    await createTestUser(t.db, 'ann')
  })
  afterEach(async () => t.close())

  it('are not taken for the log after a read saw a change of a batch whose COMMIT then failed', async () => {
    // A server of its own on the test database, with a group commit whose batches this test can make fail.
    const sqlite = new Database(path.join(t.dir, 'test.db'))
    configureSqlite(sqlite)
    const batch = new GroupCommit(sqlite)
    const exec: Executor = {
      engine: 'sqlite',
      read: async (work) => readSqlite(sqlite, work()),
      write: (work) => batch.write(() => runSqlite(sqlite, work())),
      writeAndRead: (work, then) => sequentialWriteAndRead(exec, work, then),
    }
    try {
      const server = createStudy(exec)
      const cold = () => createStudy(exec)
      const queue = await server.studyQueue('ann', MORNING, 8)
      const x = queue[0]!
      const y = queue.find((c) => c.claim.id !== x.claim.id)!
      // A bury of X and, in the same batch, a row whose foreign key fails at COMMIT; a read (the home page's counts)
      // runs inside the open batch and sees the bury.
      const bury = server.changeCard('ann', 'bury', { id: randomUUID(), cardId: x.cardId, version: x.version }, MORNING)
      const orphan = batch.write(() => {
        sqlite.pragma('defer_foreign_keys = ON')
        sqlite.prepare(`INSERT INTO "ClaimProgress" ("userId", "claimId", "learnedAt", "learnedByReviewId") VALUES ('ann', 'no-such-claim', 0, 'x')`).run()
      })
      const counts = server.todayCounts('ann', MORNING)
      await expect(bury).rejects.toThrow(/FOREIGN KEY/)
      await expect(orphan).rejects.toThrow(/FOREIGN KEY/)
      await counts
      expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } }), 'the bury is not in the log').toBe(0)
      // Y buried instead: its entry takes the sequence the lost one had.
      expect((await server.changeCard('ann', 'bury', { id: randomUUID(), cardId: y.cardId, version: y.version }, MORNING)).kind).toBe('done')
      const mine = (await server.studyQueue('ann', MORNING, 8)).map((c) => c.cardId)
      expect(mine).toEqual((await cold().studyQueue('ann', MORNING, 8)).map((c) => c.cardId))
      expect(mine).toContain(x.cardId)
      expect(mine).not.toContain(y.cardId)
    } finally {
      sqlite.close()
    }
  })
})
