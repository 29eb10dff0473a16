import { describe, expect, it } from 'vitest'
import { studyDay } from './study-day'
import type { SchedulingState } from './card-state'
import { buildAnkiNotes, type AnkiCardSource } from './anki-notes'
import { TEST_LABELS as labels, testSettings } from './anki-fixtures'
import {
  ankiCardSchedule,
  ankiCollection,
  CardQueue,
  CardType,
  collectionClock,
  DECK_CONFIG_ID,
  revlogRows,
  RevlogType,
  type AnkiCardState,
  type AnkiLogEntry,
  type CardScheduleContext,
} from './anki-package'

const TZ = 'Europe/Berlin'
const settings = testSettings(TZ)
// 2026-12-01 04:00 in Berlin (UTC+1) starts that study day.
const day1 = studyDay(new Date('2026-12-01T12:00:00Z'), TZ, 4)
const ctx: CardScheduleContext = { ...settings, crtDay: day1 }

const state = (fields: Partial<AnkiCardState>): AnkiCardState => ({
  due: new Date('2026-12-01T03:00:00Z'),
  stability: 0,
  difficulty: 0,
  elapsedDays: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reps: 0,
  lapses: 0,
  state: 0,
  lastReview: null,
  suspended: false,
  ...fields,
})

describe('a card’s state as Anki’s queue, type and due', () => {
  it('a card never seen is new, due at its place in the deck order', () => {
    expect(ankiCardSchedule(null, 7, null, ctx)).toEqual({ type: CardType.New, queue: CardQueue.New, due: 7, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, data: '{}' })
  })

  it('a review card is due on its study day counted from the collection’s creation, with its interval and memory state', () => {
    const review = state({ state: 2, due: new Date('2026-12-11T03:00:00Z'), scheduledDays: 10, stability: 12.345678, difficulty: 5.4321, reps: 4, lapses: 1, lastReview: new Date('2026-12-01T09:00:00Z') })
    expect(ankiCardSchedule(review, 3, null, ctx)).toEqual({
      type: CardType.Review,
      queue: CardQueue.Review,
      due: 10,
      ivl: 10,
      factor: 2500,
      reps: 4,
      lapses: 1,
      left: 0,
      data: JSON.stringify({ s: 12.3457, d: 5.432, dr: 0.9, decay: 0.154, lrt: Date.parse('2026-12-01T09:00:00Z') / 1000 }),
    })
    // FSRS-5's 19 weights have no decay of their own.
    expect(JSON.parse(ankiCardSchedule(review, 3, null, { ...ctx, weights: settings.weights.slice(0, 19) }).data)).not.toHaveProperty('decay')
  })

  it('a learning step is due at its instant in epoch seconds, with the steps still to go', () => {
    const due = new Date('2026-12-01T09:10:00Z')
    const learning = state({ state: 1, due, learningSteps: 1, stability: 1.2, difficulty: 6, reps: 1, lastReview: new Date('2026-12-01T09:00:00Z') })
    expect(ankiCardSchedule(learning, 1, null, ctx)).toMatchObject({ type: CardType.Learn, queue: CardQueue.Learn, due: due.getTime() / 1000, ivl: 0, left: 1 })
  })

  it('a step that ends on a later day is in the day-learning queue, due by day', () => {
    const learning = state({ state: 1, due: new Date('2026-12-03T03:00:00Z'), scheduledDays: 2, learningSteps: 1, stability: 2, difficulty: 6 })
    expect(ankiCardSchedule(learning, 1, null, ctx)).toMatchObject({ type: CardType.Learn, queue: CardQueue.DayLearn, due: 2 })
  })

  it('a relearning card keeps a day’s interval at least, its steps from the relearning steps', () => {
    const relearning = state({ state: 3, due: new Date('2026-12-01T09:10:00Z'), stability: 3, difficulty: 7, lapses: 2 })
    expect(ankiCardSchedule(relearning, 1, null, ctx)).toMatchObject({ type: CardType.Relearn, queue: CardQueue.Learn, ivl: 1, left: 1, lapses: 2 })
  })

  it('suspended and buried cards keep their type and leave the queue', () => {
    const review = state({ state: 2, due: new Date('2026-12-05T03:00:00Z'), scheduledDays: 4, stability: 4, difficulty: 5 })
    expect(ankiCardSchedule({ ...review, suspended: true }, 1, 'manual', ctx)).toMatchObject({ type: CardType.Review, queue: CardQueue.Suspended })
    expect(ankiCardSchedule(review, 1, 'manual', ctx)).toMatchObject({ type: CardType.Review, queue: CardQueue.UserBuried })
    expect(ankiCardSchedule(review, 1, 'sibling', ctx)).toMatchObject({ type: CardType.Review, queue: CardQueue.SchedBuried })
    expect(ankiCardSchedule(state({ suspended: true }), 5, null, ctx)).toMatchObject({ type: CardType.New, queue: CardQueue.Suspended, due: 5 })
  })
})

