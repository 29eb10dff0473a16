import type { WorkerJob } from '../../lib/server/run-in-worker'
import type { OptimizeJobInput, OptimizeJobOutput, OptimizeProgress } from '../../lib/server/optimize-job'
import { fitEvaluation } from '../../lib/core/fsrs-fit'

/** The optimizer's job as a fit that comes out worse (the store test's control): first stabilities far too long. */
export const worseFitJob: WorkerJob<OptimizeJobInput, OptimizeJobOutput, OptimizeProgress> = (input) => {
  const weights = [...input.weights]
  for (let i = 0; i < 4; i++) weights[i] = 90
  return { weights, before: fitEvaluation(input.weights, input.items)!, after: fitEvaluation(weights, input.items)! }
}
