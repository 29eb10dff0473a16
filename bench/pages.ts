/**
 * Every signed-in page's server data read (issue #34), in one table: on the synthetic database of 1,000,000 logs
 * (100,000 with --quick) with the two learners of bench/progress.ts (`learner-20k`, `learner-100k`), each page's read
 * through the very function the page awaits (app/page-data.ts, or the one data-layer call a page makes), plus the
 * settings read of the locale (i18n/request.ts) that every page's request makes beside it. Not counted: the session
 * look-up (better-auth's cookie check), the translations and the rendering. Each learner gets a talk over the whole deck
 * 60 days ahead and a quiz of that talk, both made through the app's own code; their claim page and card page are of
 * the card they answered most. Target: every p99 ≤ 50 ms.
 *
 * `npm run bench:pages [-- --quick] [-- --reuse]`; writes bench/pages-results.json.
 */
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'

const quick = process.argv.includes('--quick')
const reuse = process.argv.includes('--reuse')
const LOGS = quick ? 100_000 : 1_000_000
const FILE = path.join(process.cwd(), 'var', 'bench', `pages-${LOGS}.db`)
const NOW = new Date('2026-11-28T15:00:00Z')
const READS = 200
const TARGET_MS = 50
// The pages' own modules use the app's one database client (lib/db/prisma.ts), which takes its file from DATABASE_URL
// when first imported: set before any import of the app's code (hence the dynamic imports below).
process.env.DATABASE_URL = `file:${FILE}`

async function main() {
  const { buildSynthetic, TIME_ZONE } = await import('./synth')
  const { addLearners, timed } = await import('./progress')
  const pages = await import('../app/page-data')
  const { progress } = await import('../lib/data/progress')
  const { talks } = await import('../lib/data/talk')
  const { quiz } = await import('../lib/data/quiz')
  const { getSettings } = await import('../lib/data/settings')
  const { db } = await import('../lib/db/prisma')
  const { DEFAULT_FILTERS } = await import('../lib/core/browse')
  const { talkInputSchema } = await import('../lib/core/talk')
  const { studyDay, studyDayDate } = await import('../lib/core/study-day')

  const learners = [
    { userId: 'learner-20k', logs: 20_000, days: 365 },
    { userId: 'learner-100k', logs: 100_000, days: 3 * 365 },
  ]
  // --reuse: measure again on the database the last run built (each run removes the talk and quiz it made).
  if (!(reuse && existsSync(FILE))) {
    await buildSynthetic({ file: FILE, users: quick ? 100 : 1000, cardsPerUser: 150, logs: LOGS, now: NOW })
    addLearners(FILE, learners, NOW)
  }
  const today = studyDay(NOW, TIME_ZONE, 4)
  const sections = (await db.prisma.section.findMany({ where: { retired: false } })).map((s) => `${s.deckId}/${s.id}`)
  const talkInput = talkInputSchema(studyDayDate(today)).parse({ title: 'Whole deck', date: studyDayDate(today + 60), sections, tags: [], minutesPerDay: '30' })

  type Row = { page: string; learner: string; wall: { p50: number; p99: number; n: number }; cpu: { p50: number; p99: number; n: number } }
  const rows: Row[] = []
  const load = { before: os.loadavg() }
  for (const { userId } of learners) {
    const talkId = await talks.create(userId, talkInput, NOW, randomUUID())
    const quizId = randomUUID()
    await quiz.startForTalk(userId, talkId, NOW, quizId)
    // The card they answered most (the card page shows its history), and its claim.
    const [most] = await db.prisma.$queryRaw<{ cardId: string; claimId: string }[]>`
      SELECT l."cardId" AS "cardId", c."claimId" AS "claimId" FROM "ReviewLog" l JOIN "Card" c ON c.id = l."cardId"
      WHERE l."userId" = ${userId} GROUP BY l."cardId", c."claimId" ORDER BY COUNT(*) DESC, l."cardId" LIMIT 1`
    if (!most) throw new Error(`${userId} has no history`)
    const reads: [string, () => Promise<unknown>][] = [
      ['home', () => pages.homeData(userId, NOW)],
      ['review', () => pages.reviewData(userId, NOW, 10)], // PREFETCH of app/review/page.tsx
      ['progress (interview map)', () => pages.progressData(userId, NOW)],
      [`claim (${most.claimId})`, () => pages.claimData(userId, most.claimId, NOW)],
      ['statistics', () => progress.statistics(userId, NOW)],
      ['talks (list)', () => pages.talksData(userId)],
      // ownTalk (app/talks/view.ts) reads the view, then the page the rest.
      ['talk (whole deck, 60 days)', async () => pages.talkData(userId, (await talks.view(userId, talkId, NOW))!)],
      ['browse (page 1, deck order)', () => pages.browseData(userId, DEFAULT_FILTERS, NOW)],
      [`card (${most.cardId})`, () => pages.cardData(userId, most.cardId, NOW)],
      ['quiz', () => pages.quizData(userId)],
    ]
    for (const [page, read] of reads) {
      // Every page's request also reads the settings for its locale (i18n/request.ts), beside the page's own read.
      const request = () => Promise.all([getSettings(userId), read()])
      for (let i = 0; i < 20; i++) await request() // warm up: statements prepared, JIT
      const t = await timed(READS, request)
      rows.push({ page, learner: userId, wall: t.wall, cpu: t.cpu })
    }
    await quiz.drop(userId, quizId)
    await talks.remove(userId, talkId)
  }
  const after = os.loadavg()

  const ms = (us: number) => (us / 1000).toFixed(1).padStart(8)
  const load1 = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ')
  console.log(`\nEvery page's server data read: ${(LOGS + 120_000).toLocaleString('en')} review logs in all, SQLite, ${READS} reads each after 20 to warm up`)
  console.log('(the page\'s data-layer reads with the settings read of its locale; not the session look-up, translations or rendering)')
  console.log(`load average (1, 5, 15 min) ${load1(load.before)} before, ${load1(after)} after, on ${os.cpus().length} cores`)
  console.log(`  ${'page'.padEnd(34)} ${'person'.padEnd(13)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU p50'.padStart(8)} ${'CPU p99'.padStart(8)}  p99 ≤ ${TARGET_MS} ms`)
  for (const r of rows) {
    const ok = r.wall.p99 <= TARGET_MS * 1000 ? 'yes' : r.cpu.p99 <= TARGET_MS * 1000 ? 'CPU only' : 'NO'
    console.log(`  ${r.page.padEnd(34)} ${r.learner.padEnd(13)} ${ms(r.wall.p50)} ${ms(r.wall.p99)} ${ms(r.cpu.p50)} ${ms(r.cpu.p99)}  ${ok}`)
  }
  const flags = [quick ? '--quick' : '', reuse ? '--reuse' : ''].filter(Boolean).join(' ')
  const command = `npm run bench:pages${flags ? ` -- ${flags}` : ''}`
  writeFileSync(
    path.join('bench', 'pages-results.json'),
    JSON.stringify({ command, at: new Date().toISOString(), logs: LOGS + 120_000, reads: READS, loadAverage: { before: load.before, after }, cores: os.cpus().length, unit: 'µs', rows }, null, 2) + '\n',
  )
  await db.close()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
