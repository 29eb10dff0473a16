/**
 * The card browser's use cases (issue #16): every live card with this person's state, filtered and sorted by the pure
 * core (lib/core/browse.ts), and one card's info with its history. Written once as generators of ./browse-sql.ts's
 * statements, run on either engine (decision 0007). "Buried" is the queue's own definition (lib/core/queue.ts).
 */
import { all, asBool, asDate, get, type Executor, type Work } from '../db/sql'
import { browseCards, browsePageOf, searchableText, type BrowseCard, type BrowseFilters, type BrowsePageOf } from '../core/browse'
import { buriedToday, type DayFacts } from '../core/queue'
import { recallNow } from '../core/scheduler'
import { stateName, type StateRow } from '../core/card-state'
import { stateFromSnapshot } from '../core/state-snapshot'
import { intervalOf, type Interval } from '../core/interval'
import { startOfStudyDay } from '../core/study-day'
import type { CardTexts } from '../core/present'
import { context, readConfig, readDayFacts, todayOf, type UserStudyConfig } from './study-context'
import { STATE, stateFromRow } from './study-sql'
import * as B from './browse-sql'

export type BrowserCard = BrowseCard & CardTexts & {
  claimTextEn: string
  claimTextZh: string
  deckId: string
  sectionId: string
  sectionTitleEn: string
  sectionTitleZh: string
  /** The version an action from the browser is checked against (0: never seen). */
  version: number
  /** The stored state (null: never seen). */
  stored: StateRow | null
}

export type SectionChoice = { key: string; deckId: string; id: string; titleEn: string; titleZh: string }

export type BrowsePage = BrowsePageOf<BrowserCard> & {
  /** How many cards pass the filters (of which `cards` is the page asked for, in the order asked for). */
  matching: number
  /** Every live card of the decks. */
  total: number
  sections: SectionChoice[]
  tags: string[]
}

export type CardLogEntry = {
  id: string
  kind: string
  rating: number
  /** The state before the entry. */
  stateBefore: ReturnType<typeof stateName>
  review: Date
  durationMs: number
  undone: boolean
  /** The interval the answer gave (answers only, when the state it wrote is known). */
  interval: Interval | null
}

export type CardInfo = {
  card: BrowserCard
  /** Recall now (0–1), by recallNow (lib/core/scheduler.ts: whole study days); null for a card not studied. */
  retrievability: number | null
  history: CardLogEntry[]
}

/** A deck card's row with this person's state of it (null: never seen). */
function browserCard(row: B.BrowseRow, stored: StateRow | null, facts: DayFacts, config: UserStudyConfig): BrowserCard {
  const cloze = row.kind === 'cloze'
  const seen = stored !== null && stored.state !== 0
  return {
    cardId: row.id,
    position: row.position,
    claimId: row.claimId,
    section: `${row.deckId}/${row.sectionId}`,
    tags: JSON.parse(row.tags) as string[],
    texts: [searchableText(row.frontEn, cloze), searchableText(row.frontZh, cloze), row.backEn.toLowerCase(), row.backZh.toLowerCase(), row.claimTextEn.toLowerCase(), row.claimTextZh.toLowerCase()],
    state: stateName(stored?.state ?? 0),
    due: seen ? stored.due : null,
    difficulty: seen ? stored.difficulty : null,
    lapses: stored?.lapses ?? 0,
    suspended: stored?.suspended ?? false,
    leech: stored?.leech ?? false,
    buried: stored?.suspended ? null : buriedToday({ cardId: row.id, claimId: row.claimId, state: stored?.state ?? 0 }, facts, config.settings.burySiblings),
    kind: row.kind,
    ordinal: row.ordinal,
    frontEn: row.frontEn,
    frontZh: row.frontZh,
    backEn: row.backEn,
    backZh: row.backZh,
    claimTextEn: row.claimTextEn,
    claimTextZh: row.claimTextZh,
    deckId: row.deckId,
    sectionId: row.sectionId,
    sectionTitleEn: row.sectionTitleEn,
    sectionTitleZh: row.sectionTitleZh,
    version: stored?.version ?? 0,
    stored,
  }
}

function* todayWork(userId: string, now: Date): Work<{ config: UserStudyConfig; facts: DayFacts }> {
  const config = yield* readConfig(userId)
  const today = todayOf(config, now)
  const facts = yield* readDayFacts(userId, today, startOfStudyDay(today + 1, config.settings.timeZone, config.settings.rolloverHour))
  return { config, facts }
}

