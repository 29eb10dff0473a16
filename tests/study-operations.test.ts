/**
 * The study operations on both engines (issue #15): undo through the day's answers from the log's snapshots (with a
 * sibling bury and a leech in between), bury, suspend and resume, each logged with its own kind and undoable.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study, StudyCard } from '../lib/data/study-service'
import { createBrowse } from '../lib/data/browse-service'

const MORNING = new Date('2026-03-02T14:00:00Z') // 09:00 in New York
const at = (minutes: number) => new Date(MORNING.getTime() + minutes * 60_000)

describe.each<Engine>(ENGINES)('study operations on %s', (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    await createTestUser(t.db, 'ann')
  })
  afterEach(async () => t.close())

  const grade = (card: Pick<StudyCard, 'cardId' | 'version'>, rating: 1 | 2 | 3 | 4, now: Date, reviewId = randomUUID()) =>
    study.gradeCard('ann', { reviewId, cardId: card.cardId, rating, version: card.version, durationMs: 2000 }, now, 3)
  const stateOf = (cardId: string) => t.db.prisma.cardState.findUnique({ where: { userId_cardId: { userId: 'ann', cardId } } })
  const queueIds = async (now: Date) => (await study.studyQueue('ann', now, 50)).map((c) => c.cardId)

  it('undoes every answer of the day, newest first, from the snapshots: states, sibling buries and counts come back', async () => {
    const [a, b] = await study.studyQueue('ann', MORNING, 2)
    const siblingsOfA = (await t.db.prisma.card.findMany({ where: { claimId: a!.claim.id, id: { not: a!.cardId } } })).map((c) => c.id)
    const first = randomUUID()
    await grade(a!, 3, at(0), first) // Good: learning, 10m; its siblings are buried today
    await grade(b!, 4, at(1)) // Easy: a review in days
    const second = { cardId: a!.cardId, version: 1 }
    const stateAfterFirst = await stateOf(a!.cardId)
    await grade(second, 3, at(11)) // Good again: graduates
    expect((await queueIds(at(12))).some((id) => siblingsOfA.includes(id))).toBe(false)
    expect((await study.todayCounts('ann', at(12))).new).toBe(18)

    // Newest first: a's second answer, then b's, then a's first.
    const u1 = await study.undo('ann', at(13))
    expect(u1).toMatchObject({ kind: 'undone', card: { cardId: a!.cardId, state: 'learning' } })
    const restored = await stateOf(a!.cardId)
    const { version: _v, updatedAt: _u, ...fields } = restored!
    const { version: _v2, updatedAt: _u2, ...before } = stateAfterFirst!
    expect(fields).toEqual(before) // exactly as before that answer (not ts-fsrs's rollback), with a new version
    expect(restored!.version).toBe(3)
    expect(await study.undo('ann', at(14))).toMatchObject({ kind: 'undone', card: { cardId: b!.cardId, state: 'new', version: 0 } })
    expect(await stateOf(b!.cardId)).toBeNull()
    const u3 = await study.undo('ann', at(15))
    expect(u3).toMatchObject({ kind: 'undone', undoneId: first, card: { cardId: a!.cardId, state: 'new' }, next: null })
    expect(await stateOf(a!.cardId)).toBeNull()
    expect(await study.undo('ann', at(16))).toEqual({ kind: 'nothing' })

    // Everything it caused is gone: the counts and the siblings' burying; the log keeps all three, marked undone.
    expect((await study.todayCounts('ann', at(16))).new).toBe(20)
    const queue = await study.studyQueue('ann', at(16), 50)
    expect(queue[0]!.cardId).toBe(a!.cardId)
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann', undone: true } })).toBe(3)
    // A late retry of an undone answer is answered as undone, not applied again.
    expect(await grade(a!, 3, at(17), first)).toMatchObject({ kind: 'undone' })
    expect(await stateOf(a!.cardId)).toBeNull()
  })

  it('a retried undo takes back nothing more; undo is refused when the card changed after that answer', async () => {
    const [a, b] = await study.studyQueue('ann', MORNING, 2)
    const ra = randomUUID()
    const rb = randomUUID()
    await grade(a!, 4, at(0), ra)
    await grade(b!, 4, at(1), rb)
    expect(await study.undo('ann', at(2), rb)).toMatchObject({ kind: 'undone', undoneId: rb })
    expect(await study.undo('ann', at(2), rb)).toEqual({ kind: 'nothing' }) // the retry
    expect(await stateOf(a!.cardId)).not.toBeNull()
    // Another device graded b again after the undo, so a's answer is the newest no longer... b's new one is.
    await grade({ cardId: b!.cardId, version: 0 }, 3, at(3))
    expect(await study.undo('ann', at(4), ra)).toMatchObject({ kind: 'conflict' })
  })

  it('marks a card a leech at the eighth lapse, suspends it, says so once; undo puts both back', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    let now = MORNING
    let version = 0
    await grade({ cardId: card!.cardId, version }, 4, now) // Easy: a review card
    version++
    for (let lapse = 1; lapse <= 8; lapse++) {
      const due = (await stateOf(card!.cardId))!.due
      now = new Date(due.getTime() + 60_000)
      const result = await grade({ cardId: card!.cardId, version }, 1, now) // Again on a review card: a lapse
      version++
      expect(result).toMatchObject({ kind: 'graded', ...(lapse === 8 ? { leech: true } : {}) })
      if (lapse < 8) {
        expect(result).not.toHaveProperty('leech')
        now = new Date(now.getTime() + 11 * 60_000)
        await grade({ cardId: card!.cardId, version }, 3, now) // Good after the relearning step: a review again
        version++
      }
    }
    expect(await stateOf(card!.cardId)).toMatchObject({ lapses: 8, leech: true, suspended: true })
    expect(await queueIds(new Date(now.getTime() + 11 * 60_000))).not.toContain(card!.cardId)
    const undone = await study.undo('ann', now)
    expect(undone).toMatchObject({ kind: 'undone', card: { cardId: card!.cardId, state: 'review' } })
    expect(await stateOf(card!.cardId)).toMatchObject({ lapses: 7, leech: false, suspended: false })
    expect(await queueIds(now)).toContain(card!.cardId)
  })

  it('buries a card until the next study day, and undo brings it back today', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    const id = randomUUID()
    expect(await study.changeCard('ann', 'bury', { id, cardId: card!.cardId, version: 0 }, MORNING)).toMatchObject({ kind: 'done', replayed: false })
    expect(await study.changeCard('ann', 'bury', { id, cardId: card!.cardId, version: 0 }, MORNING)).toMatchObject({ kind: 'done', replayed: true })
    expect(await queueIds(at(1))).not.toContain(card!.cardId)
    expect(await queueIds(new Date('2026-03-03T09:01:00Z'))).toContain(card!.cardId) // 04:01 the next day
    const log = await t.db.prisma.reviewLog.findUniqueOrThrow({ where: { id } })
    expect(log).toMatchObject({ kind: 'bury', rating: 0 })
    expect((await study.todayCounts('ann', at(1))).new).toBe(20) // a manual change is not an answer
    expect(await study.undo('ann', at(2))).toMatchObject({ kind: 'undone', undoneId: id, card: { cardId: card!.cardId } })
    expect(await queueIds(at(2))).toContain(card!.cardId)
  })

  it('orders entries written in one millisecond as they were written: undo takes the later, the history shows it first', async () => {
    const [a, b, c, d] = await study.studyQueue('ann', MORNING, 4)
    const bury = (card: StudyCard, version: number, now: Date, id = randomUUID()) => study.changeCard('ann', 'bury', { id, cardId: card.cardId, version }, now)
    // Both orders at one instant (the test clock stands still), so neither the kind nor the id can decide it by luck.
    const answerA = randomUUID()
    const buryB = randomUUID()
    const buryC = randomUUID()
    const answerD = randomUUID()
    expect(await grade(a!, 3, MORNING, answerA)).toMatchObject({ kind: 'graded' })
    expect(await bury(b!, 0, MORNING, buryB)).toMatchObject({ kind: 'done' })
    expect(await bury(c!, 0, at(1), buryC)).toMatchObject({ kind: 'done' })
    expect(await grade(d!, 3, at(1), answerD)).toMatchObject({ kind: 'graded' })
    const logs = await t.db.prisma.reviewLog.findMany({ where: { userId: 'ann' }, orderBy: { sequence: 'asc' } })
    expect(logs.map((l) => [l.id, l.sequence])).toEqual([[answerA, 1], [buryB, 2], [buryC, 3], [answerD, 4]])
    for (const id of [answerD, buryC, buryB, answerA]) expect(await study.undo('ann', at(2))).toMatchObject({ kind: 'undone', undoneId: id })

    // A card's history: an answer and a bury of that card in one millisecond, the bury (written later) first.
    const [e] = await study.studyQueue('ann', at(3), 1)
    expect(await grade(e!, 3, at(3))).toMatchObject({ kind: 'graded' })
    expect(await bury(e!, 1, at(3))).toMatchObject({ kind: 'done' })
    const info = await createBrowse(t.db.exec).card('ann', e!.cardId, at(4))
    expect(info!.history.slice(0, 2).map((h) => [h.kind, h.undone])).toEqual([['bury', false], ['review', false]])
  })

  it('suspends a new card and a review card until resumed, each change logged and undoable', async () => {
    const [fresh, reviewed] = await study.studyQueue('ann', MORNING, 2)
    await grade(reviewed!, 4, MORNING)
    const reviewState = await stateOf(reviewed!.cardId)
    expect(await study.changeCard('ann', 'suspend', { id: randomUUID(), cardId: fresh!.cardId, version: 0 }, at(1))).toMatchObject({ kind: 'done' })
    expect(await study.changeCard('ann', 'suspend', { id: randomUUID(), cardId: reviewed!.cardId, version: 1 }, at(2))).toMatchObject({ kind: 'done', state: { version: 2 } })
    const later = new Date(reviewState!.due.getTime() + 60_000)
    expect(await queueIds(later)).not.toContain(fresh!.cardId)
    expect(await queueIds(later)).not.toContain(reviewed!.cardId)
    expect(await study.changeCard('ann', 'resume', { id: randomUUID(), cardId: reviewed!.cardId, version: 2 }, at(3))).toMatchObject({ kind: 'done', state: { version: 3 } })
    expect(await stateOf(reviewed!.cardId)).toMatchObject({ suspended: false, due: reviewState!.due, stability: reviewState!.stability })
    expect(await study.changeCard('ann', 'resume', { id: randomUUID(), cardId: fresh!.cardId, version: 1 }, at(4))).toMatchObject({ kind: 'done', state: null })
    expect(await stateOf(fresh!.cardId)).toBeNull() // a new card again
    expect(await queueIds(at(5))).toContain(fresh!.cardId)
    expect(await study.changeCard('ann', 'resume', { id: randomUUID(), cardId: fresh!.cardId, version: 0 }, at(5))).toMatchObject({ kind: 'no-change' })
    expect((await t.db.prisma.reviewLog.findMany({ where: { userId: 'ann' }, orderBy: { sequence: 'asc' } })).map((l) => l.kind)).toEqual(['review', 'suspend', 'suspend', 'resume', 'resume'])
    // Undo goes back through the manual changes too: the resume, then the suspend before it.
    await study.undo('ann', at(6))
    expect(await stateOf(fresh!.cardId)).toMatchObject({ suspended: true, state: 0 })
    await study.undo('ann', at(7))
    expect(await stateOf(reviewed!.cardId)).toMatchObject({ suspended: true })
    expect(await study.changeCard('ann', 'suspend', { id: randomUUID(), cardId: reviewed!.cardId, version: 1 }, at(8))).toMatchObject({ kind: 'stale' })
  })
})
