/**
 * The card browser on both engines (issue #16): filters (text in English and Chinese, section, state, tag, suspended,
 * buried, leech), sorts, a card's info, and the browser's actions — unbury (a manual bury and a sibling burial) and
 * reset to new — each once per id, against the version shown, and undoable.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import type { Study, StudyCard } from '../lib/data/study-service'
import { createBrowse, type Browse } from '../lib/data/browse-service'
import { BROWSE_PAGE_SIZE, DEFAULT_FILTERS, parseBrowseFilters, type BrowseFilters } from '../lib/core/browse'

const MORNING = new Date('2026-03-02T14:00:00Z') // 09:00 in New York
const at = (minutes: number) => new Date(MORNING.getTime() + minutes * 60_000)

describe.each<Engine>(ENGINES)('card browser on %s', (engine) => {
  let t: TestDb
  let study: Study
  let browse: Browse
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    browse = createBrowse(t.db.exec)
    await createTestUser(t.db, 'ann')
    await createTestUser(t.db, 'bob')
  })
  afterEach(async () => t.close())

  const grade = (card: Pick<StudyCard, 'cardId' | 'version'>, rating: 1 | 2 | 3 | 4, now: Date) =>
    study.gradeCard('ann', { reviewId: randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs: 2000 }, now)
  const list = async (filters: Partial<BrowseFilters>, now = at(30), user = 'ann') => (await browse.cards(user, { ...DEFAULT_FILTERS, ...filters }, now)).cards
  const ids = async (filters: Partial<BrowseFilters>, now = at(30)) => (await list(filters, now)).map((c) => c.cardId)
  const queueIds = async (now: Date) => (await study.studyQueue('ann', now, 100)).map((c) => c.cardId)
  const change = (kind: 'bury' | 'suspend' | 'resume' | 'unbury' | 'reset', cardId: string, version: number, now: Date, id = randomUUID()) =>
    study.changeCard('ann', kind, { id, cardId, version }, now)

  it('lists every live card of the deck, and filters by text (English and Chinese), section, tag and state', async () => {
    const page = await browse.cards('ann', DEFAULT_FILTERS, MORNING)
    expect(page.total).toBe(await t.db.prisma.card.count({ where: { retired: false } }))
    expect(page.matching).toBe(page.total)
    // Page by page, every card once, in deck order; a page past the last shows the last.
    expect(page.pages).toBe(Math.ceil(page.total / BROWSE_PAGE_SIZE))
    expect(page.cards.length).toBe(BROWSE_PAGE_SIZE)
    const everyPage = []
    for (let n = 1; n <= page.pages; n++) everyPage.push(...(await browse.cards('ann', { ...DEFAULT_FILTERS, page: n }, MORNING)).cards)
    expect(everyPage.map((c) => c.position)).toEqual(everyPage.map((c) => c.position).sort((a, b) => a - b))
    expect(new Set(everyPage.map((c) => c.cardId)).size).toBe(page.total)
    expect(everyPage.length).toBe(page.total)
    expect((await browse.cards('ann', { ...DEFAULT_FILTERS, page: 99 }, MORNING)).page).toBe(page.pages)
    const some = page.cards[5]!
    // An English word of the claim, and a Chinese phrase of it: both find the card.
    const word = some.claimTextEn.split(/\s+/).find((w) => /^[a-z]{6,}$/i.test(w))!
    expect(await ids({ q: word.toUpperCase() })).toContain(some.cardId)
    const zh = some.claimTextZh.replace(/[^\p{Script=Han}]/gu, '').slice(0, 3)
    expect(await ids({ q: zh })).toContain(some.cardId)
    expect(await ids({ q: `${word} zzqqxx` })).toEqual([]) // every word must occur
    const section = await list({ section: some.section })
    expect(section.length).toBeGreaterThan(0)
    expect(section.every((c) => c.section === some.section)).toBe(true)
    const tag = some.tags[0]!
    expect((await list({ tag })).every((c) => c.tags.includes(tag))).toBe(true)

    const [a] = await study.studyQueue('ann', MORNING, 1)
    await grade(a!, 3, at(0))
    expect(await ids({ state: 'learning' })).toEqual([a!.cardId])
    expect(await ids({ state: 'new' })).not.toContain(a!.cardId)
    // Bob's browser knows nothing of Ann's answer.
    expect((await list({ state: 'learning' }, at(30), 'bob')).length).toBe(0)
  })

  it('sorts by due, difficulty and lapses, cards never seen last', async () => {
    const [a, b] = await study.studyQueue('ann', MORNING, 2)
    await grade(a!, 4, at(0)) // Easy: days away, low difficulty
    await grade(b!, 1, at(1)) // Again: a minute away, high difficulty
    const byDue = await ids({ sort: 'due' })
    expect(byDue.slice(0, 2)).toEqual([b!.cardId, a!.cardId])
    expect((await ids({ sort: 'due', dir: 'desc' })).slice(0, 2)).toEqual([a!.cardId, b!.cardId])
    expect((await ids({ sort: 'difficulty', dir: 'desc' })).slice(0, 2)).toEqual([b!.cardId, a!.cardId])
    const all = await list({ sort: 'difficulty' })
    expect(all.slice(0, 2).map((c) => c.cardId)).toEqual([a!.cardId, b!.cardId])
    expect(all.slice(2).every((c) => c.due === null && c.difficulty === null)).toBe(true)
    // Lapses: an unseen card has none; the most forgotten first when descending.
    expect((await list({ sort: 'lapses', dir: 'desc' })).every((c) => c.lapses === 0)).toBe(true)
  })

  it('finds suspended and buried cards (by hand and as siblings) and brings them back into the queue; undo buries again', async () => {
    const queue = await study.studyQueue('ann', MORNING, 3)
    const [a, b, c] = queue
    expect(await change('suspend', a!.cardId, 0, at(0))).toMatchObject({ kind: 'done' })
    expect(await change('bury', b!.cardId, 0, at(1))).toMatchObject({ kind: 'done' })
    expect(await ids({ suspended: true })).toEqual([a!.cardId])
    expect(await ids({ buried: true })).toEqual([b!.cardId])
    expect(await queueIds(at(2))).not.toContain(b!.cardId)

    const unburyId = randomUUID()
    expect(await change('unbury', b!.cardId, 0, at(3), unburyId)).toMatchObject({ kind: 'done', replayed: false })
    expect(await change('unbury', b!.cardId, 0, at(3), unburyId)).toMatchObject({ kind: 'done', replayed: true })
    expect(await change('unbury', b!.cardId, 0, at(3))).toMatchObject({ kind: 'no-change' }) // not buried any more
    expect(await ids({ buried: true })).toEqual([])
    expect(await queueIds(at(4))).toContain(b!.cardId)
    expect(await study.undo('ann', at(5), unburyId)).toMatchObject({ kind: 'undone' })
    expect(await ids({ buried: true })).toEqual([b!.cardId])

    expect(await change('resume', a!.cardId, 1, at(6))).toMatchObject({ kind: 'done' })
    expect(await ids({ suspended: true })).toEqual([])
    expect(await queueIds(at(7))).toContain(a!.cardId)

    // A sibling burial: answering c buries its claim's other new cards today; unbury brings one back.
    await grade(c!, 3, at(8))
    const siblings = (await list({ buried: true })).filter((x) => x.buried === 'sibling')
    const sibling = (await t.db.prisma.card.findMany({ where: { claimId: c!.claim.id, id: { not: c!.cardId }, retired: false } }))[0]
    if (sibling) {
      expect(siblings.map((x) => x.cardId)).toContain(sibling.id)
      expect(await queueIds(at(9))).not.toContain(sibling.id)
      expect(await change('unbury', sibling.id, 0, at(10))).toMatchObject({ kind: 'done' })
      expect(await queueIds(at(11))).toContain(sibling.id)
    }
  })

  it('resets a card to new (once, against the version shown) and undo puts its schedule back', async () => {
    const [a] = await study.studyQueue('ann', MORNING, 1)
    await grade(a!, 4, at(0))
    await grade({ cardId: a!.cardId, version: 1 }, 3, at(1)) // answered ahead: a second version
    const before = await t.db.prisma.cardState.findUnique({ where: { userId_cardId: { userId: 'ann', cardId: a!.cardId } } })
    expect(await change('reset', a!.cardId, 1, at(2))).toMatchObject({ kind: 'stale' })
    const resetId = randomUUID()
    expect(await change('reset', a!.cardId, 2, at(2), resetId)).toMatchObject({ kind: 'done', state: null })
    expect(await change('reset', a!.cardId, 2, at(2), resetId)).toMatchObject({ kind: 'done', replayed: true })
    expect(await change('reset', a!.cardId, 0, at(2))).toMatchObject({ kind: 'no-change' }) // new already
    expect(await ids({ state: 'new' })).toContain(a!.cardId)
    const log = await t.db.prisma.reviewLog.findUnique({ where: { id: resetId } })
    expect(log).toMatchObject({ kind: 'reset', rating: 0, versionAfter: 0 })
    // Its history shows the two answers and the reset.
    const info = await browse.card('ann', a!.cardId, at(3))
    expect(info!.history.map((h) => h.kind)).toEqual(['reset', 'review', 'review'])
    expect(info!.history[2]!.interval).toMatchObject({ unit: 'day' })

    expect(await study.undo('ann', at(4), resetId)).toMatchObject({ kind: 'undone', card: { cardId: a!.cardId, state: 'review' } })
    const after = await t.db.prisma.cardState.findUnique({ where: { userId_cardId: { userId: 'ann', cardId: a!.cardId } } })
    const { version: v1, updatedAt: _u1, ...fieldsBefore } = before!
    const { version: v2, updatedAt: _u2, ...fieldsAfter } = after!
    expect(fieldsAfter).toEqual(fieldsBefore)
    expect(v2).toBeGreaterThan(v1)
    const undone = await browse.card('ann', a!.cardId, at(5))
    expect(undone!.history[0]).toMatchObject({ kind: 'reset', undone: true })
    expect(undone!.retrievability).toBeGreaterThan(0.9)
    expect(await browse.card('ann', 'no-such-card', at(5))).toBeNull()
  })
})

describe('browser filters from the URL', () => {
  it('keeps what parses and names what does not', () => {
    const { filters, invalid } = parseBrowseFilters({ tag: 'scaling', state: 'sideways', sort: 'due', dir: 'desc', suspended: '1', buried: 'yes', q: ['a b', 'c'] })
    expect(filters).toMatchObject({ tag: 'scaling', state: null, sort: 'due', dir: 'desc', suspended: true, buried: false, q: 'a b' })
    expect(invalid).toEqual(['state', 'buried'])
    expect(parseBrowseFilters({ q: 'x'.repeat(201) }).invalid).toEqual(['q'])
  })
})
