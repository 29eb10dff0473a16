/**
 * `npm run bench:http`: loads the production server on loopback with autocannon — many users grading at once
 * through POST /api/reviews, bounded in count and time — and the same for a trivial route of the same server.
 * Afterwards it checks that the database holds exactly one log per acknowledged grade and none for the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rmSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import autocannon from 'autocannon'
import { insertUser, type DirectUser } from '../e2e/users'

const PORT = Number(process.env.BENCH_PORT ?? 3290)
const BASE = `http://127.0.0.1:${PORT}`
const DB_PATH = path.join(process.cwd(), 'var', 'bench', 'http.db')
const SECRET = 'bench-only-secret-0123456789-abcdefghij'
const USERS = 100
const CONNECTIONS = 20
const MAX_SECONDS = 30

async function waitFor(url: string, ms: number) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the server did not answer ${url} within ${ms} ms`)
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

async function main() {
  for (const suffix of ['', '-wal', '-shm']) rmSync(DB_PATH + suffix, { force: true })
  process.env.DATABASE_URL = `file:${DB_PATH}`
  process.env.BETTER_AUTH_SECRET = SECRET
  const { prepareDatabase, loadAllDecks } = await import('../scripts/prepare')
  const { buildIfNeeded } = await import('../scripts/start')
  await prepareDatabase()
  await loadAllDecks()
  const env = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' }
  buildIfNeeded(env)
  // BENCH_PROFILE=dir writes a CPU profile of the server (node --cpu-prof) to find where a request's time goes.
  const profile = [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])]

  const users: DirectUser[] = []
  for (let i = 0; i < USERS; i++) users.push(await insertUser(DB_PATH, SECRET, { withPassword: false, newPerDay: 9999 }))
  const sqlite = new Database(DB_PATH)
  const cardIds = sqlite.prepare('SELECT id FROM "Card" WHERE retired = 0 ORDER BY position').pluck().all() as string[]
  sqlite.close()

  const server: ChildProcess = spawn(process.execPath, [...profile, path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await waitFor(`${BASE}/api/health`, 60_000)
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
    const trivial = await run({ url: `${BASE}/api/health`, connections: CONNECTIONS, amount: plan.length, duration: MAX_SECONDS, timeout: 10 })

    const check = new Database(DB_PATH, { readonly: true })
    const logged = new Set(check.prepare('SELECT id FROM "ReviewLog"').pluck().all() as string[])
    const duplicates = Number(check.prepare('SELECT COUNT(*) - COUNT(DISTINCT userId || cardId) FROM "ReviewLog"').pluck().get())
    check.close()
    const lost = [...acknowledged].filter((id) => !logged.has(id)).length
    const unacknowledgedLogged = [...logged].filter((id) => !acknowledged.has(id)).length
    const notSent = [...logged].filter((id) => !sent.has(id)).length

    const line = (name: string, r: autocannon.Result) =>
      `  ${name.padEnd(28)} ${rate(r).toFixed(0).padStart(8)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${String(r.errors + r.timeouts + r.non2xx).padStart(7)} ${String(r.requests.total).padStart(8)}`
    console.log(`\nHTTP on loopback: ${CONNECTIONS} connections, ${USERS} users, up to ${plan.length} requests or ${MAX_SECONDS} s each`)
    console.log(`  ${'route'.padEnd(28)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'requests'.padStart(8)}`)
    console.log(line('POST /api/reviews (grade)', grading))
    console.log(line('GET /api/health (trivial)', trivial))
    console.log(`  grading / trivial throughput = ${(rate(grading) / rate(trivial)).toFixed(2)}`)
    console.log(`  acknowledged grades ${acknowledged.size}, logs ${logged.size}, lost ${lost}, logged without acknowledgement ${unacknowledgedLogged}, duplicated ${duplicates}, unknown ${notSent}, non-200 answers ${otherStatus}`)
    mkdirSync('bench', { recursive: true })
    writeFileSync(
      path.join('bench', 'http-results.json'),
      JSON.stringify({ date: new Date().toISOString(), connections: CONNECTIONS, users: USERS, grading: summary(grading), trivial: summary(trivial), acknowledged: acknowledged.size, logs: logged.size, lost, unacknowledgedLogged, duplicates }, null, 2),
    )
    if (lost || unacknowledgedLogged || duplicates || notSent) process.exitCode = 1
  } finally {
    server.kill('SIGTERM')
  }
}

/** Requests per second over the whole run (autocannon's average is over whole-second buckets). */
function rate(r: autocannon.Result): number {
  return r.requests.total / r.duration
}

function summary(r: autocannon.Result) {
  return { requestsPerSecond: rate(r), p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, total: r.requests.total }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
