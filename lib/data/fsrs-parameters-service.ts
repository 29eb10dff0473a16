/**
 * A person's FSRS parameters (issue #35): what the optimizer learns from, and the one write that puts new parameters
 * in place (or the defaults back), and the one that restores the previous ones. Generators of the statements in
 * ./fsrs-parameters-sql.ts (decision 0007), run on either engine. The fit itself runs in a worker, between a read
 * and a write of this module (lib/server/optimizer.ts); nothing here waits for it.
 *
 * Where they live and how states follow them: docs/decisions/0020-fsrs-parameters.md. In short, the weights are the
 * settings row's `fsrsParameters` (JSON; null = the defaults), which every scheduling path reads with the settings;
 * a change recomputes each card's memory state from the log with the new weights, in the same transaction, each
 * card's version checked, its due date kept (Anki's "reschedule cards on change" off).
 */
import { z } from 'zod'
import { all, asBool, asDate, get, run, type Executor, type Work } from '../db/sql'
import { fitItemCount, fitReadiness, memoryStatesFromLog, type FitEvaluation, type FitLogEntry, type FitReadiness } from '../core/fsrs-fit'
import { DEFAULT_WEIGHTS } from '../core/scheduler'
import { DEFAULT_SETTINGS, stepMinutes } from '../core/settings'
import * as Q from './fsrs-parameters-sql'

/** How the kept weights were fitted: when, on how many items, and both sets' figures on them. */
export type FitRecord = { atMs: number; items: number; before: FitEvaluation; after: FitEvaluation }

const evaluation = z.object({ logLoss: z.number(), rmseBins: z.number() })
/** `fsrsParameters` as stored: FSRS-6's 21 weights and how they were fitted. */
const storedSchema = z.object({
  w: z.array(z.number()).length(21),
  fit: z.object({ atMs: z.number(), items: z.number().int(), before: evaluation, after: evaluation }).optional(),
})
/** `fsrsRestore` as stored: the parameters before the last change (text as stored, null = defaults), the log's last
 * sequence number when it was made, and each recomputed card's [id, stability, difficulty before, version after]. */
const restoreSchema = z.object({
  parameters: z.string().nullable(),
  lastSequence: z.number().int().nullable(),
  cards: z.array(z.tuple([z.string(), z.number(), z.number(), z.number().int()])),
})
type Restore = z.output<typeof restoreSchema>

/** The stored parameters' weights and fit (the defaults, no fit, when none or unreadable). */
export function parseStoredParameters(text: string | null): { w: readonly number[]; fit: FitRecord | null; custom: boolean } {
  if (!text) return { w: DEFAULT_WEIGHTS, fit: null, custom: false }
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text))
    if (parsed.success) return { w: parsed.data.w, fit: parsed.data.fit ?? null, custom: true }
  } catch {
    // Unreadable JSON: the defaults, as lib/data/study-context.ts would fail on it otherwise.
  }
  return { w: DEFAULT_WEIGHTS, fit: null, custom: false }
}

