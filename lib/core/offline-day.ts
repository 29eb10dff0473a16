/**
 * The offline day (issue #37): today's work as the server computed it when the review page was online (the cards the
 * day's queue gives within today's limits, learning cards due later today, each with its texts and state, today's log
 * and the person's config), and the answers given on the device since. The review screen goes on from it offline with
 * the server's own rules, imported from the core (docs/decisions/0021-offline-review.md): the queue's order, limits
 * and sibling rule (./queue.ts), an answer's next state (./answer.ts: the scheduler, its steps and the study day).
 * Pure: `now` and every answer's time come in as arguments; the browser keeps it in IndexedDB
 * (lib/client/offline-store.ts).
 */
import { applyAnswer, cardButtons, fuzzSeed, overLimit, studyContext, todayOf, type StudyConfig } from './answer'
import { allowance, buildQueue, dayFacts, LEARN_AHEAD_MS, queueCounts, type DayLogEntry, type DueCandidate, type QueueCounts, type QueueInput } from './queue'
import { CardStateKind, stateFromValues, stateName, type StateName, type StateRow } from './card-state'
import type { Grade } from './scheduler'

/** A card's texts as the review screen shows them, in the person's display language. */
export type CardView = {
  kind: 'basic' | 'cloze'
  promptHtml: string
  answerHtml: string
  claim: { id: string; html: string; whyHtml: string }
  section: { id: string; deckId: string; title: string }
}

/** A card as the review screen takes it (the shape of lib/data/study-context.ts' StudyCard). */
export type ShownCard = CardView & {
  cardId: string
  version: number
  state: StateName
  intervals: Record<Grade, string>
  day: number
  intervalsValidUntil: string
  early: boolean
}

/** One card of the offline day: its claim (the sibling rule), its state (null: never seen), its texts. */
export type OfflineCard = { cardId: string; claimId: string; state: StateRow | null; view: CardView }

/** What the server sends (GET /api/offline-day) and the device keeps. Dates are Date objects once read (readPack). */
export type OfflinePack = {
  userId: string
  /** The study day the pack is of: it serves no answer after this day's rollover. */
  day: number
  endOfDay: Date
  /** The server's now when the pack was made. */
  madeAt: Date
  config: StudyConfig
  /** Today's log as the queue reads it (answers, buries, unburies), oldest first; answers given offline are added. */
  dayLog: DayLogEntry[]
  /** The day's cards; new ones in the order they are to be introduced. */
  cards: OfflineCard[]
  /** Cards of today the pack left out to stay within its size (OFFLINE_PACK_MAX_BYTES); 0 as a rule. */
  leftOut: number
  /** The server's clock minus the device's when the pack arrived (kept on the device: a page opened offline dates answers by it). */
  clockOffsetMs?: number
}

/** The most the offline day may take on the device (its JSON). */
export const OFFLINE_PACK_MAX_BYTES = 5 * 1024 * 1024

/** An answer given on the device, as the screen sends it (POST /api/reviews' body). */
export type OfflineAnswer = { reviewId: string; cardId: string; rating: Grade; version: number; answeredAt: string; day: number; interval: string }

/** What an answer did to the offline day, kept until it is sent, so that it can be taken back (undo). */
export type AppliedOffline = { reviewId: string; cardId: string; before: StateRow | null; lastStudyDayBefore: number | null; logIndex: number }

export type OfflineRefusal = 'day-over' | 'stale' | 'limit-reached' | 'interval-changed' | 'unknown-card'

/** The pack as JSON carries it (dates as ISO strings) read back into Dates. */
export function readPack(json: unknown): OfflinePack {
  const p = json as OfflinePack & { endOfDay: string; madeAt: string; dayLog: (DayLogEntry & { due: string })[]; cards: (OfflineCard & { state: Record<string, unknown> | null })[] }
  const date = (v: unknown) => new Date(v as string)
  return {
    ...p,
    endOfDay: date(p.endOfDay),
    madeAt: date(p.madeAt),
    dayLog: p.dayLog.map((e) => ({ ...e, due: date(e.due) })),
    cards: p.cards.map((c) => ({ ...c, state: c.state ? stateFromValues(c.state, { date, boolean: Boolean }) : null })),
  }
}

/** The queue's input from the offline day at `now`: every card of the pack not suspended, today's log and limits. */
function queueInput(pack: OfflinePack, now: Date, limit: number): QueueInput {
  const facts = dayFacts(pack.dayLog, pack.endOfDay)
  const live = pack.cards.filter((c) => !c.state?.suspended)
  const due: DueCandidate[] = live.flatMap((c) =>
    c.state && c.state.state !== CardStateKind.New ? [{ cardId: c.cardId, claimId: c.claimId, due: c.state.due, state: c.state.state, version: c.state.version, scheduledDays: c.state.scheduledDays }] : [],
  )
  // New cards are those never seen (no state at all), as the server's queue reads them.
  const fresh = live.filter((c) => !c.state).map((c, position) => ({ cardId: c.cardId, claimId: c.claimId, position }))
  const { settings, studyMore } = pack.config
  // The allowance the server's queue and grade use, over the day's log on the device. "Study more" reviews ahead are
  // not taken offline (the server picks those): no ahead allowance.
  const left = { ...allowance(settings, studyMore, pack.day, facts), aheadAllowed: 0 }
  return { now, endOfDay: pack.endOfDay, due, fresh, ...left, burySiblings: settings.burySiblings, answeredClaims: facts.answeredClaims, lastClaimId: facts.lastClaimId, buried: facts.buried, unburied: facts.unburied, limit }
}

