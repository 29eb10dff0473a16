/**
 * The quiz on both engines (issue #18): a quiz leaves every card state alone and counts in no limit, its answers are
 * kept once at their positions, it survives being read again mid-way, it is one person's only, and with "count
 * answers as reviews" each answer is a real grade with its version check.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study } from '../lib/data/study-service'
import { createQuiz, type Quiz, type QuizCard } from '../lib/data/quiz-service'
import { quizOptionsSchema, type QuizOptions } from '../lib/core/quiz'
import { sequentialWriteAndRead, type Executor, type Statement } from '../lib/db/sql'
import { ADVANCE } from '../lib/data/quiz-sql'

/** The executor, but a write throws when it reaches `statement`: everything that write did is to be undone. */
function failingAt(exec: Executor, statement: Statement<unknown>): Executor {
  const failing: Executor = {
    engine: exec.engine,
    writeAndRead: (work, then) => sequentialWriteAndRead(failing, work, then),
    read: (work) => exec.read(work),
    write: (work) =>
      exec.write(function* () {
        const inner = work()
        let step = inner.next()
        while (!step.done) {
          if (step.value.statement === statement) throw new Error('injected failure')
          step = inner.next(yield step.value)
        }
        return step.value
      }),
  }
  return failing
}

const MORNING = new Date('2026-03-02T14:00:00Z') // 09:00 in New York
const LATER = new Date('2026-03-02T14:05:00Z')

const options = (o: Partial<QuizOptions> & Pick<QuizOptions, 'scope'>): QuizOptions => quizOptionsSchema.parse({ length: 200, order: 'deck', ...o })

