/**
 * The FSRS optimizer's job, run in a worker thread by lib/server/run-in-worker.ts (never on the request's event loop):
 * fsrs-rs (through @open-spaced-repetition/binding) fits FSRS-6's 21 weights to the items, then both the weights in
 * use and the new ones are evaluated on the same items (lib/core/fsrs-fit.ts, fitEvaluation). Plain data in and out;
 * it imports no database, no Next and nothing 'server-only'.
 */
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding'
import type { WorkerJob } from './run-in-worker'
import { fitEvaluation, type FitEvaluation, type FitItem } from '../core/fsrs-fit'

export type OptimizeJobInput = {
  /** The items in chronological order (lib/core/fsrs-fit.ts, fitItems). */
  items: FitItem[]
  /** The weights in use now. */
  weights: readonly number[]
  /** The person's number of relearning steps (fsrs-rs bounds its short-term weights by it). */
  numRelearningSteps: number
}

export type OptimizeJobOutput = { weights: number[]; before: FitEvaluation; after: FitEvaluation }

/**
 * What the job is doing. fsrs-rs's own progress is not asked for: it blocks this thread while it fits, so its progress
 * calls arrive all at once at the end, and a thread terminated with such calls queued aborts the whole process.
 */
export type OptimizeProgress = { phase: 'starting' | 'fitting' | 'evaluating' }

/** The module path and export that runInWorker is given. */
export const OPTIMIZE_JOB = { modulePath: 'lib/server/optimize-job.ts', exportName: 'optimizeJob' } as const

export const optimizeJob: WorkerJob<OptimizeJobInput, OptimizeJobOutput, OptimizeProgress> = async (input, report) => {
  report({ phase: 'fitting' })
  const items = input.items.map((item) => new FSRSBindingItem(item.reviews.map(([rating, days]) => new FSRSBindingReview(rating, days))))
  const weights = await computeParameters(items, { enableShortTerm: true, numRelearningSteps: input.numRelearningSteps })
  report({ phase: 'evaluating' })
  return { weights, before: fitEvaluation(input.weights, input.items)!, after: fitEvaluation(weights, input.items)! }
}
