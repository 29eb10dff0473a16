/**
 * The state before an answer, as the log keeps it (ReviewLog.stateBefore, JSON), and back: what undo puts back.
 * Apart from ./card-state.ts because it needs zod, which the browser's modules leave out (about 95 KB compressed).
 */
import { z } from './zod'
import { CardStateKind, STATE_FIELDS, stateFromValues, stateWithIsoDates, type FieldKind, type StateRow } from './card-state'

/** Each kind of field as the snapshot's JSON holds it. */
const SNAPSHOT_KINDS = {
  string: z.string(),
  date: z.iso.datetime(),
  'date-or-null': z.iso.datetime().nullable(),
  number: z.number(),
  int: z.number().int(),
  boolean: z.boolean(),
} as const satisfies Record<FieldKind, z.ZodType>

const snapshotFields = Object.fromEntries(Object.entries(STATE_FIELDS).map(([field, kind]) => [field, SNAPSHOT_KINDS[kind]])) as {
  [F in keyof typeof STATE_FIELDS]: (typeof SNAPSHOT_KINDS)[(typeof STATE_FIELDS)[F]]
}

/** The snapshot's fields (the card state's, dates as ISO strings); `null` for a card never seen. */
export const stateSnapshotSchema = z
  .strictObject(snapshotFields)
  .extend({
    state: z.number().int().min(CardStateKind.New).max(CardStateKind.Relearning),
    version: z.number().int().min(1),
    // Snapshots written before the flags existed have neither: both were off.
    suspended: z.boolean().default(false),
    leech: z.boolean().default(false),
  })
  .nullable()

export type StateSnapshot = z.infer<typeof stateSnapshotSchema>

export function snapshotOf(before: StateRow | null): string {
  if (!before) return 'null'
  const snapshot: StateSnapshot = stateWithIsoDates(before)
  return JSON.stringify(snapshot)
}

/** A log's snapshot back as a state (undo puts it back); throws on a snapshot that is not one. */
export function stateFromSnapshot(json: string): StateRow | null {
  const parsed = stateSnapshotSchema.parse(JSON.parse(json))
  return parsed && stateFromValues(parsed, { date: (v) => new Date(v as string), boolean: (v) => v === true })
}
