/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever commit crosses the
 * threshold and fsyncs there, which stalled one grade in a few hundred by 10–15 ms (npm run bench). The app's
 * connection turns the automatic checkpoint off, and this worker thread, with its own connection, runs PASSIVE
 * checkpoints (below: in a lull, or past a backlog): they never block writers, and their fsyncs happen on another
 * thread.
 *
 * PASSIVE alone never lets the WAL start over while writes keep coming (there is always a frame it has not copied
 * yet), and a WAL that grows makes every read slower: under the HTTP load test it reached 1.3 GB. So before the
 * frames written since the WAL last started over can take the file past WAL_LIMIT_BYTES by the next tick (the
 * file's size would not do to judge: it keeps its size when the WAL starts over), the worker runs a RESTART
 * checkpoint, which holds writers for the few milliseconds it takes to copy what PASSIVE left, after which the next
 * commit writes from the start of the file again. RESTART rather than TRUNCATE: a commit that overwrites the WAL's
 * existing blocks took 26 µs here, one that extends the file 42 µs (docs/performance.md). The app's connection keeps
 * the file at most WAL_KEEP_BYTES when it starts over (`journal_size_limit`, lib/db/prisma.ts), should a burst have
 * grown it past the limit.
 */
import { Worker } from 'node:worker_threads'

export const WAL_LIMIT_BYTES = 32 * 1024 * 1024
export const WAL_KEEP_BYTES = 2 * WAL_LIMIT_BYTES
/** Frames not yet copied into the database that make the worker checkpoint even while writes keep coming. */
const BACKLOG_LIMIT_BYTES = 8 * 1024 * 1024

// The worker looks before it checkpoints. Every checkpoint that copies frames fsyncs the WAL and the database file,
// and on this machine's ext4 those fsyncs delayed the grades' own flushes (in-process grade p50 app/raw 1.45 with a
// checkpoint every second, 1.19 with none; docs/performance.md). So each tick it reads two counters from the WAL
// index (the -shm file, https://www.sqlite.org/walformat.html: mxFrame, the frames written since the WAL started
// over, at byte 16 of the header; nBackfill, the frames already copied, at byte 96; native byte order) and
// checkpoints only in a lull (no frame for a second) or when the backlog passes BACKLOG_LIMIT_BYTES or the file is
// about to pass its limit. Reading the index takes no lock and writes nothing; a torn read only makes one tick's
// choice wrong, never the data.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const fs = require('node:fs')
const Database = require('better-sqlite3')
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
const pageBytes = db.pragma('page_size', { simple: true })
const header = Buffer.alloc(100)
// Opened once and kept: POSIX drops every lock this process holds on a file when any descriptor of it is closed, so
// closing the -shm file would take the app's connection's locks on the WAL index away, and the next process to open
// the database (a script beside the server) would reset the index under the server, which then dies of SIGBUS.
// Closed only at stop, after the worker's own connection (the app closes its connection before it stops this).
let shmFd
function walIndex() {
  try {
    shmFd ??= fs.openSync(workerData.file + '-shm', 'r')
    if (fs.readSync(shmFd, header, 0, 100, 0) < 100) return null
    // aSalt (bytes 32–39) changes each time the WAL starts over.
    return { mxFrame: header.readUInt32LE(16), nBackfill: header.readUInt32LE(96), salt: header.readUInt32LE(32) + ':' + header.readUInt32LE(36) }
  } catch { return null }
}
// The file's bytes for n frames: its 32-byte header, and a 24-byte header before each page.
const fileBytes = (frames) => 32 + frames * (pageBytes + 24)
let lastMxFrame = 0
let lastSalt = ''
let lastWriteMs = Date.now()
const timer = setInterval(() => {
  try {
    const index = walIndex()
    let nearLimit = false
    if (index) {
      const nowMs = Date.now()
      // Frames written since the last tick: all of them when the WAL started over meanwhile.
      const grown = index.salt !== lastSalt ? index.mxFrame : index.mxFrame - lastMxFrame
      lastMxFrame = index.mxFrame
      lastSalt = index.salt
      if (grown > 0) lastWriteMs = nowMs
      const lull = nowMs - lastWriteMs >= workerData.lullMs
      const backlogFrames = index.mxFrame - index.nBackfill
      // Started over before the file can pass the limit by the next tick, at the rate it grew since the last one
      // (twice that, for a burst): the file keeps its size when the WAL starts over, so its largest size is the limit.
      nearLimit = fileBytes(index.mxFrame + 2 * grown) > workerData.walLimitBytes
      if (backlogFrames <= 0 && !nearLimit) return
      if (!lull && backlogFrames * pageBytes < workerData.backlogLimitBytes && !nearLimit) return
    }
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)')
    if (nearLimit || fileBytes(log) > workerData.walLimitBytes) db.pragma('wal_checkpoint(RESTART)')
  } catch (err) { /* busy: the next tick tries again */ }
}, workerData.intervalMs)
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} db.close(); if (shmFd !== undefined) fs.closeSync(shmFd); process.exit(0) } })
`

/**
 * Starts the checkpointer for the SQLite file; returns a function that stops it (resolved once it has closed). Stop it
 * after the process's other connections to the file have closed (see walIndex above).
 */
export function startCheckpointer(
  file: string,
  intervalMs = 200,
  walLimitBytes = WAL_LIMIT_BYTES,
  backlogLimitBytes = BACKLOG_LIMIT_BYTES,
): () => Promise<void> {
  // A lull is five ticks (a second) without a frame written: a short look costs one read of the index, a checkpoint
  // that copies frames two fsyncs, so the worker looks often and copies rarely.
  const lullMs = 5 * intervalMs
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs, walLimitBytes, backlogLimitBytes, lullMs } })
  worker.unref() // never keeps the process alive
  worker.on('error', (err) => console.error(`checkpointer: ${err.message}`))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return () => {
    worker.ref() // keep the process alive until the worker has closed its connection
    worker.postMessage('stop')
    return exited
  }
}
