/**
 * The deck with the person's schedule as the rows of an Anki collection (issue #36): the older package layout that
 * Anki still imports, a collection at schema 11 (rslib/src/storage/schema11.sql). Pure: the server writes these rows
 * into SQLite and zips them (lib/server/anki-package-file.ts).
 *
 * What each of our fields becomes, as Anki reads it (rslib/src/card/mod.rs, rslib/src/revlog/mod.rs):
 * - a card's type and queue from its state (new 0, learning 1, review 2, relearning 3; queue −1 suspended, −2 buried
 *   with a sibling, −3 buried by hand, 3 a learning step that ends on a later day);
 * - its due: a new card's place in the deck order; a learning step's instant in epoch seconds; a review's (or a day-long
 *   step's) study day, counted from the collection's creation day (`crt`, the start of a study day in the person's zone
 *   and rollover hour, which the collection's config carries so that Anki counts days as we do);
 * - the FSRS memory state in the card's `data` as Anki 23.10+ keeps it (`s` stability, `d` difficulty, `dr` desired
 *   retention, `decay` FSRS-6's decay (its last weight), `lrt` the last review in epoch seconds;
 *   rslib/src/storage/card/data.rs, rounded as Anki rounds them);
 * - every answer in `revlog`: id the answer time in ms (moved on by 1 ms where two collide), ease the button, ivl and
 *   lastIvl (days, or negative seconds for a step), factor (FSRS difficulty as Anki logs it, 100–1100), time taken,
 *   type by the state answered (learning 0, review 1, relearning 2); a reset is Anki's manual entry (type 4, ease 0,
 *   factor 0, as `Forget` writes it). Undone answers, quiz answers and the other manual changes are left out.
 */
import { CardStateKind, type SchedulingState } from './card-state'
import { ROOT_DECK, type AnkiNote } from './anki-notes'
import { startOfStudyDay, studyDay, wallClockMs } from './study-day'

/** A card's stored state with the person's flags on it. */
export type AnkiCardState = SchedulingState & { suspended: boolean }

/** One log entry to export: an answer (`review`) or a reset, not undone, with the states before and after it. */
export type AnkiLogEntry = {
  cardId: string
  kind: 'review' | 'reset'
  /** 1 Again … 4 Easy; 0 for a reset. */
  rating: number
  answeredAt: Date
  durationMs: number
  /** The state answered (null: a new card never seen). */
  before: SchedulingState | null
  /** The state the entry wrote (null when no record of it is left). */
  after: SchedulingState | null
}

export type AnkiScheduleSettings = {
  timeZone: string
  rolloverHour: number
  newPerDay: number
  maxReviewsPerDay: number
  learningStepsMinutes: number[]
  relearningStepsMinutes: number[]
  desiredRetention: number
  maximumIntervalDays: number
  burySiblings: boolean
  leechThreshold: number
  /** The FSRS weights the person's schedule uses (21 for FSRS-6). */
  weights: readonly number[]
}

export type AnkiPackageInput = {
  notes: readonly AnkiNote[]
  /** The person's stored states by card id (a card with none was never seen). */
  states: ReadonlyMap<string, AnkiCardState>
  /** Cards held back today, by hand or for a sibling answered today (lib/core/queue.ts, buriedToday). */
  buried: ReadonlyMap<string, 'manual' | 'sibling'>
  /** Oldest first (in the order they were written). */
  log: readonly AnkiLogEntry[]
  settings: AnkiScheduleSettings
  /** The study day `now` counts as for this person. */
  today: number
  now: Date
}

export type AnkiNoteRow = { id: number; guid: string; mid: number; mod: number; usn: number; tags: string; flds: string; sfld: string; flags: number; data: string }
export type AnkiCardRow = {
  id: number
  nid: number
  did: number
  ord: number
  mod: number
  usn: number
  type: number
  queue: number
  due: number
  ivl: number
  factor: number
  reps: number
  lapses: number
  left: number
  odue: number
  odid: number
  flags: number
  data: string
}
export type AnkiRevlogRow = { id: number; cid: number; usn: number; ease: number; ivl: number; lastIvl: number; factor: number; time: number; type: number }
export type AnkiColRow = { id: 1; crt: number; mod: number; scm: number; ver: 11; dty: 0; usn: 0; ls: 0; conf: string; models: string; decks: string; dconf: string; tags: string }

