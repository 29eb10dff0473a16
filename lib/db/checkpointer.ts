/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever commit crosses the
 * threshold and fsyncs there, which stalled one grade in a few hundred by 10–15 ms (npm run bench). The app's
 * connection turns the automatic checkpoint off, and this worker thread, with its own connection, runs a PASSIVE
 * checkpoint every second: it never blocks writers, and its fsync happens on another thread.
 *
 * PASSIVE alone never lets the WAL start over while writes keep coming (there is always a frame it has not copied
 * yet), and a WAL that grows makes every read slower: under the HTTP load test it reached 1.3 GB. So when the
 * frames written since the WAL last started over pass WAL_LIMIT_BYTES (the file's size would not do: it keeps its
 * size when the WAL starts over), the worker runs a RESTART checkpoint, which holds writers for the few milliseconds
 * it takes to copy what PASSIVE left, after which the next commit writes from the start of the file again. RESTART
 * rather than TRUNCATE: a commit that overwrites the WAL's existing blocks took 26 µs here, one that extends the
 * file 42 µs (docs/performance.md). The app's connection keeps the file at most WAL_KEEP_BYTES when it starts over
 * (`journal_size_limit`, lib/db/prisma.ts), should a burst have grown it past the limit.
 */
import { Worker } from 'node:worker_threads'

const WAL_LIMIT_BYTES = 32 * 1024 * 1024
export const WAL_KEEP_BYTES = 2 * WAL_LIMIT_BYTES

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require('better-sqlite3')
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
const pageBytes = db.pragma('page_size', { simple: true })
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)')
    if (log * pageBytes > workerData.walLimitBytes) db.pragma('wal_checkpoint(RESTART)')
  } catch (err) { /* busy: the next tick tries again */ }
}, workerData.intervalMs)
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} db.close(); process.exit(0) } })
`

/** Starts the checkpointer for the SQLite file; returns a function that stops it (resolved once it has closed). */
export function startCheckpointer(file: string, intervalMs = 1000, walLimitBytes = WAL_LIMIT_BYTES): () => Promise<void> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs, walLimitBytes } })
  worker.unref() // never keeps the process alive
  worker.on('error', (err) => console.error(`checkpointer: ${err.message}`))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return () => {
    worker.ref() // keep the process alive until the worker has closed its connection
    worker.postMessage('stop')
    return exited
  }
}
