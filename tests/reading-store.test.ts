/**
 * The reader on both engines (issue #38): a section's review areas offer one never-begun card of each claim a
 * passage places, show begun claims as in the reviews, bring a card forgotten in an area back in the next one once
 * its step is over, say how many new cards today's limit allows, and keep each person's place, theirs only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, gradeApplied, type Engine, type TestDb } from './helpers'
import type { Study } from '../lib/data/study-service'
import { createReading, type Reading } from '../lib/data/reading-service'

const DECK = 'sutskever-2023-11'
const MORNING = new Date('2027-03-12T14:00:00Z') // 09:00 in New York
const later = (ms: number) => new Date(MORNING.getTime() + ms)

describe.each<Engine>(ENGINES)('the reader on %s', (engine) => {
  let t: TestDb
  let study: Study
  let reading: Reading
  let claims: string[]
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    reading = createReading(t.db.exec, study)
    await createTestUser(t.db, 'ann', { newPerDay: 3 })
    await createTestUser(t.db, 'bob')
    // Section 01 with a reading of two passages: its first two claims, then the rest.
    claims = (await t.db.prisma.claim.findMany({ where: { deckId: DECK, sectionId: '01', retired: false }, orderBy: { position: 'asc' } })).map((c) => c.id)
    const passage = (ids: string[]) => ({ en: ids.map((id) => `A sentence [[${id}]].`).join(' '), zh: ids.map((id) => `一句话[[${id}]]。`).join('') })
    await t.db.prisma.section.update({ where: { deckId_id: { deckId: DECK, id: '01' } }, data: { reading: JSON.stringify([passage(claims.slice(0, 2)), passage(claims.slice(2))]) } })
    // The other sections' readings taken away, so section 01 is the only one (the built-in deck has one in every section).
    await t.db.prisma.section.updateMany({ where: { deckId: DECK, id: { not: '01' } }, data: { reading: null } })
  }, 120_000)
  afterEach(async () => t.close())

  it('offers the first never-begun card of each claim of a passage, as the review screen shows it', async () => {
    const view = (await reading.areas('ann', '01', MORNING))!
    expect(view.areas.map((a) => a.claims.map((c) => c.claimId))).toEqual([claims.slice(0, 2), claims.slice(2)])
    const first = view.areas[0]!.claims[0]!
    const firstCard = await t.db.prisma.card.findFirstOrThrow({ where: { claimId: claims[0], retired: false }, orderBy: { position: 'asc' } })
    expect(first.offer).toMatchObject({ cardId: firstCard.id, version: 0, state: 'new' })
    expect(first.offer!.intervals[3]).toBe('10m')
    expect(view.newLeft).toBe(3)
    expect(await reading.areas('ann', '99', MORNING)).toBeNull()
  })

  it('brings a card forgotten in the first area back in the second once its step is over, then shows its claim as begun', async () => {
    const offered = (await reading.areas('ann', '01', MORNING))!.areas[0]!.claims.map((c) => c.offer!.cardId)
    await gradeApplied(t.db, study, 'ann', offered[0]!, 1, MORNING) // Again: back in 1 minute
    await gradeApplied(t.db, study, 'ann', offered[1]!, 3, MORNING)
    const soon = (await reading.areas('ann', '01', later(10_000)))!
    expect(soon.areas[1]!.retries).toEqual([])
    expect(soon.areas[1]!.retryAt).toBe(later(60_000).toISOString())
    expect(soon.areas[0]!.claims.map((c) => [c.offer, c.begun.map((b) => b.state)])).toEqual([[null, ['learning']], [null, ['learning']]])
    expect(soon.newLeft).toBe(1)
    const afterStep = (await reading.areas('ann', '01', later(61_000)))!
    expect(afterStep.areas[1]!.retries.map((c) => [c.cardId, c.state])).toEqual([[offered[0], 'learning']])
    expect(afterStep.areas[0]!.retries).toEqual([])
    // Answered Good there, it is the queue's again.
    await gradeApplied(t.db, study, 'ann', offered[0]!, 3, later(62_000))
    expect((await reading.areas('ann', '01', later(63_000)))!.areas[1]!.retries).toEqual([])
    // Another person's areas are untouched by Ann's answers.
    expect((await reading.areas('bob', '01', later(63_000)))!.areas[0]!.claims.map((c) => c.offer?.cardId)).toEqual(offered)
  })

  it('keeps each person\'s place: forward, to another section, not back up the section; continues after it', async () => {
    expect(await reading.place('ann')).toBeNull()
    expect(await reading.continueAt('ann')).toEqual({ started: false, next: { deckId: DECK, sectionId: '01', passage: 0 } })
    expect(await reading.reach('ann', { deckId: DECK, sectionId: '01', passage: 0 }, MORNING)).toBe('kept')
    expect(await reading.continueAt('ann')).toEqual({ started: true, next: { deckId: DECK, sectionId: '01', passage: 1 } })
    expect(await reading.reach('ann', { deckId: DECK, sectionId: '01', passage: 1 }, MORNING)).toBe('kept')
    expect(await reading.reach('ann', { deckId: DECK, sectionId: '01', passage: 0 }, MORNING)).toBe('unchanged')
    expect(await reading.place('ann')).toEqual({ deckId: DECK, sectionId: '01', passage: 1 })
    // The end of the only section with a reading: nothing more to continue.
    expect(await reading.continueAt('ann')).toEqual({ started: true, next: null })
    expect(await reading.reach('ann', { deckId: DECK, sectionId: '01', passage: 2 }, MORNING)).toBe('not-found')
    expect(await reading.reach('ann', { deckId: DECK, sectionId: '02', passage: 0 }, MORNING)).toBe('not-found')
    expect(await reading.place('bob')).toBeNull()
  })
})
