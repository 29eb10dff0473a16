/**
 * "Optimize" (issue #35): one fit at a time per server, in a worker thread (lib/server/run-in-worker.ts), outside the
 * database's write gate: the items are read, the worker fits and evaluates, and the new weights are written only if
 * their log loss is lower than that of the weights in use, compare-and-swap (another server may have changed them
 * meanwhile). The page polls `optimizerStatus` for progress and the outcome; `cancelOptimize` terminates the worker.
 * The outcome of a person's last run is kept in this server's memory (the kept weights' figures are also stored).
 */
import 'server-only'
import type { FsrsParameters } from '../data/fsrs-parameters-service'
import type { FitEvaluation, FitReadiness } from '../core/fsrs-fit'
import { runInWorker } from './run-in-worker'
import { OPTIMIZE_JOB, type OptimizeJobInput, type OptimizeJobOutput, type OptimizeProgress } from './optimize-job'

export type OptimizeOutcome =
  /** Too few items: none was fitted (`readiness` says how many more answers are needed). */
  | { kind: 'too-few'; readiness: FitReadiness }
  | { kind: 'kept'; items: number; before: FitEvaluation; after: FitEvaluation; cards: number }
  /** Fitted, but no better than the weights in use on the same items: those stay. */
  | { kind: 'not-better'; items: number; before: FitEvaluation; after: FitEvaluation }
  /** The parameters were changed (another server, a reset) while this fit ran: nothing written. */
  | { kind: 'changed-meanwhile'; items: number; before: FitEvaluation; after: FitEvaluation }
  | { kind: 'cancelled' }
  | { kind: 'failed' }

export type OptimizerStatus =
  | { kind: 'running'; progress: OptimizeProgress }
  /** A fit is running on this server: one at a time. `ownCancelled`: it is this person's, cancelled, still finishing. */
  | { kind: 'busy'; ownCancelled?: true }
  | { kind: 'idle'; outcome: OptimizeOutcome | null }

type Run = { userId: string; controller: AbortController; progress: OptimizeProgress }
/** `threadRunning`: a worker thread is still fitting (a cancelled fit runs on to its end, see startOptimize). */
type OptimizerState = { run: Run | null; threadRunning: boolean; threadUserId?: string; outcomes: Map<string, OptimizeOutcome> }

// On globalThis: the server's bundles may each load this module, and there is one optimizer per process.
const globalForOptimizer = globalThis as unknown as { keyclaimsOptimizer?: OptimizerState }
const state: OptimizerState = (globalForOptimizer.keyclaimsOptimizer ??= { run: null, threadRunning: false, outcomes: new Map() })
/** Outcomes kept per server: the last run's of this many people (the oldest dropped first). */
const OUTCOMES_MAX = 1000

function remember(userId: string, outcome: OptimizeOutcome) {
  state.outcomes.delete(userId)
  state.outcomes.set(userId, outcome)
  if (state.outcomes.size > OUTCOMES_MAX) state.outcomes.delete(state.outcomes.keys().next().value!)
}

/** The optimizer on a database's parameter service (the app's: lib/data/fsrs-parameters.ts; a test's own). */
export function createOptimizer(fsrsParameters: FsrsParameters, job: { modulePath: string; exportName: string } = OPTIMIZE_JOB) {
  return { status: optimizerStatus, start: (userId: string, now: () => Date) => startOptimize(fsrsParameters, job, userId, now), cancel: cancelOptimize }
}

export type Optimizer = ReturnType<typeof createOptimizer>

function optimizerStatus(userId: string): OptimizerStatus {
  if (state.run?.userId === userId) return { kind: 'running', progress: state.run.progress }
  return { kind: 'idle', outcome: state.outcomes.get(userId) ?? null }
}

/**
 * Starts a fit of this person's weights, unless one runs (theirs: its status; another's: busy) or there are too few
 * items (the outcome says how many more answers). `done` settles when the run has ended (tests and the benchmark wait on it).
 */
async function startOptimize(fsrsParameters: FsrsParameters, job: { modulePath: string; exportName: string }, userId: string, now: () => Date): Promise<{ status: OptimizerStatus; done: Promise<OptimizeOutcome | null> }> {
  if (state.run?.userId === userId) return { status: optimizerStatus(userId), done: Promise.resolve(null) }
  if (state.run || state.threadRunning) {
    const ownCancelled = !state.run && state.threadUserId === userId
    return { status: ownCancelled ? { kind: 'busy', ownCancelled } : { kind: 'busy' }, done: Promise.resolve(null) }
  }
  const run: Run = { userId, controller: new AbortController(), progress: { phase: 'starting' } }
  // Claimed before the first await: two calls at once start one run.
  state.run = run
  let input
  try {
    input = await fsrsParameters.fitInput(userId)
  } catch (err) {
    state.run = null
    throw err
  }
  if (input.readiness.kind === 'too-few') {
    state.run = null
    const outcome: OptimizeOutcome = { kind: 'too-few', readiness: input.readiness }
    remember(userId, outcome)
    return { status: { kind: 'idle', outcome }, done: Promise.resolve(outcome) }
  }
  let markExited: () => void = () => undefined
  const exited = new Promise<void>((resolve) => (markExited = resolve))
  const done = (async (): Promise<OptimizeOutcome> => {
    try {
      state.threadRunning = true
      state.threadUserId = userId
      const fitted = await runInWorker<OptimizeJobInput, OptimizeJobOutput, OptimizeProgress>(
        job.modulePath,
        job.exportName,
        { log: input.log, weights: input.weights, numRelearningSteps: input.numRelearningSteps },
        {
          signal: run.controller.signal,
          onProgress: (p) => (run.progress = p),
          // Cancel answers at once and writes nothing, but the thread is let finish: terminating it inside fsrs-rs
          // can abort the whole process (lib/server/run-in-worker.ts). Until it exits no other fit starts.
          terminateOnAbort: false,
          onExit: () => {
            state.threadRunning = false
            markExited()
          },
        },
      )
      const figures = { items: fitted.items, before: fitted.before, after: fitted.after }
      // Kept only when it fits better (Anki keeps the weights in use when their log loss is not higher).
      if (!(fitted.after.logLoss < fitted.before.logLoss)) return { kind: 'not-better', ...figures }
      const saved = await fsrsParameters.adopt(userId, input.basis, fitted.weights, { atMs: now().getTime(), ...figures }, now())
      return saved.kind === 'saved' ? { kind: 'kept', ...figures, cards: saved.cards } : { kind: 'changed-meanwhile', ...figures }
    } catch (err) {
      if (run.controller.signal.aborted) return { kind: 'cancelled' }
      console.error('the FSRS optimizer failed:', err)
      return { kind: 'failed' }
    }
  })().then(async (outcome) => {
    remember(userId, outcome)
    state.run = null
    // `done` once the thread is gone too: from then on the next fit may start.
    await exited
    return outcome
  })
  return { status: { kind: 'running', progress: run.progress }, done }
}

/** Stops this person's running fit: it answers "cancelled" at once and writes nothing. False when none runs. */
function cancelOptimize(userId: string): boolean {
  if (state.run?.userId !== userId) return false
  state.run.controller.abort()
  return true
}
