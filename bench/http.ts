/**
 * `npm run bench:http [-- --postgres]`: loads the production server on loopback with autocannon — many users grading
 * at once through POST /api/reviews, bounded in count and time — and the same for a trivial route of the same server.
 * Afterwards it checks that the database holds exactly one log per acknowledged grade and none for the rest.
 *
 * With --postgres: an embedded PostgreSQL database and two server processes on it (BENCH_PORT and the next port),
 * every run's connections alternating between the two; then one user's two simultaneous answers to each of 50 cards,
 * one through each server, must give one 200 and one 409 (once on cards never seen, once on cards seen once).
 * Everything it starts is stopped when it ends, also on failure or Ctrl-C.
 */
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import { postgresTarget, sqliteTarget, type BenchUser, type Target } from './http-targets'
import { assertPortFree, startServer, stopServer, waitFor } from './server'

const POSTGRES = process.argv.includes('--postgres')
const PORT = Number(process.env.BENCH_PORT ?? 3290)
const PORTS = POSTGRES ? [PORT, PORT + 1] : [PORT]
/** The production server script (scripts/server.mjs: Next behind the client-address step), set once the start module is loaded. */
let serverScript = ""
const BASES = PORTS.map((port) => `http://127.0.0.1:${port}`)
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 55610)
const DB_PATH = path.join(process.cwd(), 'var', 'bench', 'http.db')
const SECRET = 'bench-only-secret-0123456789-abcdefghij'
const USERS = 100
const CONNECTIONS = 20
const MAX_SECONDS = 30
const TRIVIAL_REQUESTS = 15_000
/**
 * Grades per run: every user's every card (27,400) on SQLite; on PostgreSQL the first 10,000 of them, since it
 * grades several times slower here and the run is bounded by count (a run cut off by time would leave answers
 * logged whose acknowledgement was never read).
 */
const GRADES = POSTGRES ? 10_000 : Number.POSITIVE_INFINITY
/** Cards answered twice at once through the two servers, per round. */
const RACE_CARDS = 50

type Run = autocannon.Result & { seconds: number; serverCpuMs: number }

const servers: ChildProcess[] = []

/**
 * The servers' CPU time so far (all their threads, user + system), from /proc: CPU per request is steadier than the
 * rate, which moves with whatever else the two cores do (autocannon itself takes most of one). NaN off Linux.
 */
function serverCpuMs(): number {
  let total = 0
  for (const server of servers) {
    try {
      const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in USER_HZ (100 on Linux)
    } catch {
      return Number.NaN
    }
  }
  return total
}

/** Stops the servers (each in its own process group, so nothing it forked keeps a port) and waits for them. */
async function stopServers(): Promise<void> {
  await Promise.all(servers.splice(0).map(stopServer))
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

/**
 * One user's two answers to the same card at the same moment, one through each server (or both through the one
 * server on SQLite), with different review ids and ratings: one must be graded (200) and the other refused as stale
 * (409), and the card must hold exactly one log, the graded one's.
 */
async function raceRound(user: BenchUser, cardIds: string[], version: number) {
  const tally = new Map<string, number>()
  const graded = new Map<string, string>()
  await Promise.all(
    cardIds.map(async (cardId, i) => {
      await new Promise((r) => setTimeout(r, i * 20)) // one card at a time, roughly; both answers of a card together
      const answers = [3, 1].map((rating, k) => ({ reviewId: randomUUID(), rating, base: BASES[k % BASES.length]! }))
      const statuses = await Promise.all(
        answers.map(async (a) => {
          const response = await fetch(`${a.base}/api/reviews`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: `better-auth.session_token=${user.cookie}` },
            body: JSON.stringify({ reviewId: a.reviewId, cardId, rating: a.rating, version, durationMs: 4000 }),
          })
          await response.arrayBuffer()
          if (response.status === 200) graded.set(cardId, a.reviewId)
          return response.status
        }),
      )
      const key = statuses.sort().join('+')
      tally.set(key, (tally.get(key) ?? 0) + 1)
    }),
  )
  return { tally: Object.fromEntries(tally), graded }
}

