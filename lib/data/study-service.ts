/**
 * The study use-cases over a StudyStore: today's queue, the home page's counts, and grading. "Now" comes in as an
 * argument; the user's settings come from the store; every decision is the pure core's.
 */
import { buildQueue, LEARN_AHEAD_MS } from '../core/queue'
import { answerCard, answerOutcomes, GRADES, type Grade, type StudyContext } from '../core/scheduler'
import { startOfStudyDay, studyDay } from '../core/study-day'
import { presentCard, presentText } from '../core/present'
import { STATE_NAMES, type CardStateView, type DisplayCardRow, type GradeInput, type GradeResult, type StateName, type StudyStore, type UserStudyConfig } from './study-store'

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
}

export type TodayCounts = { new: number; learning: number; review: number; nextDueAt: string | null }

export type GradeOutcome = GradeResult & { next?: StudyCard[] }

/** The fuzz seed of a card's current state: the same seed, the same intervals (preview = applied). */
export function fuzzSeed(userId: string, cardId: string, version: number): string {
  return `${userId}:${cardId}:${version}`
}

function context(config: UserStudyConfig, now: Date): StudyContext {
  return { now, timeZone: config.settings.timeZone, rolloverHour: config.settings.rolloverHour, parameters: config.parameters }
}

export function createStudy(store: StudyStore) {
  async function countsFor(userId: string, config: UserStudyConfig, now: Date): Promise<TodayCounts> {
    const { timeZone, rolloverHour, newPerDay } = config.settings
    const today = studyDay(now, timeZone, rolloverHour)
    const raw = await store.counts(userId, { now, endOfDay: startOfStudyDay(today + 1, timeZone, rolloverHour), today })
    return {
      new: Math.max(0, Math.min(raw.unseen, newPerDay - raw.introduced)),
      learning: raw.learning,
      review: raw.review,
      nextDueAt: raw.nextDue ? raw.nextDue.toISOString() : null,
    }
  }

  async function queueFor(userId: string, config: UserStudyConfig, now: Date, limit: number): Promise<StudyCard[]> {
    const { timeZone, rolloverHour, newPerDay } = config.settings
    const today = studyDay(now, timeZone, rolloverHour)
    const { due, fresh, introduced } = await store.queueCandidates(userId, {
      now,
      dueUntil: new Date(now.getTime() + LEARN_AHEAD_MS),
      take: limit,
      today,
      newTake: (due) => {
        // New cards come after every card due now: when those fill the queue, there is no need to look for new ones.
        const dueNow = due.filter((c) => c.due.getTime() <= now.getTime()).length
        // New cards of a claim already queued are held back, so fetch a few more than the limit to fill with others.
        return dueNow >= limit || newPerDay <= 0 ? 0 : Math.min(newPerDay, limit) * 4
      },
    })
    const order = buildQueue({ now, due, fresh, newAllowed: Math.max(0, newPerDay - introduced), limit })
    // A card in the queue is either due (it has a state, at this version) or new (version 0, no state yet).
    const versions = new Map(due.map((c) => [c.cardId, c.version]))
    return present(userId, order, (id) => versions.get(id) ?? 0, config, now, today)
  }

  /**
   * A card as the screen shows it depends only on its state's version, the study day, the display language and
   * the scheduler's settings (previews count whole study days; learning steps are durations). So the same card is
   * not rendered twice: after each grade, the next cards are usually ones already shown in the prefetched queue.
   */
  const shown = new Map<string, StudyCard>()
  const SHOWN_MAX = 5_000 // ~1–3 KB each
  /**
   * The deck's texts of each card, shared by every user. They change only when decks are loaded, and decks are
   * loaded before the server starts (scripts/start.ts), never while it runs; a feature that loads decks at run time
   * must clear this.
   */
  const texts = new Map<string, DisplayCardRow>()
  const TEXTS_MAX = 20_000

  async function present(userId: string, cardIds: string[], versionOf: (cardId: string) => number, config: UserStudyConfig, now: Date, today: number): Promise<StudyCard[]> {
    if (cardIds.length === 0) return []
    const { timeZone, rolloverHour, displayLanguage: lang } = config.settings
    const variant = `${today}|${lang}|${timeZone}|${rolloverHour}|${config.parameters ? JSON.stringify(config.parameters) : ''}`
    const keyOf = (id: string) => `${userId}|${id}|${versionOf(id)}|${variant}`
    const missing = cardIds.filter((id) => !shown.has(keyOf(id)))
    if (missing.length > 0) {
      const unread = missing.filter((id) => !texts.has(id))
      if (unread.length > 0) {
        if (texts.size > TEXTS_MAX) texts.clear()
        for (const row of await store.displayCards(unread)) texts.set(row.id, row)
      }
      // States only of the cards seen before (a new card has none): usually none or one after a grade.
      const seen = missing.filter((id) => versionOf(id) > 0)
      const states = new Map(seen.length === 0 ? [] : (await store.cardStates(userId, seen)).map((s) => [s.cardId, s]))
      const ctx = context(config, now)
      if (shown.size > SHOWN_MAX) shown.clear()
      for (const id of missing) {
        const card = texts.get(id)
        if (!card) continue
        const state = states.get(id) ?? null
        const version = state?.version ?? 0
        const outcomes = answerOutcomes(state, ctx, fuzzSeed(userId, id, version))
        shown.set(`${userId}|${id}|${version}|${variant}`, {
          cardId: id,
          version,
          kind: card.kind as 'basic' | 'cloze',
          state: STATE_NAMES[state?.state ?? 0] ?? 'new',
          ...presentCard(card, lang),
          claim: { id: card.claimId, html: presentText(card.claimTextEn, card.claimTextZh, lang), whyHtml: presentText(card.whyEn, card.whyZh, lang) },
          section: { id: card.sectionId, deckId: card.deckId, title: lang === 'zh' ? card.sectionTitleZh : card.sectionTitleEn },
          intervals: Object.fromEntries(GRADES.map((g) => [g, outcomes[g].label])) as Record<Grade, string>,
        })
      }
    }
    return cardIds.flatMap((id) => {
      const card = shown.get(keyOf(id))
      return card ? [card] : []
    })
  }

  return {
    config: (userId: string) => store.config(userId),

    /** Today's counts for the home page: new cards left today, learning cards due today, reviews due now. */
    async todayCounts(userId: string, now: Date, config?: UserStudyConfig): Promise<TodayCounts> {
      return countsFor(userId, config ?? (await store.config(userId)), now)
    },

    /** The next `limit` cards due, in order, with everything the review screen shows. */
    async studyQueue(userId: string, now: Date, limit: number, config?: UserStudyConfig): Promise<StudyCard[]> {
      return queueFor(userId, config ?? (await store.config(userId)), now, limit)
    },

    /** Grades one card, once (see StudyStore.grade); with `nextLimit`, the next cards too. */
    async gradeCard(userId: string, input: GradeInput, now: Date, nextLimit = 0): Promise<GradeOutcome> {
      let used: UserStudyConfig | undefined
      const result = await store.grade(userId, input, now, (before, config) => {
        used = config
        return {
          outcome: answerCard(before, input.rating, context(config, now), fuzzSeed(userId, input.cardId, before?.version ?? 0)),
          studyDay: studyDay(now, config.settings.timeZone, config.settings.rolloverHour),
        }
      })
      if (result.kind !== 'graded' || nextLimit === 0) return result
      return { ...result, next: await queueFor(userId, used ?? (await store.config(userId)), now, nextLimit) }
    },
  }
}

export type Study = ReturnType<typeof createStudy>
export type { CardStateView, GradeInput, GradeResult }
