/**
 * Talks on both engines (issue #19): a talk is one person's only, is kept as given and can be changed and deleted;
 * its view plans the claims in scope from the cards' states now, so an answer changes the plan on the next read.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, gradeApplied, type Engine, type TestDb } from './helpers'
import { createProgress } from '../lib/data/progress-service'
import type { Study } from '../lib/data/study-service'
import { createTalks, type Talks } from '../lib/data/talk-service'
import { createStudy } from '../lib/data/study-service'
import { talkInputSchema, type TalkInput } from '../lib/core/talk'
import { localDate } from '../lib/core/study-day'

const MORNING = new Date('2027-03-12T14:00:00Z') // 09:00 in New York, two days before the clocks go forward
const TODAY = localDate(MORNING, 'America/New_York')
const input = (o: Partial<TalkInput> = {}): TalkInput =>
  talkInputSchema(TODAY).parse({ title: 'Keynote', date: '2027-03-20', sections: ['sutskever-2023-11/01', 'sutskever-2023-11/02'], tags: [], minutesPerDay: '', ...o })

describe.each<Engine>(ENGINES)('talks on %s', (engine) => {
  let t: TestDb
  let study: Study
  let talks: Talks
  beforeEach(async () => {
    t = await freshDatabase(engine)
    study = t.study()
    talks = createTalks(t.db.exec)
    await createTestUser(t.db, 'ann')
    await createTestUser(t.db, 'bob')
  })
  afterEach(async () => t.close())

  /** A talk as its owner's list has it (the app reads talks only through the list and the talk page). */
  const stored = async (userId: string, id: string) => (await talks.list(userId)).find((x) => x.id === id) ?? null

  it('keeps a talk as given, lists a person\'s own only, changes and deletes it only for them', async () => {
    const id = await talks.create('ann', input({ minutesPerDay: 15 }), MORNING)
    expect(await stored('ann', id)).toMatchObject({ title: 'Keynote', date: '2027-03-20', sections: ['sutskever-2023-11/01', 'sutskever-2023-11/02'], tags: [], minutesPerDay: 15 })
    await talks.create('ann', input({ title: 'Earlier', date: '2027-03-15' }), MORNING)
    expect((await talks.list('ann')).map((x) => x.title)).toEqual(['Earlier', 'Keynote'])
    expect(await talks.list('bob')).toEqual([])
    expect(await stored('bob', id)).toBeNull()
    expect(await talks.view('bob', id, MORNING)).toBeNull()

    expect(await talks.update('bob', id, input({ title: 'Taken' }))).toBe(false)
    expect(await talks.remove('bob', id)).toBe(false)
    expect(await talks.update('ann', id, input({ title: 'Panel', tags: ['history'], sections: [] }))).toBe(true)
    expect(await stored('ann', id)).toMatchObject({ title: 'Panel', tags: ['history'], sections: [], minutesPerDay: null })
    expect(await talks.remove('ann', id)).toBe(true)
    expect(await stored('ann', id)).toBeNull()
  })

  it("puts a talk on the study day that holds its date's noon: with rollover 23 in London, its date is \"today\"", async () => {
    await t.db.prisma.userSettings.update({ where: { userId: 'ann' }, data: { timeZone: 'Europe/London', rolloverHour: 23 } })
    const dayBefore = new Date('2026-12-08T10:00:00Z')
    const onTheDay = new Date('2026-12-09T10:00:00Z') // in the study day that began at 23:00 on the 8th
    const talk = talkInputSchema(localDate(dayBefore, 'Europe/London')).parse({ title: 'Keynote', date: '2026-12-09', sections: ['sutskever-2023-11/01'] })
    const id = await talks.create('ann', talk, dayBefore)
    const before = (await talks.view('ann', id, dayBefore))!
    expect(before).toMatchObject({ daysLeft: 1, todayDate: '2026-12-08', talkDay: before.today + 1 })
    expect(before.plan.days.map((d) => before.dateOfDay(d.day))).toEqual(['2026-12-08'])
    const then = (await talks.view('ann', id, onTheDay))!
    expect(then).toMatchObject({ daysLeft: 0, todayDate: '2026-12-09', talkDay: then.today })
    expect(then.plan.days).toEqual([]) // not a plan row "2026-12-08 (today)"
    expect((await talks.next('ann', onTheDay))?.talk.id).toBe(id)
    expect(await talks.next('ann', new Date('2026-12-10T10:00:00Z'))).toBeNull()
  })

  it('plans the claims of two sections, and the plan follows today\'s answers', async () => {
    const id = await talks.create('ann', input(), MORNING)
    const before = (await talks.view('ann', id, MORNING))!
    expect(before.daysLeft).toBe(8)
    expect(before.sections.map((s) => s.sectionId)).toEqual(['01', '02'])
    const claimCount = before.sections.reduce((n, s) => n + s.claims.length, 0)
    expect(claimCount).toBeGreaterThan(0)
    // Nothing seen yet: every claim is at 0 on the day without the plan, and the plan begins them all.
    expect(before.belowTarget).toBe(claimCount)
    expect(before.plan.unreachable).toEqual([])
    expect(before.secondsPerCard).toBe(8)
    const todays = before.plan.days[0]!.plannedCards
    expect(todays.length).toBeGreaterThan(0)

    // Answer one of today's planned cards (Good through its steps): it is no longer planned as new today.
    const cardId = todays[0]!
    let version = 0
    for (let i = 0; i < 3; i++) {
      const r = await study.gradeCard('ann', { reviewId: randomUUID(), cardId, rating: 3, version, durationMs: 4000 }, new Date(MORNING.getTime() + i * 11 * 60_000))
      if (r.kind !== 'graded') throw new Error(r.kind)
      version = r.state.version
    }
    const after = (await talks.view('ann', id, new Date(MORNING.getTime() + 40 * 60_000)))!
    expect(after.answeredToday).toBe(1)
    expect(after.plan.days[0]!.plannedCards).not.toContain(cardId)
    expect(after.plan.cards.find((c) => c.cardId === cardId)!.withoutPlan).toBeGreaterThan(0)
    expect(after.secondsPerCard).toBe(4)
    // Another person's answers change nothing of ann's.
    expect((await talks.view('bob', id, MORNING))).toBeNull()
  })

  it('reads a talk by tag, and the next talk not yet past for the home page', async () => {
    const past = await talks.create('ann', input({ title: 'Old', date: '2027-03-12' }), MORNING)
    const tagged = await talks.create('ann', input({ title: 'History', date: '2027-03-13', sections: [], tags: ['history'] }), MORNING)
    const view = (await talks.view('ann', tagged, MORNING))!
    expect(view.sections.length).toBeGreaterThan(0)
    // Today's talk still counts; the next day it is past and the next one is shown.
    expect((await talks.next('ann', MORNING))!.talk.id).toBe(past)
    expect((await talks.next('ann', new Date('2027-03-13T14:00:00Z')))!.talk.id).toBe(tagged)
    expect(await talks.next('ann', new Date('2027-03-14T14:00:00Z'))).toBeNull()
    expect(await talks.next('bob', MORNING)).toBeNull()
  })
})

