/**
 * The Anki package's data on both engines (issue #36): one person's states, today's buried cards and their answers and
 * resets, nobody else's; undone answers left out; each answer's interval read from the state it wrote.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study, StudyCard } from '../lib/data/study-service'
import { createAnkiExport } from '../lib/data/anki-export-service'
import { CardQueue, CardType, RevlogType } from '../lib/core/anki-package'
import { TEST_LABELS } from '../lib/core/anki-fixtures'

const MORNING = new Date('2026-03-02T14:00:00Z') // 09:00 in New York
const at = (minutes: number) => new Date(MORNING.getTime() + minutes * 60_000)

describe.each<Engine>(ENGINES)('Anki package data on %s', (engine) => {
  let t: TestDb
  let study: Study
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    await createTestUser(t.db, 'ann')
    await createTestUser(t.db, 'bob')
  })
  afterEach(async () => t.close())

  const grade = (user: string, card: Pick<StudyCard, 'cardId' | 'version'>, rating: 1 | 2 | 3 | 4, now: Date, reviewId = randomUUID()) =>
    study.gradeCard(user, { reviewId, cardId: card.cardId, rating, version: card.version, durationMs: 2000 + rating }, now)

  it('holds this person’s schedule and answers: undone ones left out, a reset as manual, buried and suspended cards out of the queue', async () => {
    const [a, b, c, d] = await study.studyQueue('ann', MORNING, 4)
    await grade('ann', a!, 1, at(0))
    await grade('ann', { cardId: a!.cardId, version: 1 }, 3, at(1))
    await grade('ann', b!, 3, at(2))
    const undone = randomUUID()
    await grade('ann', c!, 4, at(3), undone)
    expect(await study.undo('ann', at(4), undone)).toMatchObject({ kind: 'undone' })
    await grade('ann', { cardId: b!.cardId, version: 1 }, 4, at(5))
    expect(await study.changeCard('ann', 'reset', { id: randomUUID(), cardId: b!.cardId, version: 2 }, at(6))).toMatchObject({ kind: 'done' })
    expect(await study.changeCard('ann', 'suspend', { id: randomUUID(), cardId: d!.cardId, version: 0 }, at(7))).toMatchObject({ kind: 'done' })
    const [bobsCard] = await study.studyQueue('bob', MORNING, 1)
    await grade('bob', bobsCard!, 3, at(0))

    const exporter = createAnkiExport(t.db.exec)
    const col = await exporter.collection('ann', 'en', TEST_LABELS, at(8))
    const cardOf = (cardId: string) => {
      const note = col.notes.find((n) => n.guid === `keyclaims:en:${cardId.replace(/\.c\d+$/, '')}`)!
      const ord = /\.c(\d+)$/.exec(cardId) ? Number(/\.c(\d+)$/.exec(cardId)![1]) - 1 : 0
      return col.cards.find((x) => x.nid === note.id && x.ord === ord)!
    }
    expect(col.cards).toHaveLength(await t.db.prisma.card.count({ where: { retired: false } }))

    // Four answers and a reset (the undone answer left out), in the order given; bob's none of them.
    expect(col.revlog.map((r) => [r.cid, r.ease, r.type])).toEqual([
      [cardOf(a!.cardId).id, 1, RevlogType.Learning],
      [cardOf(a!.cardId).id, 3, RevlogType.Learning],
      [cardOf(b!.cardId).id, 3, RevlogType.Learning],
      [cardOf(b!.cardId).id, 4, RevlogType.Learning],
      [cardOf(b!.cardId).id, 0, RevlogType.Manual],
    ])
    expect(col.revlog.map((r) => r.id)).toEqual([0, 1, 2, 5, 6].map((m) => at(m).getTime()))
    // Again on a new card: the first learning step (1 minute); Good then: the second (10 minutes).
    expect(col.revlog.slice(0, 2).map((r) => r.ivl)).toEqual([-60, -600])
    expect(col.revlog[4]).toMatchObject({ factor: 0, time: 0 })

    expect(cardOf(a!.cardId)).toMatchObject({ type: CardType.Learn, queue: CardQueue.Learn, due: Math.floor(at(11).getTime() / 1000), reps: 2 })
    expect(JSON.parse(cardOf(a!.cardId).data)).toMatchObject({ dr: 0.9, lrt: Math.floor(at(1).getTime() / 1000) })
    // Reset to new, and its claim answered today: held back today as the queue holds it (a buried sibling).
    expect(cardOf(b!.cardId)).toMatchObject({ type: CardType.New, queue: CardQueue.SchedBuried })
    expect(cardOf(c!.cardId)).toMatchObject({ type: CardType.New })
    expect(cardOf(d!.cardId)).toMatchObject({ type: CardType.New, queue: CardQueue.Suspended })

    // Bob's package has his one answer only.
    const bobs = await exporter.collection('bob', 'zh', TEST_LABELS, at(8))
    expect(bobs.revlog).toHaveLength(1)
    expect(bobs.notes[0]!.guid.startsWith('keyclaims:zh:')).toBe(true)
  })

  it('gives each answer its own interval when the card’s versions start again after a reset', async () => {
    const [card] = await study.studyQueue('ann', MORNING, 1)
    await grade('ann', card!, 4, at(0)) // Easy on a new card: a review, days away
    expect(await study.changeCard('ann', 'reset', { id: randomUUID(), cardId: card!.cardId, version: 1 }, at(1))).toMatchObject({ kind: 'done' })
    // Versions 1 and 2 again, from a never-seen card.
    await grade('ann', { cardId: card!.cardId, version: 0 }, 1, at(2))
    await grade('ann', { cardId: card!.cardId, version: 1 }, 3, at(3))

    const col = await createAnkiExport(t.db.exec).collection('ann', 'en', TEST_LABELS, at(4))
    expect(col.revlog.map((r) => [r.ease, r.type])).toEqual([
      [4, RevlogType.Learning],
      [0, RevlogType.Manual],
      [1, RevlogType.Learning],
      [3, RevlogType.Learning],
    ])
    // The Easy answer's own interval (days), not the later Again's first step (-60 s) that also wrote version 1.
    expect(col.revlog[0]!.ivl).toBeGreaterThan(0)
    expect(col.revlog[0]!.factor).toBeGreaterThan(0)
    expect(col.revlog.slice(2).map((r) => r.ivl)).toEqual([-60, -600])
  })
})
