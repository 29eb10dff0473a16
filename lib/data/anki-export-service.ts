/**
 * The Anki exports' use case (issue #36): the deck's live cards as notes in the language chosen, and for the package
 * this person's states, today's buried cards and their answers and resets, read in one snapshot. Written once as a
 * generator of ./anki-export-sql.ts's statements, run on either engine (decision 0007); the files themselves are made
 * by the pure core (lib/core/anki-text.ts, lib/core/anki-package.ts).
 */
import { default_w } from 'ts-fsrs'
import { all, asBool, asDate, type Executor, type Work } from '../db/sql'
import { buildAnkiNotes, type AnkiCardSource, type AnkiLabels } from '../core/anki-notes'
import { ankiTextFile } from '../core/anki-text'
import { ankiCollection, type AnkiCardState, type AnkiCollection, type AnkiLogEntry } from '../core/anki-package'
import { buriedToday } from '../core/queue'
import { stateFromSnapshot } from '../core/state-snapshot'
import { startOfStudyDay } from '../core/study-day'
import { stepMinutes } from '../core/settings'
import type { DisplayLanguage } from '../core/display-language'
import type { StateRow } from '../core/card-state'
import { readConfig, readDayFacts, todayOf } from './study-context'
import { stateFromRow } from './study-sql'
import { USER_STATES } from './browse-sql'
import * as A from './anki-export-sql'

const cardSource = (row: A.AnkiCardRow): AnkiCardSource => ({
  ...row,
  cardId: row.id,
  kind: row.kind === 'cloze' ? 'cloze' : 'basic',
  tags: JSON.parse(row.tags) as string[],
})


/**
 * The answers and resets to export (not undone), each with the state it wrote: the snapshot the card's next entry
 * kept, or the card's current state for its latest (as the card browser finds an answer's interval). Found by
 * position, not by version alone: a card's versions start again at 1 after a reset or an undone first answer.
 */
function logEntries(rows: readonly A.AnkiLogRow[], current: ReadonlyMap<string, StateRow>): AnkiLogEntry[] {
  const befores = rows.map((r) => stateFromSnapshot(r.stateBefore))
  // Each row's successor on the same card (the next row written for it, of any kind, undone or not).
  const nextOnCard = new Array<number | undefined>(rows.length)
  const latest = new Map<string, number>()
  for (let i = rows.length - 1; i >= 0; i--) {
    nextOnCard[i] = latest.get(rows[i]!.cardId)
    latest.set(rows[i]!.cardId, i)
  }
  const entries: AnkiLogEntry[] = []
  rows.forEach((r, i) => {
    if (asBool(r.undone) || (r.kind !== 'review' && r.kind !== 'reset')) return
    const next = nextOnCard[i]
    const written = next === undefined ? current.get(r.cardId) : befores[next]
    entries.push({
      cardId: r.cardId,
      kind: r.kind,
      rating: r.rating,
      answeredAt: asDate(r.review),
      durationMs: r.durationMs,
      before: befores[i] ?? null,
      after: written?.version === r.versionAfter ? written : null,
    })
  })
  return entries
}

export function* ankiTextWork(language: DisplayLanguage, labels: AnkiLabels): Work<string> {
  return ankiTextFile(buildAnkiNotes((yield* all(A.ANKI_CARDS, [])).map(cardSource), language, labels))
}

export function* ankiPackageWork(userId: string, language: DisplayLanguage, labels: AnkiLabels, now: Date): Work<AnkiCollection> {
  const config = yield* readConfig(userId)
  const { settings } = config
  const today = todayOf(config, now)
  const facts = yield* readDayFacts(userId, today, startOfStudyDay(today + 1, settings.timeZone, settings.rolloverHour))
  const cards = yield* all(A.ANKI_CARDS, [])
  const stored = new Map((yield* all(USER_STATES, [userId])).map((r) => [r.cardId as string, stateFromRow(r)]))
  const rows = yield* all(A.ANKI_LOG, [userId])
  const states = new Map<string, AnkiCardState>()
  const buried = new Map<string, 'manual' | 'sibling'>()
  for (const card of cards) {
    const state = stored.get(card.id)
    if (state) states.set(card.id, state)
    const held = buriedToday({ cardId: card.id, claimId: card.claimId, state: state?.state ?? 0 }, facts, settings.burySiblings)
    if (held) buried.set(card.id, held)
  }
  return ankiCollection({
    notes: buildAnkiNotes(cards.map(cardSource), language, labels),
    states,
    buried,
    log: logEntries(rows, stored),
    settings: {
      timeZone: settings.timeZone,
      rolloverHour: settings.rolloverHour,
      newPerDay: settings.newPerDay,
      maxReviewsPerDay: settings.maxReviewsPerDay,
      learningStepsMinutes: stepMinutes(settings.learningSteps),
      relearningStepsMinutes: stepMinutes(settings.relearningSteps),
      desiredRetention: settings.desiredRetention,
      maximumIntervalDays: settings.maximumInterval,
      burySiblings: settings.burySiblings,
      leechThreshold: settings.leechThreshold,
      weights: config.parameters?.w ?? default_w,
    },
    today,
    now,
  })
}

export function createAnkiExport(exec: Executor) {
  return {
    /** The deck as Anki's text import reads it, in `language`. */
    text: (language: DisplayLanguage, labels: AnkiLabels) => exec.read(() => ankiTextWork(language, labels)),
    /** The deck with this person's schedule and answers, as the rows of an Anki collection. */
    collection: (userId: string, language: DisplayLanguage, labels: AnkiLabels, now: Date) => exec.read(() => ankiPackageWork(userId, language, labels, now)),
  }
}
