import type { WorkerJob } from '../../lib/server/run-in-worker'
import type { OptimizeJobInput, OptimizeJobOutput, OptimizeProgress } from '../../lib/server/optimize-job'
import { fitEvaluation, fitItems } from '../../lib/core/fsrs-fit'

/** The optimizer's job as a fit that comes out worse (the store test's control): first stabilities far too long. */
export const worseFitJob: WorkerJob<OptimizeJobInput, OptimizeJobOutput, OptimizeProgress> = (input) => {
  const weights = [...input.weights]
  for (let i = 0; i < 4; i++) weights[i] = 90
  const items = fitItems(input.log)
  return { weights, items: items.length, before: fitEvaluation(input.weights, items)!, after: fitEvaluation(weights, items)! }
}
