/**
 * "Quiz this talk" on both engines (issue #31): a talk's quiz asks the talk's claims, the weakest first, is linked to
 * the talk and listed with it ("knew k of n claims"), and only for its owner; the quiz outlives a deleted talk.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study } from '../lib/data/study-service'
import { createQuiz, type Quiz } from '../lib/data/quiz-service'
import { createTalks, type Talks } from '../lib/data/talk-service'
import { talkInputSchema } from '../lib/core/talk'
import { localDate } from '../lib/core/study-day'
import { TALK_QUIZ_CARDS } from '../lib/core/quiz'

const MORNING = new Date('2027-03-12T14:00:00Z')
const LATER = new Date('2027-03-12T14:05:00Z')
const SECTION = 'sutskever-2023-11/02'

describe.each<Engine>(ENGINES)('a talk\'s quiz on %s', (engine) => {
  let t: TestDb
  let study: Study
  let quiz: Quiz
  let talks: Talks
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    quiz = createQuiz(t.db.exec)
    talks = createTalks(t.db.exec)
    await createTestUser(t.db, 'ann')
    await createTestUser(t.db, 'bob')
  })
  afterEach(async () => t.close())

  const newTalk = (userId: string) =>
    talks.create(userId, talkInputSchema(localDate(MORNING, 'America/New_York')).parse({ title: 'Keynote', date: '2027-03-20', sections: [SECTION], minutesPerDay: '' }), MORNING)

  it('asks the talk\'s claims weakest first, lists the quiz with the talk for its owner only, and keeps it when the talk goes', async () => {
    // The section's first claim, studied just now, is the strongest: in interview order it would come first; weakest
    // first it comes after every claim not studied.
    const strong = await t.db.prisma.card.findFirstOrThrow({ where: { deckId: 'sutskever-2023-11', claim: { sectionId: '02' }, retired: false }, orderBy: { position: 'asc' } })
    const graded = await study.gradeCard('ann', { reviewId: randomUUID(), cardId: strong.id, rating: 4, version: 0, durationMs: 1000 }, MORNING)
    expect(graded).toMatchObject({ kind: 'graded' })
    const talkId = await newTalk('ann')

    expect(await quiz.startForTalk('bob', talkId, LATER)).toEqual({ kind: 'not-found' })
    const started = await quiz.startForTalk('ann', talkId, LATER)
    if (started.kind !== 'started') throw new Error(started.kind)
    const q = (await quiz.view('ann', started.id))!
    expect(q.talkId).toBe(talkId)
    expect(q.options).toMatchObject({ scope: 'talk', talkId, sections: [SECTION], order: 'weakest', countAsReviews: false })
    expect(q.cards.length).toBe(Math.min(TALK_QUIZ_CARDS, q.cardCount))
    expect(q.cards.length).toBeGreaterThan(0)
    expect(new Set(q.cards.map((c) => `${c.section.deckId}/${c.section.id}`))).toEqual(new Set([SECTION]))
    expect(q.cards.map((c) => c.claim.id)).not.toContain(strong.claimId) // the section has more than 20 cards of other claims

    // Nobody else sees it, before or after; before it is finished it knew 0 of 0.
    expect(await quiz.forTalk('bob', talkId)).toEqual([])
    expect(await quiz.forTalk('ann', talkId)).toMatchObject([{ id: q.id, claimsKnown: 0, claimsAsked: 0, finishedAt: null }])

    for (const c of q.cards) {
      const rating = c.position === 0 ? 1 : 3 // the first claim is missed, the rest known
      const result = await quiz.answer('ann', { quizId: q.id, position: c.position, reviewId: randomUUID(), cardId: c.cardId, rating, version: c.version, durationMs: 2000 }, LATER)
      expect(result).toMatchObject({ kind: 'answered' })
    }
    const done = (await quiz.view('ann', q.id))!
    const asked = done.results!.known.length + done.results!.missed.length
    expect(done.results!.missed.length).toBe(1)
    const [listed] = await quiz.forTalk('ann', talkId)
    expect(listed).toMatchObject({ id: q.id, claimsKnown: asked - 1, claimsAsked: asked, talkId })
    expect(listed!.finishedAt).not.toBeNull()
    expect(await quiz.forTalk('bob', talkId)).toEqual([])

    // The missed ones again belong to the talk too.
    const again = await quiz.again('ann', q.id, LATER)
    if (again.kind !== 'started') throw new Error(again.kind)
    expect(new Set((await quiz.forTalk('ann', talkId)).map((x) => x.id))).toEqual(new Set([again.id, q.id]))

    // Bob cannot delete it away; when Ann deletes the talk, the quiz and its results stay, unlinked.
    expect(await talks.remove('bob', talkId)).toBe(false)
    expect(await talks.remove('ann', talkId)).toBe(true)
    const kept = (await quiz.view('ann', q.id))!
    expect(kept.talkId).toBeNull()
    expect(kept.results!.missed.length).toBe(1)
  })
})