const s = (fields: Partial<SchedulingState>): SchedulingState => ({ ...state(fields), ...fields })

describe('the revlog', () => {
  const cardIds = new Map([
    ['a', 1001],
    ['b', 1002],
  ])
  const at = (iso: string) => new Date(iso)
  const answer = (cardId: string, iso: string, fields: Partial<AnkiLogEntry> = {}): AnkiLogEntry => ({
    cardId,
    kind: 'review',
    rating: 3,
    answeredAt: at(iso),
    durationMs: 4200,
    before: null,
    after: s({ state: 1, due: new Date(at(iso).getTime() + 600_000), stability: 2.3, difficulty: 5.5, lastReview: at(iso) }),
    ...fields,
  })

  it('takes each answer’s time in ms as its id, moved on by 1 ms where two collide', () => {
    const rows = revlogRows([answer('a', '2026-12-01T09:00:00.000Z'), answer('b', '2026-12-01T09:00:00.000Z'), answer('a', '2026-12-01T09:00:00.001Z')], cardIds)
    const t = Date.parse('2026-12-01T09:00:00.000Z')
    expect(rows.map((r) => [r.id, r.cid])).toEqual([
      [t, 1001],
      [t + 1, 1002],
      [t + 2, 1001],
    ])
  })

  it('logs the button, intervals (negative seconds for a step), FSRS difficulty as factor, time taken and the type', () => {
    const review = answer('a', '2026-12-10T09:00:00Z', {
      rating: 1,
      durationMs: 61_000.4,
      before: s({ state: 2, scheduledDays: 9, stability: 9, difficulty: 5 }),
      after: s({ state: 3, due: at('2026-12-10T09:10:00Z'), stability: 2, difficulty: 7 }),
    })
    const [first, second] = revlogRows([answer('a', '2026-12-01T09:00:00Z'), review], cardIds)
    expect(first).toEqual({ id: Date.parse('2026-12-01T09:00:00Z'), cid: 1001, usn: -1, ease: 3, ivl: -600, lastIvl: 0, factor: Math.round((4.5 / 9 + 0.1) * 1000), time: 4200, type: RevlogType.Learning })
    expect(second).toMatchObject({ ease: 1, ivl: -600, lastIvl: 9, factor: Math.round((6 / 9 + 0.1) * 1000), time: 61000, type: RevlogType.Review })
  })

  it('logs a reset as Anki’s manual entry: type 4, no button, factor 0, the interval it had', () => {
    const reset = answer('b', '2026-12-05T09:00:00Z', { kind: 'reset', rating: 0, durationMs: 0, before: s({ state: 2, scheduledDays: 12, stability: 12, difficulty: 4 }), after: s({ state: 0 }) })
    expect(revlogRows([reset], cardIds)).toEqual([{ id: Date.parse('2026-12-05T09:00:00Z'), cid: 1002, usn: -1, ease: 0, ivl: 0, lastIvl: 12, factor: 0, time: 0, type: RevlogType.Manual }])
  })

  it('leaves out entries of cards not in the package', () => {
    expect(revlogRows([answer('gone', '2026-12-01T09:00:00Z')], cardIds)).toEqual([])
  })
})

