/**
 * The card browser's reads at scale (issue #16): the list (every live card with the person's state, then filtered and
 * sorted), a text search with a tag, and one card's info with its history, for a person with 100,000 logs inside the
 * benchmark's synthetic database of 1,000,000 logs. `npm run bench:browse [-- --quick] [-- --reuse]`.
 */
import type { Stats } from './timing'
import type { Learner } from './progress'

async function main() {
  const path = await import('node:path')
  const { existsSync } = await import('node:fs')
  const { buildSynthetic } = await import('./synth')
  const { addLearners } = await import('./progress')
  const { createDb } = await import('../lib/db/prisma')
  const { databaseConfig } = await import('../lib/db/config')
  const { createBrowse } = await import('../lib/data/browse-service')
  const { DEFAULT_FILTERS } = await import('../lib/core/browse')
  const { header, row, nowUs, stats } = await import('./timing')
  const quick = process.argv.includes('--quick')
  const now = new Date('2026-11-28T15:00:00Z')
  const logs = quick ? 100_000 : 1_000_000
  const file = path.join(process.cwd(), 'var', 'bench', `browse-${logs}.db`)
  const learner: Learner = { userId: 'learner-100k', logs: 100_000, days: 3 * 365 }
  // --reuse: measure again on the database the last run built (it only reads).
  if (!(process.argv.includes('--reuse') && existsSync(file))) {
    await buildSynthetic({ file, users: quick ? 100 : 1000, cardsPerUser: 150, logs, now })
    addLearners(file, [learner], now)
  }
  const db = createDb(databaseConfig({ DATABASE_URL: `file:${file}` }))
  const browse = createBrowse(db.exec)
  const id = learner.userId
  const first = (await browse.cards(id, DEFAULT_FILTERS, now)).cards[0]!
  const reads: [string, () => Promise<unknown>][] = [
    ['browser: every card, deck order', () => browse.cards(id, DEFAULT_FILTERS, now)],
    ['browser: search + tag, by difficulty', () => browse.cards(id, { ...DEFAULT_FILTERS, q: 'the', tag: first.tags[0] ?? null, sort: 'difficulty', dir: 'desc' }, now)],
    ['card info with its history', () => browse.card(id, first.cardId, now)],
  ]
  const results: [string, Stats][] = []
  for (const [name, read] of reads) {
    for (let i = 0; i < 20; i++) await read() // warm up: statement preparation, JIT
    const times: number[] = []
    for (let i = 0; i < 300; i++) {
      const t0 = nowUs()
      await read()
      times.push(nowUs() - t0)
    }
    results.push([name, stats(times)])
  }
  console.log(`\n${(logs + learner.logs).toLocaleString('en')} review logs in all; a person with ${learner.logs.toLocaleString('en')}`)
  console.log(header())
  for (const [name, s] of results) console.log(row(name, s))
  await db.close()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
