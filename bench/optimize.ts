/**
 * `npm run bench:optimize [-- --answers N] [-- --reuse]`: "Optimize" on one person's 20,000 answers (issue #35). The
 * history is made through the app's own grade path (tests/synthetic-history.ts: a simulated learner over every live
 * card, day by day), on a fresh SQLite database with the app's migrations and decks. Then the whole run as the
 * Settings page starts it: the items read from the log, fsrs-rs's fit and both evaluations in a worker thread, and
 * (if the log loss fell) the weights written with every card's memory state recomputed. Prints the wall time of each
 * part and of the whole, the process's peak resident memory (worker included) before and after, and the figures.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { databaseConfig } from '../lib/db/config'
import { applyMigrations } from '../lib/db/schema-engine'
import { createDb } from '../lib/db/prisma'
import { loadDecks } from '../lib/deck/load'
import { createStudy } from '../lib/data/study-service'
import { createFsrsParameters } from '../lib/data/fsrs-parameters-service'
import { createOptimizer } from '../lib/server/optimizer'
import { gradeSyntheticHistory } from '../tests/synthetic-history'

const USER = 'bench-optimizer'
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`

async function main() {
  const { values } = parseArgs({ options: { answers: { type: 'string', default: '20000' }, reuse: { type: 'boolean', default: false } } })
  const answers = Number(values.answers)
  const file = path.join(process.cwd(), 'var', 'bench', `optimize-${answers}.db`)
  const fresh = !(values.reuse && existsSync(file))
  if (fresh) {
    mkdirSync(path.dirname(file), { recursive: true })
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  }
  const config = databaseConfig({ DATABASE_URL: `file:${file}` })
  await applyMigrations(config)
  const db = createDb(config)
  try {
    if (fresh) {
      await loadDecks(db.prisma, path.join(process.cwd(), 'data'))
      await db.prisma.user.create({ data: { id: USER, name: 'Bench', email: 'optimizer@bench.test' } })
      await db.prisma.userSettings.create({ data: { userId: USER, timeZone: 'UTC', rolloverHour: 4, newPerDay: 20 } })
      const cardIds = (await db.prisma.card.findMany({ where: { retired: false }, orderBy: [{ position: 'asc' }, { id: 'asc' }] })).map((c) => c.id)
      const t0 = performance.now()
      await gradeSyntheticHistory(createStudy(db.exec), { userId: USER, cardIds, answers, startMs: Date.UTC(2024, 0, 1), newPerDay: 20 })
      console.log(`history: ${answers.toLocaleString('en')} answers to ${cardIds.length} cards through the grade path in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    } else {
      // Measured again from the weights the history began with.
      await db.prisma.userSettings.update({ where: { userId: USER }, data: { fsrsParameters: null, fsrsRestore: null } })
    }
    const params = createFsrsParameters(db.exec)
    const rssBeforeKb = process.resourceUsage().maxRSS
    let t = performance.now()
    const input = await params.fitInput(USER)
    const readMs = performance.now() - t
    // Where the time goes: the optimizer's phase polled every 20 ms (as the panel does, finer), and the write timed.
    let writeMs = 0
    const timedParams: typeof params = {
      ...params,
      adopt: async (...args) => {
        const w0 = performance.now()
        try {
          return await params.adopt(...args)
        } finally {
          writeMs = performance.now() - w0
        }
      },
    }
    const optimizer = createOptimizer(timedParams)
    const phaseAtMs = new Map<string, number>()
    t = performance.now()
    const started = await optimizer.start(USER, () => new Date())
    const startedMs = performance.now() - t
    const poll = setInterval(() => {
      const s = optimizer.status(USER)
      const phase = s.kind === 'running' ? s.progress.phase : s.kind
      if (!phaseAtMs.has(phase)) phaseAtMs.set(phase, performance.now() - t)
    }, 20)
    const outcome = await started.done
    const fitAndWriteMs = performance.now() - t
    clearInterval(poll)
    const rssAfterKb = process.resourceUsage().maxRSS
    console.log(`items: ${input.readiness.items.toLocaleString('en')} (answers to cards studied on an earlier day)`)
    console.log(`read the log and count the items: ${readMs.toFixed(0)} ms`)
    console.log(`optimize (worker start, items built, fsrs-rs fit, both evaluations, the write): ${(fitAndWriteMs / 1000).toFixed(2)} s`)
    console.log(`  start (log read again, counted): ${(startedMs / 1000).toFixed(2)} s`)
    // The phases as first seen by the 20 ms poll (one that passes between two polls is missing): the worker reports
    // "fitting" once it runs the job, "evaluating" after fsrs-rs's fit; "idle" once the outcome is written; the run is
    // done once the thread has exited too.
    const seen = [...phaseAtMs].map(([phase, ms]) => `${phase} at ${(ms / 1000).toFixed(2)} s`).join(', ')
    console.log(`  phases: ${seen}; the write took ${(writeMs / 1000).toFixed(2)} s; done (thread exited) at ${(fitAndWriteMs / 1000).toFixed(2)} s`)
    console.log(`peak resident memory of the process: ${mb(rssBeforeKb)} before, ${mb(rssAfterKb)} after`)
    if (outcome && (outcome.kind === 'kept' || outcome.kind === 'not-better')) {
      console.log(`outcome: ${outcome.kind}; log loss ${outcome.before.logLoss.toFixed(4)} → ${outcome.after.logLoss.toFixed(4)}, RMSE(bins) ${outcome.before.rmseBins.toFixed(4)} → ${outcome.after.rmseBins.toFixed(4)}${outcome.kind === 'kept' ? `, ${outcome.cards} cards recomputed` : ''}`)
    } else {
      console.log(`outcome: ${outcome?.kind ?? 'none'}`)
    }
  } finally {
    await db.close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