async function main() {
  const { buildIfNeeded, serverScript: script } = await import('../scripts/start')
  serverScript = script
  const base = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' }
  // One build serves either database (both Prisma clients are in it).
  buildIfNeeded(base)
  for (const port of PORTS) await assertPortFree(port)
  let target: Target | undefined
  const cleanUp = async () => {
    await stopServers()
    await target?.close()
    target = undefined
  }
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    target = POSTGRES ? await postgresTarget(PG_PORT, SECRET) : await sqliteTarget(DB_PATH, SECRET)
    await measure(target, { ...base, ...target.env })
  } finally {
    await cleanUp()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

async function measure(target: Target, env: NodeJS.ProcessEnv) {
  // BENCH_PROFILE=dir writes a CPU profile of the server (node --cpu-prof) to find where a request's time goes.
  const profile = [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])]

  const users: BenchUser[] = []
  for (let i = 0; i < USERS; i++) users.push(await target.createUser())
  const cardIds = await target.cardIds()

  for (const port of PORTS) servers.push(startServer(serverScript, port, env, profile))
  await Promise.all(BASES.map((b, i) => waitFor(`${b}/api/health`, 60_000, servers[i]!)))
  // With two servers, autocannon spreads the connections over the URLs: connection i talks to server i % 2 (it takes
  // an array of URLs, lib/run.js, where its types say one string).
  const urls = (route: string) => (BASES.length === 1 ? `${BASES[0]}${route}` : (BASES.map((b) => `${b}${route}`) as unknown as string))
  // The trivial route runs before and after the grading (the rate is over both): the machine's and the server's
  // state drift (CPU frequency, JIT, the WAL the grades left to checkpoint), and one run after the grading alone
  // moved by ±8 % from run to run. A short first run warms the server up.
  const trivialRun = () => run({ url: urls('/api/health'), connections: CONNECTIONS, amount: TRIVIAL_REQUESTS, duration: MAX_SECONDS, timeout: 10 })
  await run({ url: urls('/api/health'), connections: CONNECTIONS, amount: 2_000, duration: MAX_SECONDS, timeout: 10 })
  const trivialBefore = await trivialRun()
  // The framework's own cost of a POST to the grading route: the same request without a session, answered 401 by
  // the route before it reads the body or the database. What a grade costs above it is the app's.
  let floorStatuses = 0
  const floorBody = JSON.stringify({ reviewId: randomUUID(), cardId: cardIds[0], rating: 3, version: 0, durationMs: 4000 })
  const floor = await run({
    url: urls('/api/reviews'),
    connections: CONNECTIONS,
    amount: TRIVIAL_REQUESTS,
    duration: MAX_SECONDS,
    timeout: 10,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: floorBody, onResponse: (status: number) => void (status === 401 || floorStatuses++) }],
  })
  // Every user grades each card once, as new (version 0): a bounded, known set of distinct grades.
  const plan: { cookie: string; cardId: string }[] = []
  for (const cardId of cardIds) for (const u of users) if (plan.length < GRADES) plan.push({ cookie: u.cookie, cardId })
  let next = 0
  const acknowledged = new Set<string>()
  const sent = new Set<string>()
  let otherStatus = 0

  const grading = await run({
    url: urls('/api/reviews'),
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

  const { reviewIds: logged, duplicates, byUser } = await target.logs()
  const lost = [...acknowledged].filter((id) => !logged.has(id)).length
  const unacknowledgedLogged = [...logged].filter((id) => !acknowledged.has(id)).length
  const notSent = [...logged].filter((id) => !sent.has(id)).length

  // Two answers at once to each card: first on cards never seen (the state's INSERT races), then on the same cards
  // at version 1 (the conditional UPDATE races).
  const racer = await target.createUser()
  const raceCards = cardIds.slice(0, RACE_CARDS)
  const rounds = [await raceRound(racer, raceCards, 0), await raceRound(racer, raceCards, 1)]
  const racerLogs = await byUser(racer.id)
  const expectedLogs = new Set(rounds.flatMap((r) => [...r.graded.values()]))
  const raceLogsWrong = racerLogs.length !== expectedLogs.size || racerLogs.some((l) => !expectedLogs.has(l.reviewId))
  const oneAndOne = rounds.map((r) => r.tally['200+409'] ?? 0)

  const line = (name: string, r: Run) =>
    `  ${name.padEnd(34)} ${rate(r).toFixed(0).padStart(8)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${String(r.errors + r.timeouts + r.non2xx).padStart(7)} ${String(r.requests.total).padStart(8)} ${((r.serverCpuMs * 1000) / r.requests.total).toFixed(0).padStart(13)}`
  const where = POSTGRES ? `PostgreSQL 18 (embedded), two servers on ports ${PORTS.join(' and ')}, connections alternating` : 'SQLite, one server'
  console.log(`\nHTTP on loopback, ${where}: ${CONNECTIONS} connections, ${USERS} users, ${plan.length} grades (autocannon ignores its duration when given an amount)`)
  console.log(`  ${'route'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'requests'.padStart(8)} ${'server CPU µs'.padStart(13)}`)
  console.log(line('POST /api/reviews (grade)', grading))
  console.log(line('POST /api/reviews, no session (401)', floor))
  console.log(line('GET /api/health (trivial, before)', trivialBefore))
  console.log(line('GET /api/health (trivial, after)', trivialAfter))
  console.log(`  grading / trivial throughput = ${(rate(grading) / trivialRate).toFixed(2)} (trivial: ${trivialRate.toFixed(0)} requests/s over both runs)`)
  console.log(`  the route's floor (the grade's request without a session, 401: the framework's own cost of it) / trivial = ${(rate(floor) / trivialRate).toFixed(2)}${floorStatuses ? `; NOT all 401: ${floorStatuses} other answers` : ''}`)
  console.log(`  acknowledged grades ${acknowledged.size}, logs ${logged.size}, lost ${lost}, logged without acknowledgement ${unacknowledgedLogged}, duplicated ${duplicates}, unknown ${notSent}, non-200 answers ${otherStatus}`)
  console.log(
    `  two answers at once to one card${POSTGRES ? ', one through each server' : ''}: ${rounds.map((r, v) => `version ${v}: ${JSON.stringify(r.tally)}`).join('; ')}; the racer's logs ${racerLogs.length}, ${raceLogsWrong ? 'NOT ' : ''}one per card, the graded answer's`,
  )
  mkdirSync('bench', { recursive: true })
  writeFileSync(
    path.join('bench', POSTGRES ? 'http-pg-results.json' : 'http-results.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        engine: target.engine,
        servers: PORTS.length,
        connections: CONNECTIONS,
        users: USERS,
        grading: summary(grading),
        trivialRequestsPerSecond: trivialRate,
        gradingToTrivial: rate(grading) / trivialRate,
        floorNoSession: summary(floor),
        floorToTrivial: rate(floor) / trivialRate,
        trivialBefore: summary(trivialBefore),
        trivialAfter: summary(trivialAfter),
        acknowledged: acknowledged.size,
        logs: logged.size,
        lost,
        unacknowledgedLogged,
        duplicates,
        race: { cards: RACE_CARDS, rounds: rounds.map((r) => r.tally), racerLogs: racerLogs.length, raceLogsWrong },
      },
      null,
      2,
    ),
  )
  if (floorStatuses || lost || unacknowledgedLogged || duplicates || notSent || raceLogsWrong || oneAndOne.some((n) => n !== RACE_CARDS)) process.exitCode = 1
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
