/**
 * One definition of a card's state for one person: its fields, the state numbers (the snapshot kept in the log is
 * ./state-snapshot.ts). Everything that reads or writes a state (the data layer's SQL and rows, the log's snapshot,
 * the scheduler's ts-fsrs mapping, a never-seen state) derives from STATE_FIELDS. No zod here: the review screen
 * loads this module (through the queue), and zod stays off it.
 */

/** ts-fsrs's State numbers, as stored in CardState.state and ReviewLog.state. */
export const CardStateKind = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const

export const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const
export type StateName = (typeof STATE_NAMES)[number]

export const stateName = (state: number): StateName => STATE_NAMES[state] ?? 'new'

/** The scheduling fields (ts-fsrs's card, in our names), in the order the SQL lists them, with their kinds of value. */
const SCHEDULING_FIELD_KINDS = {
  due: 'date',
  stability: 'number',
  difficulty: 'number',
  elapsedDays: 'int',
  scheduledDays: 'int',
  learningSteps: 'int',
  reps: 'int',
  lapses: 'int',
  state: 'int',
  lastReview: 'date-or-null',
} as const

/**
 * A stored state's fields, said once: the scheduling fields, the card it belongs to, its version (+1 on every change),
 * and the person's flags on it: suspended (out of every queue until resumed) and leech (forgotten as often as the
 * leech threshold).
 */
export const STATE_FIELDS = { cardId: 'string', ...SCHEDULING_FIELD_KINDS, version: 'int', suspended: 'boolean', leech: 'boolean' } as const

export type FieldKind = (typeof STATE_FIELDS)[keyof typeof STATE_FIELDS]
type ValueOf<K extends FieldKind> = K extends 'date' ? Date : K extends 'date-or-null' ? Date | null : K extends 'boolean' ? boolean : K extends 'string' ? string : number

/** A card's scheduling state as stored (CardState without its keys and flags). */
export type SchedulingState = { -readonly [F in keyof typeof SCHEDULING_FIELD_KINDS]: ValueOf<(typeof SCHEDULING_FIELD_KINDS)[F]> }
export type StateRow = { -readonly [F in keyof typeof STATE_FIELDS]: ValueOf<(typeof STATE_FIELDS)[F]> }

/** The scheduling columns, in the order the SQL lists them (CardState, and the log's snapshot). */
export const SCHEDULING_FIELDS = Object.keys(SCHEDULING_FIELD_KINDS) as (keyof SchedulingState)[]
const FIELDS = Object.entries(STATE_FIELDS) as [keyof StateRow, FieldKind][]

/** `cs."due", cs."stability", …` for a SELECT of a whole state. */
export function stateColumns(alias: string): string {
  return FIELDS.map(([c]) => `${alias}."${c}"`).join(', ')
}

/**
 * A state from stored values (a row of either engine, a parsed snapshot), each field read by its kind: dates and
 * booleans as the source stores them (`date`, `boolean`), the rest as they are.
 */
export function stateFromValues(values: Record<string, unknown>, read: { date: (v: unknown) => Date; boolean: (v: unknown) => boolean }): StateRow {
  const state: Record<string, unknown> = {}
  for (const [field, kind] of FIELDS) {
    const v = values[field]
    state[field] = kind === 'date' ? read.date(v) : kind === 'date-or-null' ? (v === null || v === undefined ? null : read.date(v)) : kind === 'boolean' ? read.boolean(v) : v
  }
  return state as StateRow
}

/** A state with each date written as an ISO string (the log's snapshot, JSON). */
export function stateWithIsoDates(state: StateRow): { [F in keyof StateRow]: StateRow[F] extends Date ? string : StateRow[F] extends Date | null ? string | null : StateRow[F] } {
  const out: Record<string, unknown> = {}
  for (const [field] of FIELDS) {
    const v = state[field]
    out[field] = v instanceof Date ? v.toISOString() : v
  }
  return out as ReturnType<typeof stateWithIsoDates>
}

/** A card's state before it is ever seen, version 0 (only stored for a never-seen card that is suspended). */
export function neverSeenState(cardId: string, now: Date): StateRow {
  const state: Record<string, unknown> = {}
  for (const [field, kind] of FIELDS) state[field] = kind === 'date' ? now : kind === 'date-or-null' ? null : kind === 'boolean' ? false : 0
  return { ...(state as StateRow), cardId, state: CardStateKind.New }
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
