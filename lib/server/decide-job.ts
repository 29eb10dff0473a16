/**
 * "Help me decide"'s job, run in a worker thread by lib/server/run-in-worker.ts (never on the request's event loop):
 * the simulator of lib/core/workload.ts over every retention. Plain data in and out; no database, no Next.
 */
import type { WorkerJob } from './run-in-worker'
import { workloadByRetention, type DecideInput, type DecideResult } from '../core/workload'

/** The module path and export that runInWorker is given. */
export const DECIDE_JOB = { modulePath: 'lib/server/decide-job.ts', exportName: 'decideJob' } as const

export const decideJob: WorkerJob<DecideInput, DecideResult> = (input) => workloadByRetention(input)
