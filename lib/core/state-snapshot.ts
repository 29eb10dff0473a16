/**
 * The state before an answer, as the log keeps it (ReviewLog.stateBefore, JSON), and back: what undo puts back.
 * Apart from ./card-state.ts because it needs zod, which the browser's modules leave out (about 95 KB compressed).
 */
import { z } from './zod'
import { CardStateKind, type StateRow } from './card-state'

/** The snapshot's fields; `null` for a card never seen. */
export const stateSnapshotSchema = z
  .strictObject({
    cardId: z.string(),
    due: z.iso.datetime(),
    stability: z.number(),
    difficulty: z.number(),
    elapsedDays: z.number().int(),
    scheduledDays: z.number().int(),
    learningSteps: z.number().int(),
    reps: z.number().int(),
    lapses: z.number().int(),
    state: z.number().int().min(CardStateKind.New).max(CardStateKind.Relearning),
    lastReview: z.iso.datetime().nullable(),
    version: z.number().int().min(1),
    // Snapshots written before the flags existed have neither: both were off.
    suspended: z.boolean().default(false),
    leech: z.boolean().default(false),
  })
  .nullable()

export type StateSnapshot = z.infer<typeof stateSnapshotSchema>

export function snapshotOf(before: StateRow | null): string {
  if (!before) return 'null'
  const snapshot: StateSnapshot = { ...before, due: before.due.toISOString(), lastReview: before.lastReview?.toISOString() ?? null }
  return JSON.stringify(snapshot)
}

/** A log's snapshot back as a state (undo puts it back); throws on a snapshot that is not one. */
export function stateFromSnapshot(json: string): StateRow | null {
  const parsed = stateSnapshotSchema.parse(JSON.parse(json))
  return parsed && { ...parsed, due: new Date(parsed.due), lastReview: parsed.lastReview === null ? null : new Date(parsed.lastReview) }
}