export type AnkiCollection = { col: AnkiColRow; notes: AnkiNoteRow[]; cards: AnkiCardRow[]; revlog: AnkiRevlogRow[] }

/** Anki's card types and queues (rslib/src/card/mod.rs). */
export const CardType = { New: 0, Learn: 1, Review: 2, Relearn: 3 } as const
export const CardQueue = { SchedBuried: -2, UserBuried: -3, Suspended: -1, New: 0, Learn: 1, Review: 2, DayLearn: 3 } as const
/** Anki's revlog types (rslib/src/revlog/mod.rs, RevlogReviewKind). */
export const RevlogType = { Learning: 0, Review: 1, Relearning: 2, Filtered: 3, Manual: 4, Rescheduled: 5 } as const

/** The note types' ids: fixed, so that a second import finds the note types of the first. */
export const BASIC_MODEL_ID = 1_733_000_000_001
export const CLOZE_MODEL_ID = 1_733_000_000_002
const DEFAULT_DECK_ID = 1
/**
 * The deck options' preset: an id of its own, fixed, in Anki's millisecond style. Anki's importer adds a preset only
 * if no preset has its id (storage add_deck_conf_if_unique), and every collection has its Default preset as id 1.
 */
export const DECK_CONFIG_ID = 1_733_000_000_900
/** Our decks' ids: any that differ from Anki's Default deck (1); Anki matches imported decks by name. */
const DECK_ID_BASE = 1_733_000_001_000

/** FSRS-6 has 21 weights, FSRS-5 19; Anki keeps each in its own field of the deck options. */
const FSRS6_WEIGHTS = 21
const FSRS5_WEIGHTS = 19

const secondsOf = (date: Date) => Math.floor(date.getTime() / 1000)
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places

/** The FSRS difficulty (1–10) as Anki logs it in `factor`: 100–1100 (rslib/src/card/mod.rs, difficulty_shifted). */
export function revlogFactor(difficulty: number): number {
  return Math.round(((difficulty - 1) / 9 + 0.1) * 1000)
}

/**
 * An interval as Anki logs it: whole days for a state due by day, negative seconds for a (re)learning step.
 * @example revlogInterval({ state: 1, scheduledDays: 0, due: 10:10, … }, 10:00) // -600
 */
export function revlogInterval(state: SchedulingState | null, from: Date | null): number {
  if (!state || state.state === CardStateKind.New) return 0
  if (state.scheduledDays >= 1) return state.scheduledDays
  const start = from ?? state.lastReview
  if (!start) return 0
  return -Math.max(1, Math.round((state.due.getTime() - start.getTime()) / 1000))
}

/**
 * The revlog rows: ids from the answer times in ms, each at least 1 ms after the one before (Anki's primary key).
 * Entries of cards not in the package are left out.
 */
export function revlogRows(log: readonly AnkiLogEntry[], cardIds: ReadonlyMap<string, number>): AnkiRevlogRow[] {
  const rows: AnkiRevlogRow[] = []
  let lastId = -Infinity
  const sorted = log
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => cardIds.has(entry.cardId))
    .sort((a, b) => a.entry.answeredAt.getTime() - b.entry.answeredAt.getTime() || a.index - b.index)
  for (const { entry } of sorted) {
    const id = Math.max(entry.answeredAt.getTime(), lastId + 1)
    lastId = id
    const cid = cardIds.get(entry.cardId)!
    if (entry.kind === 'reset') {
      // As Anki's Forget logs it (log_manually_scheduled_review): no button, the card's new interval (0) and the one
      // it had, factor 0 (what marks a reset), no time.
      rows.push({ id, cid, usn: -1, ease: 0, ivl: 0, lastIvl: Math.max(0, revlogInterval(entry.before, null)), factor: 0, time: 0, type: RevlogType.Manual })
      continue
    }
    const answered = entry.before?.state ?? CardStateKind.New
    const type = answered === CardStateKind.Review ? RevlogType.Review : answered === CardStateKind.Relearning ? RevlogType.Relearning : RevlogType.Learning
    rows.push({
      id,
      cid,
      usn: -1,
      ease: entry.rating,
      ivl: revlogInterval(entry.after, entry.answeredAt),
      lastIvl: revlogInterval(entry.before, null),
      factor: entry.after && entry.after.difficulty > 0 ? revlogFactor(entry.after.difficulty) : 0,
      time: Math.max(0, Math.round(entry.durationMs)),
      type,
    })
  }
  return rows
}

