/**
 * A talk's plan at scale (issue #19): the whole deck planned for a date 60 days away, for the learners of
 * bench/progress.ts (every card seen, a long history) inside the large synthetic database, and for a newcomer (every
 * card new). The read is the talk page's whole one: the talk, the settings, the cards' states, the answer times, and
 * the plan computed by the pure core. Target: p99 ≤ 100 ms.
 */
import { randomUUID } from 'node:crypto'
import { talkInputSchema } from '../lib/core/talk'
import { studyDayDate } from '../lib/core/study-day'
import { studyDay } from '../lib/core/study-day'
import { addLearners, type Learner } from './progress'
import { TIME_ZONE } from './synth'
import { nowUs, stats } from './timing'

/** `npm run bench:talks [-- --quick] [-- --reuse]`: on a database of 1,000,000 logs (100,000 with --quick). */
async function main() {
  const path = await import('node:path')
  const { existsSync } = await import('node:fs')
  const { buildSynthetic } = await import('./synth')
  const { createDb } = await import('../lib/db/prisma')
  const { databaseConfig } = await import('../lib/db/config')
  const { createTalks } = await import('../lib/data/talk-service')
  const { header, row } = await import('./timing')
  const quick = process.argv.includes('--quick')
  const now = new Date('2026-11-28T15:00:00Z')
  const logs = quick ? 100_000 : 1_000_000
  const file = path.join(process.cwd(), 'var', 'bench', `talks-${logs}.db`)
  const learners: Learner[] = [
    { userId: 'learner-20k', logs: 20_000, days: 365 },
    { userId: 'learner-100k', logs: 100_000, days: 3 * 365 },
  ]
  if (!(process.argv.includes('--reuse') && existsSync(file))) {
    await buildSynthetic({ file, users: quick ? 100 : 1000, cardsPerUser: 150, logs, now })
    addLearners(file, learners, now)
  }
  const db = createDb(databaseConfig({ DATABASE_URL: `file:${file}` }))
  const talks = createTalks(db.exec)
  const today = studyDay(now, TIME_ZONE, 4)
  const sections = (await db.prisma.section.findMany({ where: { retired: false } })).map((s) => `${s.deckId}/${s.id}`)
  const input = talkInputSchema(studyDayDate(today)).parse({ title: 'Whole deck', date: studyDayDate(today + 60), sections, tags: [], minutesPerDay: '30' })
  const newcomer = 'talk-newcomer'
  await db.prisma.user.upsert({ where: { id: newcomer }, update: {}, create: { id: newcomer, name: 'Newcomer', email: 'newcomer@bench.test' } })
  console.log(`\n${(logs + 120_000).toLocaleString('en')} review logs in all; a talk over all ${sections.length} sections, 60 days away, 30 min a day`)
  console.log(header())
  for (const userId of [...learners.map((l) => l.userId), newcomer]) {
    const id = await talks.create(userId, input, now, randomUUID())
    for (let i = 0; i < 20; i++) await talks.view(userId, id, now) // warm-up: statements prepared, JIT
    const samples: number[] = []
    const cpu: number[] = []
    let view = await talks.view(userId, id, now)
    for (let i = 0; i < 200; i++) {
      const c0 = process.cpuUsage()
      const t0 = nowUs()
      view = await talks.view(userId, id, now)
      samples.push(nowUs() - t0)
      const c = process.cpuUsage(c0)
      cpu.push(c.user + c.system)
    }
    const p = view!.plan
    console.log(row(`talk plan, whole deck, 60 days, ${userId}`, stats(samples)))
    console.log(row(`  CPU time`, stats(cpu)))
    console.log(`    ${p.cards.length} cards, ${p.totalAnswers} answers planned, busiest day ${p.busiestDayAnswers}, ${p.unreachable.length} claims unreachable`)
    await talks.remove(userId, id)
  }
  await db.close()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
