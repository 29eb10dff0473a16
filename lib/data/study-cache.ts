/**
 * What one server keeps in memory between requests for the study use cases (./study-service.ts), and when it drops it.
 *
 * The contract, stated once:
 * - **firstUnseen**, keyed by user: a deck position below which every live card of the user already has a state, with
 *   the user's epoch it was read at. Only grades add states, so the bound stays true on every server. A change that
 *   takes a state back to "never seen" (undo of a first answer, reset, resume of a card suspended unseen) bumps the
 *   user's epoch in the database (`forgetUserWork`, inside that change's transaction) and drops the local entry
 *   (`forgetUser`); every other server ignores its entry once it reads the new epoch with the user's settings.
 * - **shown**, keyed by user, then by card id + state version + study day + display language + time zone + rollover
 *   hour + scheduler parameters: a card as the review screen shows it (texts and the four intervals), served only
 *   from the instant it was made until its `intervalsValidUntil` (a learning step's end reaching the next study day
 *   changes an interval within the day: lib/core/scheduler.ts, shownOutcomes). Nothing else changes a rendering, so
 *   an entry is never stale: a grade through another server makes a new version, a new key. Dropped with
 *   `forgetUser`, and with every deck-derived cache below.
 * - **texts**, keyed by card id, shared by every user: a card's texts as the deck has them. Dropped wholly when any
 *   server (this one included) loaded a deck: each read of a user's config brings the decks' load time, and `noteDecks` drops texts, renderings and positions when it differs from the last
 *   one seen (positions are renumbered by a load).
 * - **plannedToday** (kept beside its use case in ./talk-service.ts, which the queue reads), keyed by user + study day
 *   + every upcoming talk's id, date, scope and minutes a day: the cards today's part of the talks' plans asks for,
 *   worked out at the day's first look so that the queue does not plan again after each answer. Never stale: a
 *   changed or new talk, or the next study day, is another key.
 * - **dayFacts**, keyed by user: the facts of the user's study day last read or written here (lib/core/queue.ts,
 *   DayFacts), with the print of the day's log they were made at (./study-context.ts, readKnownDayFacts: the day's
 *   entry count, newest sequence and id, undone count, the user's epoch, the decks' load time). Used only when the
 *   print read in the request's own transaction is the same. The day's log changes only by new entries and entries
 *   marked undone, which change the print; a restored account has a new epoch and a loaded deck a new load time,
 *   both in the print. An entry lost with a failed SQLite batch (which a read inside that batch may have seen) frees
 *   its sequence for the next one, whose id differs. So whichever server wrote, the print tells. A grade made here
 *   keeps its own entry's facts once committed (keepAnsweredDayFacts), so the next cards' read finds them. What this
 *   rests on outside the log: a deck load raises the decks' load time (the clock of the loading process, as noteDecks
 *   already assumes).
 * Each map is cleared when it grows past its bound: a cache miss costs a read, never a wrong answer.
 */
import { run, type Work } from '../db/sql'
import type { DayFactsMemory, KnownDayFacts, StudyCard, UserStudyConfig } from './study-context'
import * as Q from './study-sql'

const FIRST_UNSEEN_MAX = 50_000
const SHOWN_MAX = 5_000 // ~1–3 KB each
const TEXTS_MAX = 20_000
const DAY_FACTS_MAX = 10_000 // a few hundred bytes each, a few KB for a day of hundreds of answers (its claims)

export function createStudyCache() {
  const firstUnseen = new Map<string, { epoch: number; position: number }>()
  const shown = new Map<string, Map<string, { card: StudyCard; fromMs: number }>>()
  let shownCount = 0
  const texts = new Map<string, Q.DisplayRow>()
  const dayFacts = new Map<string, KnownDayFacts>()
  /** When the decks were last loaded, as this server last saw it. */
  let decksSeenMs: number | undefined

  function forgetDecks() {
    texts.clear()
    shown.clear()
    shownCount = 0
    firstUnseen.clear()
    dayFacts.clear()
  }

  const dayFactsMemory: DayFactsMemory = {
    get: (userId) => dayFacts.get(userId),
    set(userId, known) {
      if (dayFacts.size > DAY_FACTS_MAX) dayFacts.clear()
      dayFacts.set(userId, known)
    },
  }

  return {
    /** With each config read for the queue: another decks' load time than the last seen drops every deck-derived cache. */
    noteDecks(config: UserStudyConfig): void {
      if (decksSeenMs !== undefined && decksSeenMs !== config.decksLoadedAtMs) forgetDecks()
      decksSeenMs = config.decksLoadedAtMs
    },

    /** Where the search for the user's first never-seen card may start (0 when unknown, or of another epoch). */
    firstUnseenFrom(userId: string, epoch: number): number {
      const known = firstUnseen.get(userId)
      return known && known.epoch === epoch ? known.position : 0
    },
    keepFirstUnseen(userId: string, epoch: number, position: number): void {
      if (firstUnseen.size > FIRST_UNSEEN_MAX) firstUnseen.clear()
      firstUnseen.set(userId, { epoch, position })
    },

    /** The card kept under `key`, if its intervals hold at `nowMs` (made at or before it, valid after it). */
    shownCard(userId: string, key: string, nowMs: number): StudyCard | undefined {
      const kept = shown.get(userId)?.get(key)
      return kept && kept.fromMs <= nowMs && nowMs < Date.parse(kept.card.intervalsValidUntil) ? kept.card : undefined
    },
    /** Keeps a card made at `fromMs`. */
    keepShown(userId: string, key: string, card: StudyCard, fromMs: number): void {
      if (shownCount > SHOWN_MAX) {
        shown.clear()
        shownCount = 0
      }
      let mine = shown.get(userId)
      if (!mine) shown.set(userId, (mine = new Map()))
      if (!mine.has(key)) shownCount++
      mine.set(key, { card, fromMs })
    },

    /** The cards among `cardIds` whose texts are not kept (clearing first when full, so nothing kept is lost unread). */
    textsMissing(cardIds: readonly string[]): string[] {
      if (texts.size > TEXTS_MAX) texts.clear()
      return cardIds.filter((id) => !texts.has(id))
    },
    keepText: (row: Q.DisplayRow): void => void texts.set(row.id, row),
    text: (cardId: string): Q.DisplayRow | undefined => texts.get(cardId),

    dayFacts: dayFactsMemory,

    /** Drops what this server keeps for a user (after `forgetUserWork` committed, or when another server's did). */
    forgetUser(userId: string): void {
      firstUnseen.delete(userId)
      shownCount -= shown.get(userId)?.size ?? 0
      shown.delete(userId)
      dayFacts.delete(userId)
    },
  }
}

export type StudyCache = ReturnType<typeof createStudyCache>

/** Inside a transaction: marks this user's cached positions stale on every server (the user's epoch + 1). */
export function* forgetUserWork(userId: string, now: Date): Work<void> {
  yield* run(Q.BUMP_EPOCH, [userId, now])
}