export type CollectionClock = { crtDay: number; crtSeconds: number; creationOffsetMinutesWest: number }

/**
 * The collection's creation: the start of the study day of the first answer exported (today for a person who has
 * never answered), so that every due day counts up from 0; and the zone's offset then, in minutes west of UTC, as
 * Anki keeps it (`creationOffset`), so that Anki counts days from it as we do.
 */
export function collectionClock(log: readonly AnkiLogEntry[], settings: Pick<AnkiScheduleSettings, 'timeZone' | 'rolloverHour'>, today: number): CollectionClock {
  const firstDay = Math.min(today, ...log.map((e) => studyDay(e.answeredAt, settings.timeZone, settings.rolloverHour)))
  const crt = startOfStudyDay(firstDay, settings.timeZone, settings.rolloverHour)
  const offsetMs = wallClockMs(crt, settings.timeZone) - crt.getTime()
  return { crtDay: firstDay, crtSeconds: secondsOf(crt), creationOffsetMinutesWest: -Math.round(offsetMs / 60_000) }
}

export type CardScheduleContext = Pick<AnkiScheduleSettings, 'timeZone' | 'rolloverHour' | 'learningStepsMinutes' | 'relearningStepsMinutes' | 'desiredRetention' | 'weights'> & { crtDay: number }

/**
 * One card's schedule as Anki keeps it. `newPosition`: its place among the new cards (Anki's due for a new card).
 * @example ankiCardSchedule(null, 7, null, ctx) // { type: 0, queue: 0, due: 7, ivl: 0, … }
 */
export function ankiCardSchedule(
  state: AnkiCardState | null,
  newPosition: number,
  buried: 'manual' | 'sibling' | null,
  ctx: CardScheduleContext,
): Pick<AnkiCardRow, 'type' | 'queue' | 'due' | 'ivl' | 'factor' | 'reps' | 'lapses' | 'left' | 'data'> {
  const held = (queue: number) => (state?.suspended ? CardQueue.Suspended : buried === 'manual' ? CardQueue.UserBuried : buried === 'sibling' ? CardQueue.SchedBuried : queue)
  if (!state || state.state === CardStateKind.New) {
    return { type: CardType.New, queue: held(CardQueue.New), due: newPosition, ivl: 0, factor: 0, reps: state?.reps ?? 0, lapses: state?.lapses ?? 0, left: 0, data: '{}' }
  }
  const dueDay = studyDay(state.due, ctx.timeZone, ctx.rolloverHour) - ctx.crtDay
  const memory: Record<string, number> = {}
  if (state.stability > 0) {
    memory.s = round(state.stability, 4)
    memory.d = round(state.difficulty, 3)
    memory.dr = round(ctx.desiredRetention, 2)
    // FSRS-6's forgetting curve has its own decay, its last weight: Anki keeps it with the memory state.
    if (ctx.weights.length === FSRS6_WEIGHTS) memory.decay = round(ctx.weights[FSRS6_WEIGHTS - 1]!, 3)
  }
  if (state.lastReview) memory.lrt = secondsOf(state.lastReview)
  // The card's ease: FSRS leaves it unused, Anki's starting ease (250%) as a card that was ever answered has one.
  const common = { factor: 2500, reps: state.reps, lapses: state.lapses, data: JSON.stringify(memory) }
  if (state.state === CardStateKind.Review) {
    return { ...common, type: CardType.Review, queue: held(CardQueue.Review), due: dueDay, ivl: Math.max(1, state.scheduledDays), left: 0 }
  }
  const relearning = state.state === CardStateKind.Relearning
  const steps = relearning ? ctx.relearningStepsMinutes.length : ctx.learningStepsMinutes.length
  // Anki's `left` is the number of steps still to go (it reads `left % 1000`).
  const left = Math.max(1, steps - state.learningSteps)
  const byDay = state.scheduledDays >= 1
  return {
    ...common,
    type: relearning ? CardType.Relearn : CardType.Learn,
    queue: held(byDay ? CardQueue.DayLearn : CardQueue.Learn),
    due: byDay ? dueDay : secondsOf(state.due),
    // A relearning card keeps an interval of at least a day (it was a review card); FSRS sets the next from its memory
    // state when it graduates. A learning card has none yet.
    ivl: relearning ? Math.max(1, state.scheduledDays) : 0,
    left,
  }
}

