/**
 * Moving a whole account (issue #36) at the size the issue promises: a person with 100,000 answers. Their history is
 * grown from real entries — a few hundred grades through the app's own grade path, whose log entries (with their
 * real state snapshots) are then repeated under new ids and sequence numbers up to 100,000 — restored into a fresh
 * account on a fresh database, exported again as JSON and as gzip, and read back as the restore route reads an upload
 * (gunzip, JSON, the format's zod schema). Prints each step's time and the files' sizes.
 *
 * `npm run bench:account [-- --postgres]` (PostgreSQL: embedded, on port BENCH_PG_PORT or 5499).
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { databaseConfig } from '../lib/db/config'
import { applyMigrations } from '../lib/db/schema-engine'
import { createDb, type Db } from '../lib/db/prisma'
import { loadDecks } from '../lib/deck/load'
import { createStudy } from '../lib/data/study-service'
import { exportUserData } from '../lib/data/export'
import { createAccountRestore } from '../lib/data/account-restore-service'
import { readAccountFile, type AccountFile } from '../lib/core/account-file'
import { RESTORE_UPLOAD_MAX_BYTES } from '../lib/core/request-limits'

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 100_000)
const REAL_GRADES = 400
const START = new Date('2026-01-05T14:00:00Z')
const DAY_MS = 86_400_000

async function freshDb(engine: 'sqlite' | 'postgresql', name: string, pgUrl?: (db: string) => Promise<string>): Promise<Db> {
  const url = engine === 'sqlite' ? `file:${path.join(mkdtempSync(path.join(os.tmpdir(), 'kc-bench-move-')), `${name}.db`)}` : await pgUrl!(name)
  const config = databaseConfig({ DATABASE_URL: url })
  await applyMigrations(config)
  const db = createDb(config)
  await loadDecks(db.prisma, path.join(process.cwd(), 'data'))
  return db
}

const ms = (t0: number) => `${Math.round(performance.now() - t0).toLocaleString('en')} ms`
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

async function main() {
  const engine = process.argv.includes('--postgres') ? 'postgresql' : 'sqlite'
  let stopPg = async () => {}
  let pgUrl: ((db: string) => Promise<string>) | undefined
  if (engine === 'postgresql') {
    const { startEmbeddedPg } = await import('../lib/db/embedded-pg')
    const server = await startEmbeddedPg(Number(process.env.BENCH_PG_PORT ?? 5499))
    pgUrl = (name) => server.createDatabase(name)
    stopPg = () => server.stop()
  }
  // The source: real grades over many days, through the app's grade path.
  const source = await freshDb(engine, 'source', pgUrl)
  await source.prisma.user.create({ data: { id: 'mover', name: 'Mover', email: 'mover@bench.test' } })
  await source.prisma.userSettings.create({ data: { userId: 'mover', timeZone: 'Europe/Berlin', newPerDay: 500, maxReviewsPerDay: 9999 } })
  const study = createStudy(source.exec)
  for (let i = 0, day = 0; i < REAL_GRADES && day < 400; day++) {
    const now = new Date(START.getTime() + day * DAY_MS)
    for (const card of await study.studyQueue('mover', now, 60)) {
      if (i >= REAL_GRADES) break
      const rating = ((i * 7) % 10 === 0 ? 1 : 3) as 1 | 3
      const graded = await study.gradeCard('mover', { reviewId: randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs: 3000 + (i % 9) * 1000 }, now)
      if (graded.kind === 'graded') i++
    }
  }
  const real = JSON.parse(JSON.stringify(await exportUserData('mover', new Date(), source.prisma))) as { reviewLogs: Record<string, unknown>[] }
  await source.close()
  // Grown to ANSWERS entries: the real ones repeated under new ids, in order.
  const grown = { ...real, reviewLogs: Array.from({ length: ANSWERS }, (_, i) => ({ ...real.reviewLogs[i % real.reviewLogs.length]!, id: randomUUID(), sequence: i + 1 })) }
  const text = JSON.stringify(grown)

  console.log(`\nAccount move on ${engine}: ${ANSWERS.toLocaleString('en')} answers (${real.reviewLogs.length} real ones repeated), ${(real as unknown as AccountFile).cardStates.length} card states`)
  let t0 = performance.now()
  const gz = gzipSync(text)
  console.log(`file: JSON ${mib(Buffer.byteLength(text))}, gzip ${mib(gz.length)} (gzip in ${ms(t0)}); the upload limit is ${mib(RESTORE_UPLOAD_MAX_BYTES)}`)
  t0 = performance.now()
  const read = readAccountFile(gunzipSync(gz).toString('utf8'))
  if ('problems' in read) throw new Error(JSON.stringify(read.problems))
  console.log(`read an upload (gunzip + JSON + zod): ${ms(t0)}`)

  const target = await freshDb(engine, 'target', pgUrl)
  await target.prisma.user.create({ data: { id: 'moved', name: 'Mover', email: 'moved@bench.test' } })
  await target.prisma.userSettings.create({ data: { userId: 'moved' } })
  const restore = createAccountRestore(target.exec)
  t0 = performance.now()
  const check = await restore.check('moved', read.file)
  console.log(`preview (the checks, nothing written): ${ms(t0)} → ${check.kind}`)
  t0 = performance.now()
  const result = await restore.restore('moved', read.file, new Date())
  console.log(`restore (one transaction): ${ms(t0)} → ${result.kind}`)
  t0 = performance.now()
  const again = JSON.stringify(await exportUserData('moved', new Date(), target.prisma))
  console.log(`export after: ${ms(t0)}, ${mib(Buffer.byteLength(again))}`)
  t0 = performance.now()
  const gzAgain = gzipSync(again)
  console.log(`its gzip: ${ms(t0)}, ${mib(gzAgain.length)}`)
  t0 = performance.now()
  console.log(`restore again (already restored): ${(await restore.restore('moved', read.file, new Date())).kind} in ${ms(t0)}`)
  await target.close()
  await stopPg()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
