/**
 * What every study service reads first: the person's study config (settings, scheduler parameters, the last study
 * day logged), the study day `now` counts as, the scheduler's context, today's facts from the log, a card's current
 * state, and how a card's texts are shown. The use cases (./study-service.ts, ./quiz-service.ts, ./talk-service.ts,
 * ./browse-service.ts, ./progress-service.ts) import this module; it imports none of them.
 */
import { asDate, asDateOrNull, all, get, type Work } from '../db/sql'
import { dayFacts, withDayEntry, type DayFacts, type DayLogEntry } from '../core/queue'
import { schedulerParameters, type Grade } from '../core/scheduler'
import { studyContext, todayOf, type StudyConfig } from '../core/answer'
import { presentCard, presentText } from '../core/present'
import { titleText } from '../core/display-language'
import { settingsFromRow, type DisplayLanguage, type SettingsRow } from '../core/settings'
import type { StateName, StateRow } from '../core/card-state'
import * as Q from './study-sql'

/** The person's study config (lib/core/answer.ts' StudyConfig) and what this server's caches key on. */
export type UserStudyConfig = StudyConfig & {
  /** Bumped by any change that invalidates what servers cache for this user (./study-cache.ts). */
  epoch: number
  /** When any deck was last loaded (epoch ms): a change means every server's deck caches are out of date. */
  decksLoadedAtMs: number
}

/** A stored settings row (with the scheduler's parameters as JSON) as the study config. */
export function configFromRow(row: Q.ConfigRow | null | undefined): UserStudyConfig {
  const saved = row && row.timeZone !== null ? (row as Q.ConfigRow & SettingsRow) : null
  const settings = settingsFromRow(saved)
  return {
    settings,
    parameters: schedulerParameters(settings, saved?.fsrsParameters ? JSON.parse(saved.fsrsParameters) : undefined),
    lastStudyDay: row?.lastStudyDay ?? null,
    studyMore: { day: saved?.studyMoreDay ?? -1, extraNew: saved?.studyMoreNew ?? 0, extraAhead: saved?.studyMoreAhead ?? 0 },
    epoch: saved?.studyEpoch ?? 0,
    decksLoadedAtMs: asDateOrNull(row?.decksLoadedAt)?.getTime() ?? 0,
  }
}

/** The user's study config (settings, scheduler parameters, the last study day logged), read inside any work. */
export function* readConfig(userId: string): Work<UserStudyConfig> {
  return configFromRow(yield* get(Q.CONFIG, [userId, userId]))
}

// The study day and the scheduler's context are the pure core's (lib/core/answer.ts), shared with the offline review.
export { todayOf }
export const context = studyContext

/** What today's log says of the queue (lib/core/queue.ts, dayFacts): limits' counts, buried and unburied cards. */
export function* readDayFacts(userId: string, today: number, endOfDay: Date): Work<DayFacts> {
  const rows = yield* all(Q.DAY_LOG, [userId, today])
  return dayFacts(rows.map((r) => ({ ...r, due: asDate(r.due) })), endOfDay)
}

/** A state of a person's day log, told apart without its rows (Q.DAY_PRINT). */
export type DayPrint = { entries: number; lastSequence: number; lastId: string | null; undone: number; epoch: number; decksLoadedAtMs: number }

/**
 * A person's facts of one study day as of one state of their log, with what tells that state; `newestReviewMs` is the
 * latest answer time among the entries the facts were made of (the day's answers, buries and unburies, none undone).
 */
export type KnownDayFacts = { day: number; endOfDayMs: number; print: DayPrint; facts: DayFacts; newestReviewMs: number }

/** Where a server keeps each person's last known day facts (./study-cache.ts). */
export type DayFactsMemory = { get(userId: string): KnownDayFacts | undefined; set(userId: string, known: KnownDayFacts): void }

const samePrint = (a: DayPrint, b: DayPrint) =>
  a.entries === b.entries &&
  a.lastSequence === b.lastSequence &&
  a.lastId === b.lastId &&
  a.undone === b.undone &&
  a.epoch === b.epoch &&
  a.decksLoadedAtMs === b.decksLoadedAtMs

/**
 * readDayFacts through the server's memory: when the log's print is the one the kept facts were made at, the day's
 * rows are not read again (a heavy day's hundreds of rows cost a grade more than the rest of its reads). The print
 * is read before the rows, so facts are never kept with a print newer than their rows: a change committed in
 * between makes a miss later, never a stale answer.
 */