/** Anki's sort field and checksum read the first field without its HTML (rslib/src/text.rs, strip_html). */
export function stripHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>|<div[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#9;/g, '\t')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
}

const CARD_CSS = '.card {\n    font-family: arial;\n    font-size: 20px;\n    line-height: 1.5;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n'
const CLOZE_CSS = '.cloze {\n    font-weight: bold;\n    color: blue;\n}\n.nightMode .cloze {\n    color: lightblue;\n}\n'
const LATEX_PRE = '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n'

function field(name: string, ord: number) {
  return { name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, description: '', plainText: false, collapsed: false, excludeFromSearch: false, media: [] }
}

function template(name: string, qfmt: string, afmt: string) {
  return { name, ord: 0, qfmt, afmt, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 }
}

/**
 * Anki's stock Basic and Cloze note types (rslib/src/notetype/stock.rs), in schema 11's JSON, marked as made from
 * them (`originalStockKind`: Anki's StockNotetype.OriginalStockKind, Basic 1, Cloze 5), as Anki marks its own.
 */
export function noteTypes(modSeconds: number) {
  const common = { mod: modSeconds, usn: -1, sortf: 0, did: null, latexPre: LATEX_PRE, latexPost: '\\end{document}', latexsvg: false, req: [[0, 'any', [0]]], tags: [], vers: [] }
  return {
    [BASIC_MODEL_ID]: {
      ...common,
      id: BASIC_MODEL_ID,
      name: 'Basic',
      type: 0,
      originalStockKind: 1,
      flds: [field('Front', 0), field('Back', 1)],
      tmpls: [template('Card 1', '{{Front}}', '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}')],
      css: CARD_CSS,
    },
    [CLOZE_MODEL_ID]: {
      ...common,
      id: CLOZE_MODEL_ID,
      name: 'Cloze',
      type: 1,
      originalStockKind: 5,
      flds: [field('Text', 0), field('Back Extra', 1)],
      tmpls: [template('Cloze', '{{cloze:Text}}', '{{cloze:Text}}<br>\n{{Back Extra}}')],
      css: CARD_CSS + CLOZE_CSS,
    },
  }
}

/** Every deck a note names, and each of their parents, with Anki's Default deck (which a collection always has). */
export function deckRows(deckNames: readonly string[], modSeconds: number): { decks: Record<string, unknown>; ids: Map<string, number> } {
  const names = new Set<string>([ROOT_DECK])
  for (const name of deckNames) {
    const parts = name.split('::')
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('::'))
  }
  const ids = new Map([...names].sort().map((name, i) => [name, DECK_ID_BASE + i]))
  const deck = (id: number, name: string) => ({
    id,
    mod: modSeconds,
    name,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: '',
    dyn: 0,
    conf: DECK_CONFIG_ID,
    extendNew: 0,
    extendRev: 0,
  })
  const decks: Record<string, unknown> = { [DEFAULT_DECK_ID]: deck(DEFAULT_DECK_ID, 'Default') }
  for (const [name, id] of ids) decks[id] = deck(id, name)
  return { decks, ids }
}

