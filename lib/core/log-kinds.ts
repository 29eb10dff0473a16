/**
 * The kinds of review-log entry, said once: an answer (`review`), a quiz answer that changes nothing (`quiz`), and
 * the manual changes of the review screen and the card browser. Limits and statistics count only `review`.
 */

/** The manual changes, each logged with its own kind so that undo can take it back and statistics leave it out. */
export const MANUAL_KINDS = ['bury', 'suspend', 'resume', 'unbury', 'reset'] as const
export type ManualKind = (typeof MANUAL_KINDS)[number]

/** The kinds undo goes back through: answers and the manual changes. */
export const UNDOABLE_KINDS = ['review', ...MANUAL_KINDS] as const

/** Manual changes that change no state (the day's log says which cards are buried): undo only marks them undone. */
export const LOG_ONLY_KINDS = ['bury', 'unbury'] as const satisfies readonly ManualKind[]

/** The entries of a study day the queue reads (lib/core/queue.ts, dayFacts): answers, and buries and unburies. */
export const DAY_LOG_KINDS = ['review', ...LOG_ONLY_KINDS] as const
