import type { WorkerJob } from '../../lib/server/run-in-worker'
import type { OptimizeJobInput, OptimizeJobOutput, OptimizeProgress } from '../../lib/server/optimize-job'
import { worseFitJob } from './worse-fit-job'

/** The optimizer's job taking 3 s first: a cancelled fit's thread still runs while the test asks again. */
export const slowFitJob: WorkerJob<OptimizeJobInput, OptimizeJobOutput, OptimizeProgress> = async (input, report) => {
  await new Promise((resolve) => setTimeout(resolve, 3_000))
  return worseFitJob(input, report)
}
