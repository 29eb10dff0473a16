/**
 * "Help me decide" on the server: the person's start read from the database, the simulation in a worker thread
 * (lib/server/run-in-worker.ts; about a second of CPU that must not hold up other requests), one simulation at a
 * time per server (the others wait their turn: each takes a core), and the last result per person remembered while
 * nothing it started from has changed (a reload shows the same chart at once).
 */
import 'server-only'
import { db } from '../db/prisma'
import { createDecide } from '../data/decide-service'
import type { DecideResult } from '../core/workload'
import { runInWorker } from './run-in-worker'
import { DECIDE_JOB } from './decide-job'

const decide = createDecide(db.exec)

/** How long one simulation may run before its worker is ended (the page then says it could not run). */
const RUN_TIMEOUT_MS = 60_000

/** Results kept per server: the last one of this many people (the oldest dropped first). */
const REMEMBERED_MAX = 200

type DecideState = { queue: Promise<unknown>; last: Map<string, { key: string; result: DecideResult }> }
// On globalThis: the server's bundles may each load this module, and the one-at-a-time rule is per process.
const globalForDecide = globalThis as unknown as { keyclaimsDecide?: DecideState }
const state: DecideState = (globalForDecide.keyclaimsDecide ??= { queue: Promise.resolve(), last: new Map() })

export type Decision = DecideResult & { desiredRetention: number }

/** Workload against retention for this person now (see lib/core/workload.ts). */
export async function helpMeDecide(userId: string, now: Date): Promise<Decision> {
  const { input, desiredRetention } = await decide.start(userId, now)
  const key = JSON.stringify(input)
  const remembered = state.last.get(userId)
  if (remembered?.key === key) return { ...remembered.result, desiredRetention }
  // A simulation that never ends (it should take a second or two) must not hold up everyone queued behind it.
  const run = state.queue.then(() =>
    runInWorker<typeof input, DecideResult>(DECIDE_JOB.modulePath, DECIDE_JOB.exportName, input, { signal: AbortSignal.timeout(RUN_TIMEOUT_MS) }),
  )
  // The next run waits for this one, whether it succeeds or fails.
  state.queue = run.catch(() => undefined)
  const result = await run
  state.last.delete(userId)
  state.last.set(userId, { key, result })
  if (state.last.size > REMEMBERED_MAX) state.last.delete(state.last.keys().next().value!)
  return { ...result, desiredRetention }
}