/** The deck's cards as a server keeps them: read again after any deck load (the load time comes with the config). */
export type DeckCache = { loadedAtMs: number; rows: B.BrowseRow[]; byId: Map<string, B.BrowseRow> } | null

function* deckWork(config: UserStudyConfig, cache: { current: DeckCache }): Work<NonNullable<DeckCache>> {
  if (cache.current && cache.current.loadedAtMs === config.decksLoadedAtMs) return cache.current
  const rows = yield* all(B.DECK_CARDS, [])
  cache.current = { loadedAtMs: config.decksLoadedAtMs, rows, byId: new Map(rows.map((r) => [r.id, r])) }
  return cache.current
}

export function* browseWork(userId: string, filters: BrowseFilters, now: Date, cache: { current: DeckCache } = { current: null }): Work<BrowsePage> {
  const { config, facts } = yield* todayWork(userId, now)
  const { rows } = yield* deckWork(config, cache)
  const states = new Map((yield* all(B.USER_STATES, [userId])).map((r) => [r.cardId as string, stateFromRow(r)]))
  const cards = rows.map((row) => browserCard(row, states.get(row.id) ?? null, facts, config))
  const sections = new Map<string, SectionChoice>()
  for (const r of rows) {
    const key = `${r.deckId}/${r.sectionId}`
    if (!sections.has(key)) sections.set(key, { key, deckId: r.deckId, id: r.sectionId, titleEn: r.sectionTitleEn, titleZh: r.sectionTitleZh })
  }
  const passing = browseCards(cards, filters)
  return {
    ...browsePageOf(passing, filters.page),
    matching: passing.length,
    total: cards.length,
    sections: [...sections.values()].sort((a, b) => a.deckId.localeCompare(b.deckId) || a.id.localeCompare(b.id)),
    tags: [...new Set(cards.flatMap((c) => c.tags))].sort(),
  }
}

/**
 * The interval each answer gave: the state it wrote is the one whose version it names, kept as the next entry's
 * snapshot or as the current state (an answer undone since still shows what it gave).
 */
function historyOf(rows: readonly B.CardLogRow[], current: StateRow | null): CardLogEntry[] {
  const byVersion = new Map<number, StateRow>()
  for (const r of rows) {
    try {
      const before = stateFromSnapshot(r.stateBefore)
      if (before) byVersion.set(before.version, before)
    } catch {
      // A snapshot that does not parse tells nothing of the interval.
    }
  }
  if (current) byVersion.set(current.version, current)
  return rows.map((r) => {
    const review = asDate(r.review)
    const after = r.kind === 'review' ? byVersion.get(r.versionAfter) : undefined
    return {
      id: r.id,
      kind: r.kind,
      rating: r.rating,
      stateBefore: stateName(r.state),
      review,
      durationMs: r.durationMs,
      undone: asBool(r.undone),
      interval: after ? intervalOf(after.scheduledDays, after.due.getTime() - review.getTime()) : null,
    }
  })
}

export function* cardInfoWork(userId: string, cardId: string, now: Date, cache: { current: DeckCache } = { current: null }): Work<CardInfo | null> {
  const { config, facts } = yield* todayWork(userId, now)
  const row = (yield* deckWork(config, cache)).byId.get(cardId)
  if (!row) return null
  const state = yield* get(STATE, [userId, cardId])
  const card = browserCard(row, state ? stateFromRow(state) : null, facts, config)
  const rows = yield* all(B.CARD_HISTORY, [userId, cardId])
  return { card, retrievability: recallNow(card.stored, context(config, now)), history: historyOf(rows, card.stored) }
}

export function createBrowse(exec: Executor) {
  /** The deck's texts, shared by every person (a few hundred rows), kept until a deck is loaded again. */
  const cache: { current: DeckCache } = { current: null }
  return {
    /** The browser's list: every live card, the ones passing `filters` in their order. */
    cards: (userId: string, filters: BrowseFilters, now: Date) => exec.read(() => browseWork(userId, filters, now, cache)),
    /** One card's state, retrievability now and history (null: no such live card). */
    card: (userId: string, cardId: string, now: Date) => exec.read(() => cardInfoWork(userId, cardId, now, cache)),
  }
}

export type Browse = ReturnType<typeof createBrowse>
