/**
 * The FSRS optimizer's job, run in a worker thread by lib/server/run-in-worker.ts (never on the request's event loop):
 * the items are built from the log, fsrs-rs (through @open-spaced-repetition/binding) fits FSRS-6's 21 weights to
 * them, then both the weights in use and the new ones are evaluated on the same items (lib/core/fsrs-fit.ts,
 * fitEvaluation). Plain data in and out; it imports no database, no Next and nothing 'server-only'.
 */
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding'
import type { WorkerJob } from './run-in-worker'
import { fitEvaluation, fitItems, type FitEvaluation, type FitLogEntry } from '../core/fsrs-fit'

export type OptimizeJobInput = {
  /** The person's log as lib/core/fsrs-fit.ts reads it: the items are built here (fitItems), off the request's thread. */
  log: FitLogEntry[]
  /** The weights in use now. */
  weights: readonly number[]
  /** The person's number of relearning steps (fsrs-rs bounds its short-term weights by it). */
  numRelearningSteps: number
}

/** `items`: how many items were fitted and evaluated. */
export type OptimizeJobOutput = { weights: number[]; items: number; before: FitEvaluation; after: FitEvaluation }

/**
 * What the job is doing. fsrs-rs's own progress is not asked for: it blocks this thread while it fits, so its progress
 * calls arrive all at once at the end, and a thread terminated with such calls queued aborts the whole process.
 */
export type OptimizeProgress = { phase: 'starting' | 'fitting' | 'evaluating' }

/** The module path and export that runInWorker is given. */
export const OPTIMIZE_JOB = { modulePath: 'lib/server/optimize-job.ts', exportName: 'optimizeJob' } as const

export const optimizeJob: WorkerJob<OptimizeJobInput, OptimizeJobOutput, OptimizeProgress> = async (input, report) => {
  report({ phase: 'fitting' })
  const items = fitItems(input.log)
  const bindingItems = items.map((item) => new FSRSBindingItem(item.reviews.map(([rating, days]) => new FSRSBindingReview(rating, days))))
  const weights = await computeParameters(bindingItems, { enableShortTerm: true, numRelearningSteps: input.numRelearningSteps })
  report({ phase: 'evaluating' })
  return { weights, items: items.length, before: fitEvaluation(input.weights, items)!, after: fitEvaluation(weights, items)! }
}