/** The deck options: the person's limits, steps, burying, leech threshold and FSRS settings. */
export function deckConfig(settings: AnkiScheduleSettings, modSeconds: number) {
  return {
    [DECK_CONFIG_ID]: {
      id: DECK_CONFIG_ID,
      mod: modSeconds,
      name: 'Keyclaims',
      usn: -1,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      dyn: false,
      new: { bury: settings.burySiblings, delays: settings.learningStepsMinutes, initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: settings.newPerDay },
      rev: { bury: settings.burySiblings, ease4: 1.3, ivlFct: 1, maxIvl: settings.maximumIntervalDays, perDay: settings.maxReviewsPerDay, hardFactor: 1.2 },
      // A leech is suspended, as here (Anki's LeechAction::Suspend, 0).
      lapse: { delays: settings.relearningStepsMinutes, leechAction: 0, leechFails: settings.leechThreshold, minInt: 1, mult: 0 },
      buryInterdayLearning: false,
      desiredRetention: settings.desiredRetention,
      ...(settings.weights.length === FSRS6_WEIGHTS ? { fsrsParams6: [...settings.weights] } : {}),
      ...(settings.weights.length === FSRS5_WEIGHTS ? { fsrsParams5: [...settings.weights] } : {}),
    },
  }
}

/**
 * The collection: its row (schema 11's JSON columns), the notes, the cards with the person's schedule, the revlog.
 * Ids: notes and cards count on from the collection's creation in ms (Anki reads a card's id as when it was added).
 */
export function ankiCollection(input: AnkiPackageInput): AnkiCollection {
  const { settings, now } = input
  const mod = secondsOf(now)
  const clock = collectionClock(input.log, settings, input.today)
  const { decks, ids: deckIds } = deckRows(input.notes.map((n) => n.deck), mod)
  const baseMs = clock.crtSeconds * 1000
  const newOrder = input.notes.flatMap((n) => n.cards).sort((a, b) => a.position - b.position || a.cardId.localeCompare(b.cardId))
  const cardIds = new Map(newOrder.map((c, i) => [c.cardId, baseMs + i]))
  const newPositions = new Map(newOrder.map((c, i) => [c.cardId, i + 1]))
  const ctx: CardScheduleContext = { ...settings, crtDay: clock.crtDay }

  const notes: AnkiNoteRow[] = []
  const cards: AnkiCardRow[] = []
  input.notes.forEach((note, i) => {
    const nid = baseMs + i
    notes.push({
      id: nid,
      guid: note.guid,
      mid: note.notetype === 'Cloze' ? CLOZE_MODEL_ID : BASIC_MODEL_ID,
      mod,
      usn: -1,
      tags: note.tags.length ? ` ${note.tags.join(' ')} ` : '',
      flds: note.fields.join('\x1f'),
      sfld: stripHtml(note.fields[0]),
      flags: 0,
      data: '',
    })
    for (const card of note.cards) {
      const schedule = ankiCardSchedule(input.states.get(card.cardId) ?? null, newPositions.get(card.cardId)!, input.buried.get(card.cardId) ?? null, ctx)
      cards.push({ id: cardIds.get(card.cardId)!, nid, did: deckIds.get(note.deck)!, ord: card.ord, mod, usn: -1, ...schedule, odue: 0, odid: 0, flags: 0 })
    }
  })

  const conf = {
    activeDecks: [DEFAULT_DECK_ID],
    curDeck: DEFAULT_DECK_ID,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: null,
    nextPos: newOrder.length + 1,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    schedVer: 2,
    sched2021: true,
    creationOffset: clock.creationOffsetMinutesWest,
    rollover: settings.rolloverHour,
    fsrs: true,
  }
  return {
    col: {
      id: 1,
      crt: clock.crtSeconds,
      mod: now.getTime(),
      scm: now.getTime(),
      ver: 11,
      dty: 0,
      usn: 0,
      ls: 0,
      conf: JSON.stringify(conf),
      models: JSON.stringify(noteTypes(mod)),
      decks: JSON.stringify(decks),
      dconf: JSON.stringify(deckConfig(settings, mod)),
      tags: '{}',
    },
    notes,
    cards,
    revlog: revlogRows(input.log, cardIds),
  }
}
