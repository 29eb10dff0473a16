/**
 * "Help me decide" (issue #35): how long the workload simulation takes for 179 cards — the deck's size — in a worker
 * thread, as the settings page runs it (lib/server/decide.ts), the thread's start and tsx's load of the job included.
 * The start: 100 cards in review (stability 1–90 days, due over the next month, some overdue), 20 in learning and 59
 * never seen, with default parameters and limits. Prints one line per run and the median; `--runs N` (default 5).
 * The goal (issue #35): ≤ 2 s at a load average ≤ 2.
 */
import os from 'node:os'
import { runInWorker } from '../lib/server/run-in-worker'
import { DECIDE_JOB } from '../lib/server/decide-job'
import { DECIDE_RETENTIONS, DEFAULT_COSTS_SECONDS, DEFAULT_FIRST_RATING_ODDS, DEFAULT_REVIEW_RATING_ODDS, workloadByRetention, type DecideInput, type DecideResult, type SimCard } from '../lib/core/workload'
import { schedulerParameters } from '../lib/core/scheduler'
import { DEFAULT_SETTINGS } from '../lib/core/settings'
import { prng } from './synth'

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5
const rand = prng(35)
const cards: SimCard[] = [
  ...Array.from({ length: 100 }, (): SimCard => {
    const stability = 1 + rand() * 89
    const interval = Math.max(1, Math.round(stability))
    const dueDay = Math.round(rand() * 35) - 5
    return { state: 2, stability, difficulty: 2 + rand() * 7, dueDay, lastDay: dueDay - interval, step: 0, lapses: Math.floor(rand() * 3) }
  }),
  ...Array.from({ length: 20 }, (): SimCard => ({ state: 1, stability: 0.5 + rand() * 2, difficulty: 5 + rand() * 3, dueDay: 0, lastDay: 0, step: 1, lapses: 0 })),
]
const input: DecideInput = {
  parameters: schedulerParameters(DEFAULT_SETTINGS),
  cards,
  unseenCards: 59,
  newPerDay: DEFAULT_SETTINGS.newPerDay,
  maxReviewsPerDay: DEFAULT_SETTINGS.maxReviewsPerDay,
  leechThreshold: DEFAULT_SETTINGS.leechThreshold,
  costs: DEFAULT_COSTS_SECONDS,
  firstRatingOdds: DEFAULT_FIRST_RATING_ODDS,
  reviewRatingOdds: DEFAULT_REVIEW_RATING_ODDS,
}

async function main() {
const times: number[] = []
const cpuTimes: number[] = []
let result: DecideResult | null = null
for (let i = 0; i < runs; i++) {
  const start = performance.now()
  const cpuStart = process.cpuUsage() // every thread of the process: the worker's start, its load of the job, the run
  result = await runInWorker<DecideInput, DecideResult>(DECIDE_JOB.modulePath, DECIDE_JOB.exportName, input)
  const ms = performance.now() - start
  const used = process.cpuUsage(cpuStart)
  const cpuRunMs = (used.user + used.system) / 1000
  times.push(ms)
  cpuTimes.push(cpuRunMs)
  console.log(`run ${i + 1}: ${ms.toFixed(0)} ms in a worker, ${cpuRunMs.toFixed(0)} ms of CPU (179 cards × ${DECIDE_RETENTIONS.length} retentions × 365 days), load average ${os.loadavg()[0]!.toFixed(2)}`)
}
const inProcess = performance.now()
const cpu = process.cpuUsage()
workloadByRetention(input)
const cpuUsed = process.cpuUsage(cpu)
const inProcessMs = performance.now() - inProcess
const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000
times.sort((a, b) => a - b)
cpuTimes.sort((a, b) => a - b)
const best = result!.rows.find((r) => r.retention === result!.best)!
console.log(
  `Help me decide, 179 cards: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms in a worker, ${cpuTimes[Math.floor(cpuTimes.length / 2)]!.toFixed(0)} ms of CPU (thread start and job load included; ` +
    `${inProcessMs.toFixed(0)} ms computing in this process, ${cpuMs.toFixed(0)} ms of CPU), load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores; ` +
    `cheapest retention ${best.retention} (${best.answersPerDay.toFixed(1)} answers, ${best.minutesPerDay.toFixed(1)} min a day)`,
)
}

void main()
