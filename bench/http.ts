/**
 * `npm run bench:http`: loads the production server on loopback with autocannon — many users grading at once
 * through POST /api/reviews, bounded in count and time — and the same for a trivial route of the same server.
 * Afterwards it checks that the database holds exactly one log per acknowledged grade and none for the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import autocannon from 'autocannon'
import { insertUser, type DirectUser } from '../e2e/users'
import { waitFor } from './server'

const PORT = Number(process.env.BENCH_PORT ?? 3290)
const BASE = `http://127.0.0.1:${PORT}`
const DB_PATH = path.join(process.cwd(), 'var', 'bench', 'http.db')
const SECRET = 'bench-only-secret-0123456789-abcdefghij'
const USERS = 100
const CONNECTIONS = 20
const MAX_SECONDS = 30
const TRIVIAL_REQUESTS = 15_000

type Run = autocannon.Result & { seconds: number; serverCpuMs: number }

let serverPid: number | undefined

/**
 * The server's CPU time so far (all its threads, user + system), from /proc: CPU per request is steadier than the
 * rate, which moves with whatever else the two cores do (autocannon itself takes most of one). NaN off Linux.
 */
function serverCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return Number.NaN
  }
}

/**
 * autocannon's duration is in whole seconds and a bounded run ends on its next one-second tick, which moved rates in
 * steps of ~5–10 %: the rate here is over the time from the first response to the last.
 */
function run(opts: autocannon.Options): Promise<Run> {
  let first: bigint | undefined
  let last = 0n
  const cpuBefore = serverCpuMs()
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) =>
      err ? reject(err) : resolve({ ...result, seconds: first === undefined ? Number.NaN : Number(last - first) / 1e9, serverCpuMs: serverCpuMs() - cpuBefore }),
    )
    instance.on('response', () => {
      last = process.hrtime.bigint()
      first ??= last
    })
  })
}

