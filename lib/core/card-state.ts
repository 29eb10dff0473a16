/**
 * One definition of a card's state for one person: its fields, the state numbers (the snapshot kept in the log is
 * ./state-snapshot.ts). Everything that reads or writes a state (the data layer's SQL, the export, the scheduler)
 * uses these names. No zod here: the review screen loads this module (through the queue), and zod stays off it.
 */
import type { SchedulingState } from './scheduler'

/** ts-fsrs's State numbers, as stored in CardState.state and ReviewLog.state. */
export const CardStateKind = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const

export const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const
export type StateName = (typeof STATE_NAMES)[number]

export const stateName = (state: number): StateName => STATE_NAMES[state] ?? 'new'

/**
 * A stored state: the scheduling fields, the card it belongs to, its version (+1 on every change), and the person's
 * flags on it: suspended (out of every queue until resumed) and leech (forgotten as often as the leech threshold).
 */
export type StateRow = SchedulingState & { cardId: string; version: number; suspended: boolean; leech: boolean }

/** The scheduling columns, in the order the SQL lists them (CardState, and the log's snapshot). */
export const SCHEDULING_FIELDS = ['due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state', 'lastReview'] as const satisfies readonly (keyof SchedulingState)[]

/** `cs."due", cs."stability", …` for a SELECT of a whole state. */
export function stateColumns(alias: string): string {
  return ['cardId', ...SCHEDULING_FIELDS, 'version', 'suspended', 'leech'].map((c) => `${alias}."${c}"`).join(', ')
}

/** A state as the API shows it. */
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

export function stateView(row: StateRow | null, intervalLabel: string | null = null): CardStateView | null {
  if (!row) return null
  return {
    cardId: row.cardId,
    version: row.version,
    state: stateName(row.state),
    due: row.due.toISOString(),
    intervalLabel,
    reps: row.reps,
    lapses: row.lapses,
    stability: row.stability,
    difficulty: row.difficulty,
    lastReview: row.lastReview ? row.lastReview.toISOString() : null,
  }
}

/**
 * Whether an answer makes the card a leech (and suspends it): a lapse (Again on a review card) that brings its lapses
 * to the threshold, and, as Anki, every half threshold after that for a card brought back and forgotten again.
 * @example isLeechLapse(8, 8) // true; isLeechLapse(12, 8) // true; isLeechLapse(9, 8) // false
 */
export function isLeechLapse(lapsesAfter: number, threshold: number): boolean {
  if (lapsesAfter < threshold) return false
  return (lapsesAfter - threshold) % Math.max(1, Math.ceil(threshold / 2)) === 0
}
