// The entry of every worker that lib/server/run-in-worker.ts starts. Plain JavaScript so that it loads in any process
// (the production server runs without a TypeScript loader): it imports the job's TypeScript module through tsx (a
// runtime dependency) and runs its exported function with the input, passing progress back as messages.
// Messages to the parent: { kind: 'progress', value } any number of times, then { kind: 'done', value } or
// { kind: 'failed', message }.
import { parentPort, workerData } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { tsImport } from 'tsx/esm/api'

const { modulePath, exportName, input } = workerData
try {
  const job = await tsImport(pathToFileURL(modulePath).href, import.meta.url)
  const run = job[exportName] ?? job.default?.[exportName]
  if (typeof run !== 'function') throw new Error(`${modulePath} exports no function ${exportName}`)
  const value = await run(input, (progress) => parentPort.postMessage({ kind: 'progress', value: progress }))
  parentPort.postMessage({ kind: 'done', value })
} catch (err) {
  parentPort.postMessage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) })
}