/** Whether the offline day still serves answers at `now`: not after its rollover. */
export function dayOpen(pack: OfflinePack, now: Date): boolean {
  return now.getTime() < pack.endOfDay.getTime() && todayOf(pack.config, now) === pack.day
}

/** The card as the screen shows it at `now`: its texts and its buttons, computed as the server computes them. */
function shown(pack: OfflinePack, card: OfflineCard, now: Date, early: boolean): ShownCard {
  const version = card.state?.version ?? 0
  return {
    cardId: card.cardId,
    version,
    state: stateName(card.state?.state ?? CardStateKind.New),
    ...card.view,
    ...cardButtons(card.state, studyContext(pack.config, now), fuzzSeed(pack.userId, card.cardId, version)),
    day: todayOf(pack.config, now),
    early,
  }
}

/** The next `limit` cards of the offline day at `now`, in the server's order (none after the day's rollover). */
export function offlineQueue(pack: OfflinePack, now: Date, limit: number): ShownCard[] {
  if (!dayOpen(pack, now)) return []
  const byId = new Map(pack.cards.map((c) => [c.cardId, c]))
  return buildQueue(queueInput(pack, now, limit)).flatMap((e) => {
    const card = byId.get(e.cardId)
    return card ? [shown(pack, card, now, e.early)] : []
  })
}

/** Today's counts on the device, and when the next learning card comes back (null: none today). */
export function offlineCounts(pack: OfflinePack, now: Date): QueueCounts & { nextDueAt: string | null; dayEndsAt: string; day: number } {
  const dayEndsAt = pack.endOfDay.toISOString()
  if (!dayOpen(pack, now)) return { new: 0, learning: 0, review: 0, heldBack: 0, nextDueAt: null, dayEndsAt, day: pack.day }
  const counts = queueCounts(queueInput(pack, now, Number.MAX_SAFE_INTEGER))
  const later = pack.cards
    .filter((c) => c.state && !c.state.suspended && c.state.state !== CardStateKind.New && c.state.due.getTime() > now.getTime() + LEARN_AHEAD_MS && c.state.due.getTime() < pack.endOfDay.getTime())
    .map((c) => c.state!.due.getTime())
  return { ...counts, nextDueAt: later.length > 0 ? new Date(Math.min(...later)).toISOString() : null, dayEndsAt, day: pack.day }
}

/**
 * Applies one answer to the offline day, as the server will (lib/data/study-service.ts, gradeWork): refused when the
 * answer's day is over or not the buttons' day, when the card moved on (another version), over today's limits, or when
 * the pressed button's interval is not what the answer applies. Returns what it changed, to take it back (undoOffline).
 * An answer dated before the card's last review is dated then (`answer.answeredAt` is set to the time applied).
 */
export function answerOffline(pack: OfflinePack, answer: OfflineAnswer): { kind: 'applied'; applied: AppliedOffline; after: StateRow; leech: boolean } | { kind: 'refused'; reason: OfflineRefusal } {
  const card = pack.cards.find((c) => c.cardId === answer.cardId)
  if (!card) return { kind: 'refused', reason: 'unknown-card' }
  const before = card.state
  // Never before the version it answers was made, as the server dates it (answerTime): a clock that went back (a
  // reload offline) does not reorder a card's answers.
  const at = new Date(Math.max(Date.parse(answer.answeredAt), before?.lastReview?.getTime() ?? 0))
  if (!dayOpen(pack, at) || answer.day !== pack.day) return { kind: 'refused', reason: 'day-over' }
  if ((before?.version ?? 0) !== answer.version) return { kind: 'refused', reason: 'stale' }
  if (overLimit(before, pack.config, pack.day, dayFacts(pack.dayLog, pack.endOfDay))) return { kind: 'refused', reason: 'limit-reached' }
  const { outcome, after, leech } = applyAnswer(before, answer, pack.config, at, pack.userId)
  if (outcome.label !== answer.interval) return { kind: 'refused', reason: 'interval-changed' }
  answer.answeredAt = at.toISOString()
  const applied: AppliedOffline = { reviewId: answer.reviewId, cardId: card.cardId, before, lastStudyDayBefore: pack.config.lastStudyDay, logIndex: pack.dayLog.length }
  // Today's log gains the entry the server will write (the queue reads its state, due and scheduled days before).
  pack.dayLog.push({ cardId: card.cardId, claimId: card.claimId, kind: 'review', state: outcome.log.state, due: outcome.log.due, scheduledDays: outcome.log.scheduledDays })
  card.state = after
  pack.config = { ...pack.config, lastStudyDay: Math.max(pack.config.lastStudyDay ?? Number.NEGATIVE_INFINITY, pack.day) }
  return { kind: 'applied', applied, after, leech }
}

/** Takes back an answer applied offline (the newest of those not sent): the card as it was, the log as it was. */
export function undoOffline(pack: OfflinePack, applied: AppliedOffline): void {
  const card = pack.cards.find((c) => c.cardId === applied.cardId)
  if (card) card.state = applied.before
  pack.dayLog.splice(applied.logIndex, 1)
  pack.config = { ...pack.config, lastStudyDay: applied.lastStudyDayBefore }
}