function parseRestore(text: string | null): Restore | null {
  if (!text) return null
  try {
    const parsed = restoreSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** What the settings page shows: the weights in use, how they were fitted, whether restore can run, and the data. */
export type ParametersView = {
  weights: readonly number[]
  custom: boolean
  fit: FitRecord | null
  /** "Restore previous parameters" is offered: a change was made and nothing was answered since. */
  canRestore: boolean
  readiness: FitReadiness
}

/**
 * What a fit is given: the log (the worker builds the items from it: a history prefix per item is ~1M arrays for
 * 20,000 answers, too many to build on the request's thread and copy over), how many items it makes, the weights in
 * use, and the stored text they came from (for compare-and-swap).
 */
export type FitInput = { log: FitLogEntry[]; readiness: FitReadiness; weights: readonly number[]; basis: string; numRelearningSteps: number }

function* fitLog(userId: string): Work<FitLogEntry[]> {
  const rows = yield* all(Q.FIT_LOG, [userId])
  return rows.map((r) => ({ ...r, reviewMs: asDate(r.review).getTime(), undone: asBool(r.undone) }))
}

function* fitInputWork(userId: string): Work<FitInput> {
  const row = yield* get(Q.PARAMETERS, [userId])
  const log = yield* fitLog(userId)
  return {
    log,
    readiness: fitReadiness(fitItemCount(log)),
    weights: parseStoredParameters(row?.fsrsParameters ?? null).w,
    basis: row?.fsrsParameters ?? '',
    numRelearningSteps: stepMinutes(row?.relearningSteps ?? DEFAULT_SETTINGS.relearningSteps).length,
  }
}

function* viewWork(userId: string): Work<ParametersView> {
  const row = yield* get(Q.PARAMETERS, [userId])
  const stored = parseStoredParameters(row?.fsrsParameters ?? null)
  const restore = parseRestore(row?.fsrsRestore ?? null)
  const last = (yield* get(Q.LAST_SEQUENCE, [userId]))?.sequence ?? null
  const items = fitItemCount(yield* fitLog(userId))
  return { weights: stored.w, custom: stored.custom, fit: stored.fit, canRestore: restore !== null && restore.lastSequence === last, readiness: fitReadiness(items) }
}

/** Thrown inside a write to undo all of it: a card or the parameters changed since they were read. */
class ChangedMeanwhile extends Error {}

/**
 * Puts `weights` in place (null: the defaults) if the stored parameters are still `basis`, recomputing every card's
 * memory state from the log with them, and keeps what restore needs. One transaction: all of it or nothing.
 */
function* adoptWork(userId: string, basis: string, weights: readonly number[] | null, fit: FitRecord | null, now: Date): Work<AdoptResult> {
  const row = yield* get(Q.PARAMETERS, [userId])
  if ((row?.fsrsParameters ?? '') !== basis) return { kind: 'changed-meanwhile' }
  // Read in this order: the last sequence, the cards' states and versions, then the log. On PostgreSQL (READ
  // COMMITTED: each statement sees what was committed when it began) a grade committed after the state read is in
  // the log read or not, but either way it bumped its card's version, so that card's write below fails and all of
  // this is undone; read the other way round, a grade committed between the log and the state read would pass the
  // version check and be overwritten by a state computed without it. (SQLite's writes wait behind the write gate.)
  const lastSequence = (yield* get(Q.LAST_SEQUENCE, [userId]))?.sequence ?? null
  const states = yield* all(Q.MEMORY_STATES, [userId])
  const recomputed = memoryStatesFromLog(weights ?? DEFAULT_WEIGHTS, yield* fitLog(userId))
  const cards: Restore['cards'] = []
  for (const card of states) {
    const next = recomputed.get(card.cardId)
    if (!next || (next.stability === card.stability && next.difficulty === card.difficulty)) continue
    const changed = yield* run(Q.WRITE_MEMORY_STATE, [next.stability, next.difficulty, now, userId, card.cardId, card.version])
    if (changed !== 1) throw new ChangedMeanwhile()
    cards.push([card.cardId, card.stability, card.difficulty, card.version + 1])
  }
  // The sequence read first: an answer committed after it makes restore refuse ("answered since"), never the reverse.
  const restore: Restore = { parameters: row?.fsrsParameters ?? null, lastSequence, cards }
  const text = weights ? JSON.stringify({ w: weights, ...(fit ? { fit } : {}) }) : null
  const swapped = yield* run(Q.SWAP_PARAMETERS, [userId, text, JSON.stringify(restore), now, text, JSON.stringify(restore), now, basis])
  if (swapped !== 1) throw new ChangedMeanwhile()
  return { kind: 'saved', cards: cards.length }
}

export type AdoptResult = { kind: 'saved'; cards: number } | { kind: 'changed-meanwhile' }
export type RestoreResult = { kind: 'restored'; cards: number } | { kind: 'nothing' } | { kind: 'answered-since' }

/**
 * Puts back the parameters before the last change and each card's memory state before it, while nothing has been
 * answered since: the log has no newer entry and every such card still has the version that change gave it.
 */
function* restoreWork(userId: string, now: Date): Work<RestoreResult> {
  const row = yield* get(Q.PARAMETERS, [userId])
  const restore = parseRestore(row?.fsrsRestore ?? null)
  if (!restore) return { kind: 'nothing' }
  if (((yield* get(Q.LAST_SEQUENCE, [userId]))?.sequence ?? null) !== restore.lastSequence) return { kind: 'answered-since' }
  for (const [cardId, stability, difficulty, version] of restore.cards) {
    if ((yield* run(Q.WRITE_MEMORY_STATE, [stability, difficulty, now, userId, cardId, version])) !== 1) throw new ChangedMeanwhile()
  }
  // Asked again after the writes: on PostgreSQL an answer to a card that change left alone (no version to check)
  // may have committed since the first read; it was scheduled with the weights restore would take away.
  if (((yield* get(Q.LAST_SEQUENCE, [userId]))?.sequence ?? null) !== restore.lastSequence) throw new ChangedMeanwhile()
  const current = row?.fsrsParameters ?? ''
  if ((yield* run(Q.SWAP_PARAMETERS, [userId, restore.parameters, null, now, restore.parameters, null, now, current])) !== 1) throw new ChangedMeanwhile()
  return { kind: 'restored', cards: restore.cards.length }
}

export function createFsrsParameters(exec: Executor) {
  /** A write that a card or the parameters changing meanwhile undoes whole: then `otherwise`. */
  async function write<T>(work: () => Work<T>, otherwise: T): Promise<T> {
    try {
      return await exec.write(work)
    } catch (err) {
      if (err instanceof ChangedMeanwhile) return otherwise
      throw err
    }
  }
  return {
    view: (userId: string) => exec.read(() => viewWork(userId)),
    /** The items and the weights in use, read once before a fit. */
    fitInput: (userId: string) => exec.read(() => fitInputWork(userId)),
    /** New weights (with their fit) if the parameters are still those the fit read (`basis`). */
    adopt: (userId: string, basis: string, weights: readonly number[], fit: FitRecord, now: Date) =>
      write<AdoptResult>(() => adoptWork(userId, basis, weights, fit, now), { kind: 'changed-meanwhile' }),
    /** "Reset to defaults": the default weights, the states recomputed with them; restorable as any change. */
    resetToDefaults: (userId: string, now: Date) =>
      write<AdoptResult>(function* () {
        return yield* adoptWork(userId, (yield* get(Q.PARAMETERS, [userId]))?.fsrsParameters ?? '', null, null, now)
      }, { kind: 'changed-meanwhile' }),
    restore: (userId: string, now: Date) => write<RestoreResult>(() => restoreWork(userId, now), { kind: 'answered-since' }),
  }
}

export type FsrsParameters = ReturnType<typeof createFsrsParameters>