export function* readKnownDayFacts(userId: string, today: number, endOfDay: Date, memory: DayFactsMemory): Work<KnownDayFacts> {
  const row = (yield* get(Q.DAY_PRINT, [userId, userId, userId, today]))!
  const print: DayPrint = {
    entries: Number(row.entries),
    lastSequence: Number(row.lastSequence ?? 0),
    lastId: row.lastId ?? null,
    undone: Number(row.undone ?? 0),
    epoch: Number(row.epoch ?? 0),
    decksLoadedAtMs: asDateOrNull(row.decksLoadedAt)?.getTime() ?? 0,
  }
  const kept = memory.get(userId)
  if (kept && kept.day === today && kept.endOfDayMs === endOfDay.getTime() && samePrint(kept.print, print)) return kept
  const rows = yield* all(Q.DAY_LOG, [userId, today])
  const entries = rows.map((r) => ({ ...r, due: asDate(r.due) }))
  const known: KnownDayFacts = {
    day: today,
    endOfDayMs: endOfDay.getTime(),
    print,
    facts: dayFacts(entries, endOfDay),
    newestReviewMs: rows.reduce((newest, r) => Math.max(newest, asDate(r.review).getTime()), Number.NEGATIVE_INFINITY),
  }
  memory.set(userId, known)
  return known
}

/**
 * After an answer's log entry (`id`, numbered `sequence`) was committed by the transaction that read `base`: keeps
 * the facts with it, under the print the log has if nothing else was written meanwhile (if something was, the print
 * read next differs and the rows are read). Kept only when the entry is the newest of the day in the log's order
 * (review time, then sequence): an answer given offline and sent late is dated earlier, and the rows are read again.
 * (Its sequence is always past the base's newest; the check only guards the facts against a caller's mistake.)
 */
export function keepAnsweredDayFacts(memory: DayFactsMemory, userId: string, base: KnownDayFacts, entry: DayLogEntry & { id: string; review: Date }, sequence: number): void {
  if (entry.review.getTime() < base.newestReviewMs || sequence <= base.print.lastSequence) return
  memory.set(userId, {
    ...base,
    print: { ...base.print, entries: base.print.entries + 1, lastSequence: sequence, lastId: entry.id },
    facts: withDayEntry(base.facts, entry, new Date(base.endOfDayMs)),
    newestReviewMs: entry.review.getTime(),
  })
}

/** A card's current state for this person, or null while it has never been seen. */
export function* currentState(userId: string, cardId: string): Work<StateRow | null> {
  const row = yield* get(Q.STATE, [userId, cardId])
  return row ? Q.stateFromRow(row) : null
}

export type StudyCard = {
  cardId: string
  version: number
  kind: 'basic' | 'cloze'
  state: StateName
  promptHtml: string
  answerHtml: string
  claim: { id: string; html: string; whyHtml: string }
  section: { id: string; deckId: string; title: string }
  /** The interval each answer would give, e.g. { 1: "1m", 3: "10m" }. */
  intervals: Record<Grade, string>
  /** The study day the intervals were computed for: a grade answered on another day is refused (409). */
  day: number
  /** When some interval stops being what its answer applies (ISO): the screen relabels then (shownOutcomes). */
  intervalsValidUntil: string
  /** Shown before its time: a learning step not over yet (only when nothing else is due), or a review ahead. */
  early: boolean
}

/** A card's texts as a screen shows them (the review screen and the quiz), in the person's display language. */
export function cardView(text: Q.DisplayRow, lang: DisplayLanguage): Pick<StudyCard, 'kind' | 'promptHtml' | 'answerHtml' | 'claim' | 'section'> {
  return {
    kind: text.kind as 'basic' | 'cloze',
    ...presentCard(text, lang),
    claim: { id: text.claimId, html: presentText(text.claimTextEn, text.claimTextZh, lang), whyHtml: presentText(text.whyEn, text.whyZh, lang) },
    section: { id: text.sectionId, deckId: text.deckId, title: titleText(text.sectionTitleEn, text.sectionTitleZh, lang).text },
  }
}

export const MAX_DURATION_MS = 60_000

/** An answer's time on the card as logged: whole milliseconds, at most MAX_DURATION_MS (a card left open). */
export function cappedDurationMs(durationMs: number): number {
  return Math.min(Math.max(0, Math.round(durationMs)), MAX_DURATION_MS)
}

export const REUSED_REVIEW_ID = 'This reviewId was already used for a different answer.'

/** Thrown inside a write to undo all of it: its log's review id belongs to another answer (the caller says so). */
export class ReviewIdTaken extends Error {}
