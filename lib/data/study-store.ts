/**
 * What the study data layer needs from storage, as one interface with two implementations: prepared statements on
 * the shared SQLite connection (the default, and the fast path measured by `npm run bench`) and Prisma's model API
 * (PostgreSQL). Both run the same test suite (tests/study-store.test.ts). Stores do I/O only; every decision is the
 * pure core's, passed in as `decide`.
 */
import type { DueCandidate, NewCandidate } from '../core/queue'
import type { AnswerOutcome, Grade, SchedulingState, StudyContext } from '../core/scheduler'
import { settingsFromRow, type SettingsRow, type StudySettings } from '../core/settings'
import type { CardTexts } from '../core/present'

export const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const
export type StateName = (typeof STATE_NAMES)[number]

export type StateRow = SchedulingState & { cardId: string; version: number }


export type UserStudyConfig = { settings: StudySettings; parameters: StudyContext['parameters'] }

/** A stored settings row (with the scheduler's parameters as JSON) as the study config. */
export function configFromRow(row: (SettingsRow & { fsrsParameters: string | null }) | null | undefined): UserStudyConfig {
  return { settings: settingsFromRow(row), parameters: row?.fsrsParameters ? JSON.parse(row.fsrsParameters) : undefined }
}

/** A card's texts (as the core presents them) with its claim's and section's. */
export type DisplayCardRow = CardTexts & {
  id: string
  claimId: string
  claimTextEn: string
  claimTextZh: string
  whyEn: string
  whyZh: string
  sectionId: string
  deckId: string
  sectionTitleEn: string
  sectionTitleZh: string
}

export type GradeInput = { reviewId: string; cardId: string; rating: Grade; version: number; durationMs: number }

export type CardStateView = {
  cardId: string
  version: number
  state: StateName
  due: string
  intervalLabel: string | null
  reps: number
  lapses: number
  stability: number
  difficulty: number
  lastReview: string | null
}

export type GradeResult =
  | { kind: 'graded'; replayed: boolean; state: CardStateView }
  | { kind: 'not-found' }
  | { kind: 'stale'; current: CardStateView | null }
  | { kind: 'conflict'; message: string }

/** What the core decided for one answer: the outcome, and the study day the review falls on. */
export type GradeDecision = { outcome: AnswerOutcome; studyDay: number }

export type CountsRaw = { learning: number; review: number; unseen: number; introduced: number; nextDue: Date | null }

export interface StudyStore {
  config(userId: string): Promise<UserStudyConfig>
  /**
   * The queue's candidates, read at one moment: learning cards due by `dueUntil` and reviews due by `now`, at most
   * `take` of each, in due order; then, when `newTake(due)` (the core's decision) is above 0, that many cards the
   * user has never seen, in deck order, and how many new cards they began on `today`.
   */
  queueCandidates(
    userId: string,
    q: { now: Date; dueUntil: Date; take: number; today: number; newTake: (due: DueCandidate[]) => number },
  ): Promise<{ due: DueCandidate[]; fresh: NewCandidate[]; introduced: number }>
  /** The user's states of these cards (the previews on the buttons start from them); none for a card never seen. */
  cardStates(userId: string, cardIds: string[]): Promise<StateRow[]>
  counts(userId: string, q: { now: Date; endOfDay: Date; today: number }): Promise<CountsRaw>
  /** The deck's texts for these cards (the same for every user). */
  displayCards(cardIds: string[]): Promise<DisplayCardRow[]>
  /**
   * In one transaction: a known reviewId answers its stored result; a missing or retired card is not-found; a
   * version other than the current one is stale; else `decide` computes and the state (version + 1) and the log
   * are written.
   */
  grade(userId: string, input: GradeInput, now: Date, decide: (before: StateRow | null, config: UserStudyConfig) => GradeDecision): Promise<GradeResult>
}

export const MAX_DURATION_MS = 60_000

export function cappedDurationMs(durationMs: number): number {
  return Math.min(Math.max(0, Math.round(durationMs)), MAX_DURATION_MS)
}

export function stateView(row: StateRow | null, intervalLabel: string | null = null): CardStateView | null {
  if (!row) return null
  return {
    cardId: row.cardId,
    version: row.version,
    state: STATE_NAMES[row.state] ?? 'new',
    due: row.due.toISOString(),
    intervalLabel,
    reps: row.reps,
    lapses: row.lapses,
    stability: row.stability,
    difficulty: row.difficulty,
    lastReview: row.lastReview ? row.lastReview.toISOString() : null,
  }
}

export const REUSED_REVIEW_ID = 'This reviewId was already used for a different answer.'

/** The JSON kept in the log: the state as it was before the answer (null for a card never seen). */
export function snapshot(before: StateRow | null): string {
  if (!before) return 'null'
  return JSON.stringify({ ...before, due: before.due.toISOString(), lastReview: before.lastReview?.toISOString() ?? null })
}
