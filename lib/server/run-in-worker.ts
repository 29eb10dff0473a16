/**
 * Long computations (the FSRS optimizer, the workload simulator) run in a worker thread: never on the event loop that
 * answers requests, and never inside the database's write gate (the job gets plain data in and gives plain data
 * back; the caller reads before and writes after). Cancelling (an AbortSignal) terminates the worker.
 *
 * A job is a TypeScript module under the project root exporting `(input, report) => output` (see WorkerJob). It runs
 * in a fresh thread with tsx as its loader and no `--conditions=react-server`, so it must not import 'server-only'
 * modules, Next or Prisma: give it data, not a database. Input, progress and output cross by structured clone.
 */
import path from 'node:path'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { projectRoot } from '../db/config'

/** What a job module exports: it computes from `input`, may `report` progress any number of times, and returns. */
export type WorkerJob<Input, Output, Progress = unknown> = (input: Input, report: (progress: Progress) => void) => Output | Promise<Output>

export type RunInWorkerOptions<Progress> = {
  /** Aborting it terminates the worker; the promise then rejects with the signal's reason (an AbortError by default). */
  signal?: AbortSignal | undefined
  onProgress?: ((progress: Progress) => void) | undefined
  resourceLimits?: ResourceLimits | undefined
  /**
   * What aborting does to the thread. `true` (the default): it is terminated at once — right for plain JavaScript.
   * `false`: the promise rejects at once, but the thread runs on to its end and exits by itself (its answer dropped).
   * For a job inside a native addon: terminating a thread while the addon still calls back into it aborts the whole
   * process (seen with @open-spaced-repetition/binding, whose progress calls arrive as its fit ends).
   */
  terminateOnAbort?: boolean | undefined
  /** Called once the thread has exited (after the promise settled, or later for a job let run to its end). */
  onExit?: (() => void) | undefined
}

/** The worker's plain-JavaScript entry (it loads the job's TypeScript through tsx). */
const ENTRY = path.join(/*turbopackIgnore: true*/ projectRoot, 'lib', 'server', 'worker-entry.mjs')

/**
 * The worker's first code, given as text (`eval`): it imports the entry at run time. Next's bundler follows
 * `new Worker(<a path>)` into the entry, then into tsx and esbuild, and the build fails on esbuild's binary; code as
 * text (made at run time, so not even a literal) is not followed, and the entry stays a plain file on disk.
 */
const BOOT = ['import(require("node:url").pathToFileURL(require("node:worker_threads").workerData.entry).href)'].join('')

/**
 * Runs `exportName` of the module at `modulePath` (relative to the project root) in a worker thread.
 * @example const w = await runInWorker<Items, number[]>('lib/server/optimize-job.ts', 'optimizeJob', items, { signal, onProgress })
 */
export function runInWorker<Input, Output, Progress = unknown>(
  modulePath: string,
  exportName: string,
  input: Input,
  options: RunInWorkerOptions<Progress> = {},
): Promise<Output> {
  const { signal, onProgress, resourceLimits, terminateOnAbort = true, onExit } = options
  if (signal?.aborted) return Promise.reject(abortReason(signal))
  return new Promise<Output>((resolve, reject) => {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { entry: ENTRY, modulePath: path.resolve(/*turbopackIgnore: true*/ projectRoot, modulePath), exportName, input },
      // A clean thread: the parent's flags (a test runner's, a loader's) are not the job's.
      execArgv: [],
      ...(resourceLimits ? { resourceLimits } : {}),
    })
    let settled = false
    const finish = (fn: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = () => finish(() => {
      if (terminateOnAbort) void worker.terminate()
      reject(abortReason(signal!))
    })
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (message: WorkerMessage<Output, Progress>) => {
      if (message.kind === 'progress') {
        if (!settled) onProgress?.(message.value)
      } else if (message.kind === 'done') {
        // Not terminated: it exits by itself once its job is over (see terminateOnAbort).
        finish(() => resolve(message.value))
      } else {
        finish(() => reject(new Error(message.message)))
      }
    })
    worker.on('error', (err) => finish(() => reject(err)))
    worker.on('exit', (code) => {
      finish(() => reject(new Error(`the worker stopped (exit code ${code}) before it answered`)))
      onExit?.()
    })
  })
}

type WorkerMessage<Output, Progress> = { kind: 'progress'; value: Progress } | { kind: 'done'; value: Output } | { kind: 'failed'; message: string }

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}
