/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever commit crosses the
 * threshold and fsyncs there, which stalled one grade in a few hundred by 10–15 ms (npm run bench). The app's
 * connection turns the automatic checkpoint off, and this worker thread, with its own connection, runs a PASSIVE
 * checkpoint every second: it never blocks writers, and its fsync happens on another thread.
 */
import { Worker } from 'node:worker_threads'

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require('better-sqlite3')
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (err) { /* busy: the next tick tries again */ }
}, workerData.intervalMs)
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} db.close(); process.exit(0) } })
`

/** Starts the checkpointer for the SQLite file; returns a function that stops it (resolved once it has closed). */
export function startCheckpointer(file: string, intervalMs = 1000): () => Promise<void> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs } })
  worker.unref() // never keeps the process alive
  worker.on('error', (err) => console.error(`checkpointer: ${err.message}`))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return () => {
    worker.ref() // keep the process alive until the worker has closed its connection
    worker.postMessage('stop')
    return exited
  }
}