describe.each<Engine>(ENGINES)('the quiz on %s', (engine) => {
  let t: TestDb
  let study: Study
  let quiz: Quiz
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    quiz = createQuiz(t.db.exec)
    await createTestUser(t.db, 'ann')
    await createTestUser(t.db, 'bob')
  })
  afterEach(async () => t.close())

  const states = (userId: string) => t.db.prisma.cardState.findMany({ where: { userId }, orderBy: { cardId: 'asc' } })
  const answer = (userId: string, quizId: string, card: QuizCard, rating: 1 | 2 | 3 | 4, reviewId = randomUUID(), now = LATER) =>
    quiz.answer(userId, { quizId, position: card.position, reviewId, cardId: card.cardId, rating, version: card.version, durationMs: 2500 }, now)

  async function started(userId: string, o: QuizOptions, now = MORNING) {
    const result = await quiz.start(userId, o, now)
    if (result.kind !== 'started') throw new Error(`no quiz: ${result.kind}`)
    return (await quiz.view(userId, result.id))!
  }

  it('quizzes two sections in interview order, logs kind quiz, and leaves every state and the day\'s new cards alone', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    await study.gradeCard('ann', { reviewId: randomUUID(), cardId: card!.cardId, rating: 3, version: 0, durationMs: 1000 }, MORNING)
    const statesBefore = await states('ann')
    const countsBefore = await study.todayCounts('ann', LATER)

    const q = await started('ann', options({ scope: 'sections', sections: ['sutskever-2023-11/01', 'sutskever-2023-11/02'] }))
    expect(q.cards.length).toBe(q.cardCount)
    expect(new Set(q.cards.map((c) => c.section.id))).toEqual(new Set(['01', '02']))
    expect(q.cards.map((c) => c.section.id)).toEqual([...q.cards.map((c) => c.section.id)].sort())
    expect(q.cards.find((c) => c.cardId === card!.cardId)?.version).toBe(1)

    for (const c of q.cards) expect(await answer('ann', q.id, c, c.position % 2 === 0 ? 3 : 1)).toMatchObject({ kind: 'answered', replayed: false })
    expect(await states('ann')).toEqual(statesBefore)
    expect(await study.todayCounts('ann', LATER)).toEqual(countsBefore)
    const logs = await t.db.prisma.reviewLog.findMany({ where: { userId: 'ann', kind: 'quiz' } })
    expect(logs).toHaveLength(q.cardCount)
    expect(logs.find((l) => l.cardId === card!.cardId)).toMatchObject({ state: 1, versionAfter: 1 })

    const done = (await quiz.view('ann', q.id))!
    expect(done.finishedAt).toBe(LATER.toISOString())
    expect(done.cards).toEqual([])
    // Known: every card of the claim answered Hard or better; a claim with any Again is missed.
    const asked = new Map<string, number[]>()
    for (const c of q.cards) asked.set(c.claim.id, [...(asked.get(c.claim.id) ?? []), c.position % 2 === 0 ? 3 : 1])
    const known = [...asked].filter(([, ratings]) => ratings.every((r) => r >= 2)).map(([id]) => id)
    expect(done.results!.known.map((c) => c.claimId).sort()).toEqual(known.sort())
    expect(done.results!.missed.length).toBe(asked.size - known.length)
    expect(done.results!.missed[0]).toMatchObject({ deckId: 'sutskever-2023-11', sectionId: '01' })
    expect(done.results!.missed[0]!.claimHtml).toContain('lang="en"')
  })

  it('keeps an answer once: a retry is a replay, another answer at that position or out of order is a conflict', async () => {
    const q = await started('ann', options({ scope: 'all', length: 3 }))
    const [first, second] = q.cards
    const reviewId = randomUUID()
    expect(await answer('ann', q.id, first!, 3, reviewId)).toMatchObject({ kind: 'answered', replayed: false, position: 1 })
    expect(await answer('ann', q.id, first!, 3, reviewId)).toMatchObject({ kind: 'answered', replayed: true, position: 1 })
    expect(await answer('ann', q.id, first!, 4)).toEqual({ kind: 'conflict', reason: 'answered' })
    expect(await answer('ann', q.id, { ...second!, position: 2 }, 3)).toEqual({ kind: 'conflict', reason: 'out-of-order' })
    // A review id already logged (here by the first answer) is refused for another position, which stays open.
    expect(await answer('ann', q.id, second!, 3, reviewId)).toEqual({ kind: 'conflict', reason: 'review-id-reused' })
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(1)
    // Read again mid-way (a reload): it resumes at the second card.
    const resumed = (await quiz.view('ann', q.id))!
    expect(resumed).toMatchObject({ position: 1, finishedAt: null })
    expect(resumed.cards.map((c) => c.cardId)).toEqual(q.cards.slice(1).map((c) => c.cardId))
    expect((await quiz.open('ann'))?.id).toBe(q.id)
  })

  it('answers the same answer sent twice at once with one log', async () => {
    const q = await started('ann', options({ scope: 'all', length: 2 }))
    const reviewId = randomUUID()
    const results = await Promise.all([answer('ann', q.id, q.cards[0]!, 2, reviewId), answer('ann', q.id, q.cards[0]!, 2, reviewId)])
    expect(results.map((r) => r.kind)).toEqual(['answered', 'answered'])
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(1)
    expect(await t.db.prisma.quizAnswer.count({ where: { quizId: q.id } })).toBe(1)
  })

  it('is one person\'s: another can neither see, answer nor drop it', async () => {
    const q = await started('ann', options({ scope: 'all', length: 2 }))
    expect(await quiz.view('bob', q.id)).toBeNull()
    expect(await answer('bob', q.id, q.cards[0]!, 3)).toEqual({ kind: 'not-found' })
    expect(await quiz.drop('bob', q.id)).toBe(false)
    expect(await quiz.open('bob')).toBeNull()
    expect(await quiz.again('bob', q.id, LATER)).toEqual({ kind: 'not-found' })
    expect(await t.db.prisma.reviewLog.count()).toBe(0)
  })

  it('drops an unfinished quiz, and a new quiz replaces the unfinished one; the logs stay', async () => {
    const first = await started('ann', options({ scope: 'all', length: 3 }))
    await answer('ann', first.id, first.cards[0]!, 3)
    const second = await started('ann', options({ scope: 'all', coreOnly: true, length: 2 }))
    expect(await quiz.view('ann', first.id)).toBeNull()
    expect((await quiz.open('ann'))?.id).toBe(second.id)
    expect(await quiz.drop('ann', second.id)).toBe(true)
    expect(await quiz.open('ann')).toBeNull()
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann', kind: 'quiz' } })).toBe(1)
  })

  it('goes with its person: deleting the account deletes the quizzes and their answers', async () => {
    const q = await started('ann', options({ scope: 'all', length: 2 }))
    await answer('ann', q.id, q.cards[0]!, 3)
    await started('bob', options({ scope: 'all', length: 2 }))
    await t.db.prisma.user.delete({ where: { id: 'ann' } })
    expect(await t.db.prisma.quiz.count()).toBe(1)
    expect(await t.db.prisma.quizAnswer.count()).toBe(0)
  })

  it('quizzes the missed claims again with every card of them it asked', async () => {
    const q = await started('ann', options({ scope: 'sections', sections: ['sutskever-2023-11/03'] }))
    const missedClaim = q.cards[0]!.claim.id
    for (const c of q.cards) await answer('ann', q.id, c, c.claim.id === missedClaim && c.position === 0 ? 1 : 4)
    const again = await quiz.again('ann', q.id, LATER)
    expect(again.kind).toBe('started')
    const view = (await quiz.view('ann', (again as { id: string }).id))!
    expect(view.cards.map((c) => c.cardId)).toEqual(q.cards.filter((c) => c.claim.id === missedClaim).map((c) => c.cardId))
    expect(view.options).toMatchObject({ scope: 'missed', fromQuizId: q.id, countAsReviews: false })
    // Nothing missed: nothing to quiz again.
    for (const c of view.cards) await answer('ann', view.id, c, 3)
    expect(await quiz.again('ann', view.id, LATER)).toEqual({ kind: 'empty' })
  })

  it('chooses core claims, tags, claims not studied yet and the weakest seen claims', async () => {
    const claims = await t.db.prisma.claim.findMany({ where: { retired: false }, include: { cards: { where: { retired: false } } } })
    const core = await started('ann', options({ scope: 'all', coreOnly: true }))
    const coreIds = new Set(claims.filter((c) => c.importance === 'core').map((c) => c.id))
    expect(core.cards.every((c) => coreIds.has(c.claim.id))).toBe(true)
    expect(core.cardCount).toBe(Math.min(200, claims.filter((c) => coreIds.has(c.id)).reduce((n, c) => n + c.cards.length, 0)))

    const tag = (JSON.parse(claims[0]!.tags) as string[])[0]!
    const tagged = await started('ann', options({ scope: 'tags', tags: [tag] }))
    const taggedIds = new Set(claims.filter((c) => (JSON.parse(c.tags) as string[]).includes(tag)).map((c) => c.id))
    expect(new Set(tagged.cards.map((c) => c.claim.id))).toEqual(taggedIds)

    // Nothing seen: no weakest claim, every claim unstudied.
    expect(await quiz.start('ann', options({ scope: 'weakest', weakest: 3 }), MORNING)).toEqual({ kind: 'empty' })
    // Two claims seen: one answered Again, one Easy; a week later the Again one is the weaker (though first in order).
    const [a, b] = await study.studyQueue('ann', MORNING, 2)
    await study.gradeCard('ann', { reviewId: randomUUID(), cardId: a!.cardId, rating: 1, version: 0, durationMs: 1 }, MORNING)
    await study.gradeCard('ann', { reviewId: randomUUID(), cardId: b!.cardId, rating: 4, version: 0, durationMs: 1 }, MORNING)
    const weekLater = new Date('2026-03-09T14:00:00Z')
    const weakest = await started('ann', options({ scope: 'weakest', weakest: 1 }), weekLater)
    expect(new Set(weakest.cards.map((c) => c.claim.id))).toEqual(new Set([a!.claim.id]))
    const both = await started('ann', options({ scope: 'weakest', weakest: 5 }), weekLater)
    expect(new Set(both.cards.map((c) => c.claim.id))).toEqual(new Set([a!.claim.id, b!.claim.id]))
    const unstudied = await started('ann', options({ scope: 'unstudied' }))
    const ids = new Set(unstudied.cards.map((c) => c.claim.id))
    expect(ids.has(a!.claim.id) || ids.has(b!.claim.id)).toBe(false)
    expect(unstudied.cards.every((c) => c.version === 0)).toBe(true)
  })

  it('with "count answers as reviews", each answer is a real grade, checked against the version shown', async () => {
    const q = await started('ann', options({ scope: 'all', length: 2, countAsReviews: true }))
    const [first, second] = q.cards
    expect(await answer('ann', q.id, first!, 3)).toMatchObject({ kind: 'answered', position: 1 })
    const state = await t.db.prisma.cardState.findUniqueOrThrow({ where: { userId_cardId: { userId: 'ann', cardId: first!.cardId } } })
    expect(state).toMatchObject({ version: 1, state: 1 })
    expect(await t.db.prisma.reviewLog.findMany({ where: { userId: 'ann' }, select: { kind: true } })).toEqual([{ kind: 'review' }])
    expect((await study.todayCounts('ann', LATER)).new).toBe(19)
    // The second card graded elsewhere since the quiz was shown: refused as stale, the quiz stays where it was.
    await study.gradeCard('ann', { reviewId: randomUUID(), cardId: second!.cardId, rating: 3, version: 0, durationMs: 1 }, MORNING)
    expect(await answer('ann', q.id, second!, 4)).toMatchObject({ kind: 'stale', current: { version: 1 } })
    const resumed = (await quiz.view('ann', q.id))!
    expect(resumed.position).toBe(1)
    // Shown again at its new version, it is graded.
    expect(await answer('ann', q.id, resumed.cards[0]!, 4)).toMatchObject({ kind: 'answered', finished: true })
    expect((await quiz.view('ann', q.id))!.results!.known).toHaveLength(new Set([first!.claim.id, second!.claim.id]).size)
  })

  it('with "count answers as reviews", grades and records an answer in one transaction: a failure after the grade keeps neither', async () => {
    const q = await started('ann', options({ scope: 'all', length: 2, countAsReviews: true }))
    const [first] = q.cards
    const reviewId = randomUUID()
    const failing = createQuiz(failingAt(t.db.exec, ADVANCE))
    const input = { quizId: q.id, position: 0, reviewId, cardId: first!.cardId, rating: 3 as const, version: 0, durationMs: 2500 }
    await expect(failing.answer('ann', input, LATER)).rejects.toThrow('injected failure')
    // The grade ran before the failure (its state and log were written in that transaction), and went with it.
    expect(await states('ann')).toEqual([])
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(0)
    expect(await t.db.prisma.quizAnswer.count({ where: { quizId: q.id } })).toBe(0)
    expect((await quiz.view('ann', q.id))!.position).toBe(0)
    // Positive control: the same answer through the working executor writes the state, the log and the answer.
    expect(await quiz.answer('ann', input, LATER)).toEqual({ kind: 'answered', replayed: false, position: 1, finished: false })
    expect(await states('ann')).toMatchObject([{ cardId: first!.cardId, version: 1 }])
    expect(await t.db.prisma.reviewLog.findMany({ where: { userId: 'ann' }, select: { id: true, kind: true } })).toEqual([{ id: reviewId, kind: 'review' }])
    expect(await t.db.prisma.quizAnswer.count({ where: { quizId: q.id } })).toBe(1)
  })

  describe('with "count answers as reviews", a grade the study rules refuse is a plain quiz answer that says why', () => {
    const counted = async (userId = 'ann') => started(userId, options({ scope: 'all', length: 2, countAsReviews: true }))
    const quizLogs = (userId: string) => t.db.prisma.reviewLog.findMany({ where: { userId }, select: { id: true, kind: true, undone: true } })

    it('today\'s new-card limit reached: limit-reached', async () => {
      await createTestUser(t.db, 'cid', { newPerDay: 0 })
      const q = await counted('cid')
      const reviewId = randomUUID()
      expect(await answer('cid', q.id, q.cards[0]!, 3, reviewId)).toEqual({ kind: 'answered', replayed: false, position: 1, finished: false, notCounted: 'limit-reached' })
      expect(await states('cid')).toEqual([])
      expect(await quizLogs('cid')).toEqual([{ id: reviewId, kind: 'quiz', undone: false }])
    })

    it.each([
      ['buttons of another study day', 'day-changed', { day: 1 }],
      ['an answer time beyond the clock skew allowed', 'bad-time', { answeredAt: new Date(LATER.getTime() + 60 * 60_000).toISOString() }],
    ] as const)('%s: %s', async (_what, reason, extra) => {
      const q = await counted()
      const card = q.cards[0]!
      const result = await quiz.answer('ann', { quizId: q.id, position: 0, reviewId: randomUUID(), cardId: card.cardId, rating: 3, version: 0, durationMs: 1, ...extra }, LATER)
      expect(result).toMatchObject({ kind: 'answered', position: 1, notCounted: reason })
      expect(await states('ann')).toEqual([])
      expect((await quizLogs('ann')).map((l) => l.kind)).toEqual(['quiz'])
    })

    it('a review id whose review was undone: undone, and the undone review is not applied again', async () => {
      const q = await counted()
      const card = q.cards[0]!
      const reviewId = randomUUID()
      await study.gradeCard('ann', { reviewId, cardId: card.cardId, rating: 3, version: 0, durationMs: 1 }, MORNING)
      expect(await study.undo('ann', MORNING)).toMatchObject({ kind: 'undone', undoneId: reviewId })
      expect(await answer('ann', q.id, card, 3, reviewId)).toEqual({ kind: 'answered', replayed: false, position: 1, finished: false, notCounted: 'undone' })
      expect(await states('ann')).toEqual([])
      expect(await quizLogs('ann')).toEqual([{ id: reviewId, kind: 'review', undone: true }])
      // A retry of the same answer is a replay of the quiz answer.
      expect(await answer('ann', q.id, card, 3, reviewId)).toMatchObject({ kind: 'answered', replayed: true, position: 1 })
    })
  })
})