describe('the collection', () => {
  const base = { deckTitleEn: 'D', deckTitleZh: 'D', sectionTitleEn: 'S', sectionTitleZh: 'S', claimTextEn: 'c', claimTextZh: 'c', whyEn: 'w', whyZh: 'w', importance: 'core', tags: ['t'], backEn: '', backZh: '' }
  const cards: AnkiCardSource[] = [
    { ...base, sectionId: '01', cardId: 'q1', noteId: 'q1', kind: 'basic', ordinal: 0, position: 1, frontEn: 'Q?', frontZh: 'Q?', backEn: 'A', backZh: 'A' },
    { ...base, sectionId: '02', cardId: 'z1.c1', noteId: 'z1', kind: 'cloze', ordinal: 1, position: 2, frontEn: '{{c1::a}} {{c2::b}}', frontZh: '{{c1::a}} {{c2::b}}' },
    { ...base, sectionId: '02', cardId: 'z1.c2', noteId: 'z1', kind: 'cloze', ordinal: 2, position: 3, frontEn: '{{c1::a}} {{c2::b}}', frontZh: '{{c1::a}} {{c2::b}}' },
  ]
  const notes = buildAnkiNotes(cards, 'en', labels)
  const now = new Date('2026-12-06T12:00:00Z')
  const today = studyDay(now, TZ, 4)

  it('for a person who never studied is the deck alone: every card new in deck order, no revlog, created today', () => {
    const col = ankiCollection({ notes, states: new Map(), buried: new Map(), log: [], settings, today, now })
    expect(col.notes).toHaveLength(2)
    expect(col.notes[1]).toMatchObject({ guid: 'keyclaims:en:z1', flds: '{{c1::a}} {{c2::b}}\x1f' + notes[1]!.fields[1], sfld: '{{c1::a}} {{c2::b}}', tags: ' t core ' })
    expect(col.cards.map((c) => [c.ord, c.type, c.queue, c.due])).toEqual([
      [0, 0, 0, 1],
      [0, 0, 0, 2],
      [1, 0, 0, 3],
    ])
    expect(col.revlog).toEqual([])
    expect(collectionClock([], settings, today).crtSeconds).toBe(col.col.crt)
    expect(col.col.crt).toBe(Date.parse('2026-12-06T03:00:00Z') / 1000)
    expect(JSON.parse(col.col.conf)).toMatchObject({ schedVer: 2, rollover: 4, creationOffset: -60 })
    // The deck options: a preset of their own (not id 1, the Default preset every collection has), which every deck uses.
    expect(Object.keys(JSON.parse(col.col.dconf))).toEqual([String(DECK_CONFIG_ID)])
    expect(DECK_CONFIG_ID).not.toBe(1)
    expect(Object.values(JSON.parse(col.col.decks) as Record<string, { conf: number }>).every((d) => d.conf === DECK_CONFIG_ID)).toBe(true)
    expect(JSON.parse(col.col.dconf)[DECK_CONFIG_ID]).toMatchObject({
      id: DECK_CONFIG_ID,
      name: 'Keyclaims',
      new: { delays: [1, 10], perDay: 20, bury: true },
      rev: { perDay: 200, maxIvl: 36500 },
      lapse: { delays: [10], leechAction: 0, leechFails: 8 },
      desiredRetention: 0.9,
      fsrsParams6: settings.weights,
    })
    expect(JSON.parse(col.col.dconf)[DECK_CONFIG_ID]).not.toHaveProperty('fsrsParams5')
    // FSRS-5's 19 weights are Anki's fsrsParams5, not FSRS-6's.
    const fsrs5 = ankiCollection({ notes, states: new Map(), buried: new Map(), log: [], settings: { ...settings, weights: settings.weights.slice(0, 19) }, today, now })
    expect(JSON.parse(fsrs5.col.dconf)[DECK_CONFIG_ID]).toMatchObject({ fsrsParams5: settings.weights.slice(0, 19) })
    expect(JSON.parse(fsrs5.col.dconf)[DECK_CONFIG_ID]).not.toHaveProperty('fsrsParams6')
    const decks = Object.values(JSON.parse(col.col.decks) as Record<string, { name: string }>).map((d) => d.name)
    expect(decks.sort()).toEqual(['Default', 'Keyclaims', 'Keyclaims::D', 'Keyclaims::D::01 S', 'Keyclaims::D::02 S'])
    const models = JSON.parse(col.col.models) as Record<string, { name: string; originalStockKind: number; flds: { name: string }[] }>
    // Made from Anki's stock Basic (1) and Cloze (5), as Anki's own are marked.
    expect(Object.values(models).map((m) => [m.name, m.originalStockKind, m.flds.map((f) => f.name)])).toEqual([
      ['Basic', 1, ['Front', 'Back']],
      ['Cloze', 5, ['Text', 'Back Extra']],
    ])
  })

  it('with progress counts due days from the first answer’s study day', () => {
    const answeredAt = new Date('2026-12-01T09:00:00Z')
    const review = state({ state: 2, due: new Date('2026-12-08T03:00:00Z'), scheduledDays: 7, stability: 7, difficulty: 5, reps: 1, lastReview: answeredAt })
    const log: AnkiLogEntry[] = [{ cardId: 'q1', kind: 'review', rating: 4, answeredAt, durationMs: 3000, before: null, after: review }]
    const col = ankiCollection({ notes, states: new Map([['q1', review]]), buried: new Map(), log, settings, today, now })
    expect(col.col.crt).toBe(Date.parse('2026-12-01T03:00:00Z') / 1000)
    expect(col.cards[0]).toMatchObject({ type: 2, queue: 2, due: 7, ivl: 7 })
    expect(col.revlog).toEqual([{ id: answeredAt.getTime(), cid: col.cards[0]!.id, usn: -1, ease: 4, ivl: 7, lastIvl: 0, factor: 544, time: 3000, type: 0 }])
  })
})