describe.each<Engine>(ENGINES)('a talk\'s planned cards in the queue on %s', (engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await freshDatabase(engine)
    await createTestUser(t.db, 'ann')
  })
  afterEach(async () => t.close())

  it('puts today\'s planned cards first though the deck order would not, and does not bury a planned sibling', async () => {
    const talks = createTalks(t.db.exec)
    const study = createStudy(t.db.exec)
    const section = (id: string) => id.startsWith('s02-')
    // Without a talk the queue begins with section 01, in deck order.
    expect(section((await study.studyQueue('ann', MORNING, 1))[0]!.cardId)).toBe(false)

    const id = await talks.create('ann', input({ sections: ['sutskever-2023-11/02'], date: '2027-03-16' }), MORNING)
    const planned = (await talks.view('ann', id, MORNING))!.plan.days[0]!.plannedCards
    expect(planned.length).toBeGreaterThan(0)
    const queue = await study.studyQueue('ann', MORNING, 50)
    expect(queue.slice(0, planned.length).map((c) => c.cardId).sort()).toEqual([...planned].sort())

    // Answering a planned card buries its unplanned siblings for the day, but not a planned one.
    const claimOf = new Map(queue.map((c) => [c.cardId, c.claim.id]))
    const pair = planned.find((a) => planned.some((b) => b !== a && claimOf.get(b) === claimOf.get(a)))
    if (pair) {
      const first = queue.find((c) => c.cardId === pair)!
      await study.gradeCard('ann', { reviewId: randomUUID(), cardId: first.cardId, rating: 4, version: 0, durationMs: 3000 }, MORNING)
      const after = (await study.studyQueue('ann', MORNING, 50)).map((c) => c.cardId)
      const sibling = planned.find((b) => b !== pair && claimOf.get(b) === claimOf.get(pair))!
      expect(after).toContain(sibling)
      // Without the talk, the same sibling is buried for the day.
      expect(await talks.remove('ann', id)).toBe(true)
      expect((await study.studyQueue('ann', MORNING, 50)).map((c) => c.cardId)).not.toContain(sibling)
    }
    expect(pair).toBeDefined()
  })
})