async function main() {
  const { freshSqliteDatabase } = await import('../scripts/prepare')
  const { buildIfNeeded, serverScript } = await import('../scripts/start')
  await freshSqliteDatabase(DB_PATH, SECRET)
  const env = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' }
  buildIfNeeded(env)
  // BENCH_PROFILE=dir writes a CPU profile of the server (node --cpu-prof) to find where a request's time goes.
  const profile = [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])]

  const users: DirectUser[] = []
  for (let i = 0; i < USERS; i++) users.push(await insertUser(DB_PATH, SECRET, { withPassword: false, newPerDay: 9999 }))
  const sqlite = new Database(DB_PATH)
  const cardIds = sqlite.prepare('SELECT id FROM "Card" WHERE retired = 0 ORDER BY position').pluck().all() as string[]
  sqlite.close()

  const server: ChildProcess = spawn(process.execPath, [...profile, serverScript, '-p', String(PORT), '-H', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  serverPid = server.pid
  try {
    await waitFor(`${BASE}/api/health`, 60_000)
    // The trivial route runs before and after the grading (the rate is over both): the machine's and the server's
    // state drift (CPU frequency, JIT, the WAL the grades left to checkpoint), and one run after the grading alone
    // moved by ±8 % from run to run. A short first run warms the server up.
    const trivialRun = () => run({ url: `${BASE}/api/health`, connections: CONNECTIONS, amount: TRIVIAL_REQUESTS, duration: MAX_SECONDS, timeout: 10 })
    await run({ url: `${BASE}/api/health`, connections: CONNECTIONS, amount: 2_000, duration: MAX_SECONDS, timeout: 10 })
    const trivialBefore = await trivialRun()
    // Every user grades each card once, as new (version 0): a bounded, known set of distinct grades.
    const plan: { cookie: string; cardId: string }[] = []
    for (const cardId of cardIds) for (const u of users) plan.push({ cookie: u.cookie, cardId })
    let next = 0
    const acknowledged = new Set<string>()
    const sent = new Set<string>()
    let otherStatus = 0

    const grading = await run({
      url: `${BASE}/api/reviews`,
      connections: CONNECTIONS,
      amount: plan.length,
      duration: MAX_SECONDS,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          setupRequest: (req, ctx) => {
            const context = ctx as Record<string, unknown>
            const item = plan[next++ % plan.length]!
            const reviewId = randomUUID()
            context.reviewId = reviewId
            sent.add(reviewId)
            return {
              ...req,
              headers: { 'content-type': 'application/json', cookie: `better-auth.session_token=${item.cookie}` },
              body: JSON.stringify({ reviewId, cardId: item.cardId, rating: 3, version: 0, durationMs: 4000 }),
            }
          },
          onResponse: (status: number, _body: string, ctx: object) => {
            if (status === 200) acknowledged.add((ctx as Record<string, unknown>).reviewId as string)
            else otherStatus++
          },
        },
      ],
    })
    const trivialAfter = await trivialRun()
    const trivialRate = (trivialBefore.requests.total + trivialAfter.requests.total - 2) / (trivialBefore.seconds + trivialAfter.seconds)

    const check = new Database(DB_PATH, { readonly: true })
    const logged = new Set(check.prepare('SELECT id FROM "ReviewLog"').pluck().all() as string[])
    const duplicates = Number(check.prepare('SELECT COUNT(*) - COUNT(DISTINCT userId || cardId) FROM "ReviewLog"').pluck().get())
    check.close()
    const lost = [...acknowledged].filter((id) => !logged.has(id)).length
    const unacknowledgedLogged = [...logged].filter((id) => !acknowledged.has(id)).length
    const notSent = [...logged].filter((id) => !sent.has(id)).length

    const line = (name: string, r: Run) =>
      `  ${name.padEnd(34)} ${rate(r).toFixed(0).padStart(8)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${String(r.errors + r.timeouts + r.non2xx).padStart(7)} ${String(r.requests.total).padStart(8)} ${((r.serverCpuMs * 1000) / r.requests.total).toFixed(0).padStart(13)}`
    console.log(`\nHTTP on loopback: ${CONNECTIONS} connections, ${USERS} users, up to ${plan.length} requests or ${MAX_SECONDS} s each`)
    console.log(`  ${'route'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'requests'.padStart(8)} ${'server CPU µs'.padStart(13)}`)
    console.log(line('POST /api/reviews (grade)', grading))
    console.log(line('GET /api/health (trivial, before)', trivialBefore))
    console.log(line('GET /api/health (trivial, after)', trivialAfter))
    console.log(`  grading / trivial throughput = ${(rate(grading) / trivialRate).toFixed(2)} (trivial: ${trivialRate.toFixed(0)} requests/s over both runs)`)
    console.log(`  acknowledged grades ${acknowledged.size}, logs ${logged.size}, lost ${lost}, logged without acknowledgement ${unacknowledgedLogged}, duplicated ${duplicates}, unknown ${notSent}, non-200 answers ${otherStatus}`)
    mkdirSync('bench', { recursive: true })
    writeFileSync(
      path.join('bench', 'http-results.json'),
      JSON.stringify({ date: new Date().toISOString(), connections: CONNECTIONS, users: USERS, grading: summary(grading), trivialRequestsPerSecond: trivialRate, gradingToTrivial: rate(grading) / trivialRate, trivialBefore: summary(trivialBefore), trivialAfter: summary(trivialAfter), acknowledged: acknowledged.size, logs: logged.size, lost, unacknowledgedLogged, duplicates }, null, 2),
    )
    if (lost || unacknowledgedLogged || duplicates || notSent) process.exitCode = 1
  } finally {
    server.kill('SIGTERM')
  }
}

/** Requests per second over the whole run. */
function rate(r: Run): number {
  return (r.requests.total - 1) / r.seconds
}

function summary(r: Run) {
  return { requestsPerSecond: rate(r), serverCpuUsPerRequest: (r.serverCpuMs * 1000) / r.requests.total, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, total: r.requests.total }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
