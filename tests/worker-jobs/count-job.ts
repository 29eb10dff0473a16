import { threadId } from 'node:worker_threads'
import type { WorkerJob } from '../../lib/server/run-in-worker'
import { studyDay } from '../../lib/core/study-day'

/** A job for run-in-worker's tests: counts to `to`, reporting each step; `spin` blocks until terminated. */
export const countJob: WorkerJob<{ to: number; spin?: boolean; fail?: boolean }, { sum: number; day: number; thread: number }, number> = async (input, report) => {
  if (input.fail) throw new Error('asked to fail')
  let sum = 0
  for (let i = 1; i <= input.to; i++) {
    sum += i
    report(i)
  }
  // Let the progress reach the parent (it may cancel), then block the thread: only terminate() ends it.
  if (input.spin) await new Promise((r) => setTimeout(r, 10))
  while (input.spin) {
    /* until terminated */
  }
  return { sum, day: studyDay(new Date('2026-03-10T12:00:00Z'), 'UTC', 4), thread: threadId }
}