describe.each<Engine>(ENGINES)('a claim\'s recall on the talk page and on the map on %s', (engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await freshDatabase(engine)
    await createTestUser(t.db, 'ann')
  })
  afterEach(async () => t.close())

  it('is the same figure on both after a first day of answers, with the cards not studied counted beside it', async () => {
    const study = t.study()
    const talks = createTalks(t.db.exec)
    const progress = createProgress(t.db.exec)
    // The evening before MORNING, from 22:00 in New York: the day's 20 new cards, Easy (into review) or Good (a step).
    const evening = new Date('2027-03-12T03:00:00Z')
    const queue = await study.studyQueue('ann', evening, 20)
    expect(queue).toHaveLength(20)
    for (const [i, card] of queue.entries()) await gradeApplied(t.db, study, 'ann', card.cardId, i % 3 === 0 ? 3 : 4, new Date(evening.getTime() + (i + 10) * 60_000))

    const id = await talks.create('ann', input(), MORNING)
    const talk = (await talks.view('ann', id, MORNING))!
    const map = await progress.map('ann', MORNING)
    const onMap = new Map(map.sections.flatMap((s) => s.claims).map((c) => [c.claimId, c]))
    const claims = talk.sections.flatMap((s) => s.claims)
    const figures = (r: { weakestRetrievability: number | null; cardsCounted: number; cardsSeen: number }) => [r.weakestRetrievability, r.cardsCounted, r.cardsSeen]
    for (const c of claims) expect(figures(c.now), c.claimId).toEqual(figures(onMap.get(c.claimId)!))
    // Not vacuous: studied claims the evening before are one study day old (under 100%), others are not studied, and
    // a claim with a sibling left unseen says so beside its figure.
    const studied = claims.filter((c) => c.now.weakestRetrievability !== null)
    expect(studied.length).toBeGreaterThan(5)
    expect(studied.every((c) => c.now.weakestRetrievability! < 1 && c.now.weakestRetrievability! > 0.5)).toBe(true)
    expect(claims.some((c) => c.now.weakestRetrievability === null)).toBe(true)
    expect(studied.some((c) => c.now.cardsSeen < c.now.cardsCounted)).toBe(true)
    // Before, every claim with an unseen card read 0% "now" on the talk page; now a claim is weak on the talk's
    // day when a card is not studied or its weakest studied card is below the target then.
    for (const c of claims) expect(c.weak).toBe(c.now.cardsSeen < c.now.cardsCounted || c.withoutPlan! < talk.target)
    expect(talk.belowTarget).toBe(claims.filter((c) => c.weak).length)
  })
})

describe('the talk form', () => {
  it('refuses a date in the past at the field, a missing scope, and bad minutes', () => {
    const parse = (o: Record<string, unknown>) => talkInputSchema(TODAY).safeParse({ title: 'T', date: '2027-03-20', sections: ['sutskever-2023-11/01'], ...o })
    const issues = (o: Record<string, unknown>) => {
      const r = parse(o)
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`)
    }
    expect(issues({ date: '2027-03-11' })).toEqual(['date:errors.talkDatePast'])
    expect(parse({ date: '2027-03-12' }).success).toBe(true)
    expect(issues({ date: '2027-02-30' })).toEqual(['date:errors.talkDateFormat'])
    expect(issues({ date: '' })).toEqual(['date:errors.talkDateMissing'])
    expect(issues({ sections: [], tags: [] })).toEqual(['scope:errors.talkNoScope'])
    expect(issues({ minutesPerDay: '0' })).toEqual(['minutesPerDay:errors.talkMinutesRange'])
    expect(issues({ minutesPerDay: '2.5' })).toEqual(['minutesPerDay:errors.numberWhole'])
    expect(issues({ title: '   ' })).toEqual(['title:errors.talkTitleMissing'])
  })
})
