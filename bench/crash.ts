/**
 * `npm run test:crash`: nothing acknowledged is lost when the server dies. 20 people grade through HTTP against the
 * production build on loopback; the server is killed with SIGKILL three times at random moments and started again
 * (as `npm start` would: migrations checked, then `next start`). Each person behaves as the review screen does: a
 * grade that got no answer is sent again, with the same review id, once the server is back.
 *
 * Afterwards, with the server stopped: every acknowledged grade is logged exactly once; every grade that was cut
 * off was either already committed (its re-send answers "replayed") or not (its re-send applies it), and a second
 * re-send of each answers "replayed"; each card's logs are versions 1…n with no gap or repeat and its state is at
 * version n; no log exists that nobody sent; SQLite's integrity check is ok. Bounded: loopback only, at most
 * MAX_GRADES_PER_PERSON grades each and MAX_SECONDS in all. Prints its figures; writes test-results/crash.json.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { TestUser } from '../lib/server/test-users'
import { waitFor } from './server'

const PORT = Number(process.env.CRASH_PORT ?? process.env.BENCH_PORT ?? 3292)
const BASE = `http://127.0.0.1:${PORT}`
const DB_PATH = path.join(process.cwd(), 'var', 'crash', 'crash.db')
const SECRET = 'crash-test-only-secret-0123456789-abcdefghij'
const PEOPLE = 20
const KILLS = 3
/** A kill lands this long after a fresh server has answered GRADES_BEFORE_KILL grades: random, under load. */
const GRADES_BEFORE_KILL = 100
const KILL_AFTER_MS = { min: 300, max: 2500 }
/** Grading goes on this long after the last restart, so grades are also acknowledged by the last server. */
const TAIL_MS = 1500
const MAX_GRADES_PER_PERSON = 2000
const MAX_SECONDS = 240
const REQUEST_TIMEOUT_MS = 10_000

type Sent = { reviewId: string; cardId: string; rating: number; version: number }
type Answer = { replayed: boolean; state: { version: number } }

let server: ChildProcess | undefined
/** Resolves when the current server answers; replaced at every kill. */
let serverUp: Promise<void> = Promise.resolve()
let stopping = false
const deadline = Date.now() + MAX_SECONDS * 1000

const figures = {
  acknowledged: 0,
  /** Grades sent that got no answer (in flight at a kill, or sent while the server was down). */
  cutOff: 0,
  cutOffAlreadyCommitted: 0,
  cutOffAppliedOnResend: 0,
  secondResendsReplayed: 0,
  otherAnswers: [] as string[],
}
/** Every grade someone holds an answer for: review id → what was sent. */
const answered = new Map<string, Sent>()
const cutOffIds: { user: TestUser; grade: Sent }[] = []

function startServer(): Promise<void> {
  const env = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1', BETTER_AUTH_SECRET: SECRET, DATABASE_URL: `file:${DB_PATH}` }
  // detached: its own process group, so the kill reaches every process of it and none keeps the port.
  server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
  return waitFor(`${BASE}/api/health`, 60_000)
}

function killServer(signal: NodeJS.Signals): Promise<void> {
  const child = server
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    process.kill(-child.pid!, signal)
  })
}

/** One POST; null when there was no answer at all (connection refused or reset, timeout). */
async function post(person: TestUser, grade: Sent): Promise<{ status: number; body: string } | null> {
  try {
    const response = await fetch(`${BASE}/api/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `better-auth.session_token=${person.cookie}` },
      body: JSON.stringify({ ...grade, durationMs: 3000 }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    return { status: response.status, body: await response.text() }
  } catch {
    return null
  }
}

/** Sends `grade` until some server answers it, as the review screen does; the answer, or null past the deadline. */
async function sendUntilAnswered(person: TestUser, grade: Sent): Promise<Answer | null> {
  let cutOff = false
  while (Date.now() < deadline) {
    const reply = await post(person, grade)
    if (!reply || reply.status >= 500) {
      if (!cutOff) figures.cutOff++
      cutOff = true
      await serverUp
      await new Promise((r) => setTimeout(r, 20))
      continue
    }
    if (reply.status !== 200) {
      figures.otherAnswers.push(`${reply.status} ${reply.body.slice(0, 120)}`)
      return null
    }
    const answer = JSON.parse(reply.body) as Answer
    answered.set(grade.reviewId, grade)
    if (cutOff) {
      cutOffIds.push({ user: person, grade })
      if (answer.replayed) figures.cutOffAlreadyCommitted++
      else figures.cutOffAppliedOnResend++
    } else {
      figures.acknowledged++
      if (answer.replayed) figures.otherAnswers.push(`a first send of ${grade.reviewId} answered as a replay`)
    }
    return answer
  }
  return null
}

/** One person: goes round their cards, each graded at the version the last answer gave. */
async function person(user: TestUser, cardIds: string[], offset: number): Promise<number> {
  const versions = new Map<string, number>()
  let grades = 0
  for (let i = 0; !stopping && grades < MAX_GRADES_PER_PERSON && Date.now() < deadline; i++) {
    const cardId = cardIds[(offset + i) % cardIds.length]!
    const grade: Sent = { reviewId: randomUUID(), cardId, rating: 1 + (i % 4), version: versions.get(cardId) ?? 0 }
    const answer = await sendUntilAnswered(user, grade)
    if (!answer) break
    versions.set(cardId, answer.state.version)
    grades++
  }
  return grades
}

/**
 * Resolves once the server (just started) has answered GRADES_BEFORE_KILL more grades: a fresh server's first
 * requests are slow (code loaded on first use), and a kill is meant to land under load, not during warm-up.
 */
async function gradingUnderway(): Promise<void> {
  const from = answered.size
  while (answered.size < from + GRADES_BEFORE_KILL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
}

/**
 * The people, made as the e2e suite's users are (lib/server/test-users.ts: the app's sign-up and settings), in this
 * process on the crash database, which is closed again before any server starts: only the servers write it after.
 */
async function makePeople(): Promise<TestUser[]> {
  Object.assign(process.env, { DATABASE_URL: `file:${DB_PATH}`, BETTER_AUTH_SECRET: SECRET })
  const [{ createTestUser }, { db }] = await Promise.all([import('../lib/server/test-users'), import('../lib/db/prisma')])
  try {
    const users: TestUser[] = []
    // 500 new cards a day, the most the setting allows: each person grades far more than the default 20.
    for (let i = 0; i < PEOPLE; i++) users.push(await createTestUser({ newPerDay: 500 }))
    return users
  } finally {
    await db.close()
  }
}

async function main() {
  const { freshSqliteDatabase, prepareDatabase } = await import('../scripts/prepare')
  const { buildIfNeeded } = await import('../scripts/start')
  const started = Date.now()
  mkdirSync(path.dirname(DB_PATH), { recursive: true })
  await freshSqliteDatabase(DB_PATH, SECRET)
  buildIfNeeded({ ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' })
  const users = await makePeople()
  const setup = new Database(DB_PATH, { readonly: true })
  const cardIds = setup.prepare('SELECT id FROM "Card" WHERE retired = 0 ORDER BY position').pluck().all() as string[]
  setup.close()

  await startServer()
  const gradingStarted = Date.now()
  const people = users.map((u, i) => person(u, cardIds, i * 13))
  const killMoments: number[] = []
  try {
    for (let k = 0; k < KILLS; k++) {
      await gradingUnderway()
      await new Promise((r) => setTimeout(r, KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min)))
      killMoments.push((Date.now() - gradingStarted) / 1000)
      let up!: () => void
      serverUp = new Promise((resolve) => (up = resolve))
      await killServer('SIGKILL')
      await prepareDatabase() // what npm start does before listening: nothing to migrate, the file is checked
      await startServer()
      up()
    }
    await gradingUnderway()
    await new Promise((r) => setTimeout(r, TAIL_MS))
  } finally {
    stopping = true
  }
  const graded = await Promise.all(people)
  // Every grade that was cut off, sent once more: it is on record now, so each answers as a replay.
  for (const { user, grade } of cutOffIds) {
    const reply = await post(user, grade)
    if (reply?.status === 200 && (JSON.parse(reply.body) as Answer).replayed) figures.secondResendsReplayed++
  }
  await killServer('SIGTERM')

  const db = new Database(DB_PATH)
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')
  const logs = db.prepare('SELECT id, userId, cardId, versionAfter FROM "ReviewLog" ORDER BY userId, cardId, versionAfter').all() as { id: string; userId: string; cardId: string; versionAfter: number }[]
  const stateVersions = new Map((db.prepare('SELECT userId, cardId, version FROM "CardState"').all() as { userId: string; cardId: string; version: number }[]).map((s) => [`${s.userId} ${s.cardId}`, s.version]))
  db.close()

  const logged = new Set(logs.map((l) => l.id))
  const lost = [...answered.keys()].filter((id) => !logged.has(id)).length
  const unknown = logs.filter((l) => !answered.has(l.id)).length
  // Per card: versions 1…n, each once, and the state at n. A grade applied twice would repeat or skip a version.
  let badSequences = 0
  const byCard = new Map<string, number[]>()
  for (const l of logs) byCard.set(`${l.userId} ${l.cardId}`, [...(byCard.get(`${l.userId} ${l.cardId}`) ?? []), l.versionAfter])
  for (const [key, versions] of byCard) {
    if (versions.some((v, i) => v !== i + 1) || stateVersions.get(key) !== versions.length) badSequences++
  }
  const failures = [
    lost > 0 && `${lost} acknowledged grades are not logged`,
    unknown > 0 && `${unknown} logs match no grade anyone was answered for`,
    badSequences > 0 && `${badSequences} cards' logs are not versions 1…n matching their state`,
    figures.secondResendsReplayed !== cutOffIds.length && `${cutOffIds.length - figures.secondResendsReplayed} cut-off grades did not answer as replays when sent again`,
    integrity !== 'ok' && `integrity check: ${integrity}`,
    killMoments.length !== KILLS && `the server was killed ${killMoments.length} times, not ${KILLS}`,
    figures.cutOff === 0 && 'no grade was cut off by a kill: the kills did not land under load',
    figures.otherAnswers.length > 0 && `unexpected answers: ${figures.otherAnswers.slice(0, 3).join(' | ')}`,
  ].filter((f): f is string => typeof f === 'string')

  const seconds = (Date.now() - started) / 1000
  console.log(`\ncrash test: ${PEOPLE} people grading through HTTP, the server SIGKILLed at ${killMoments.map((s) => `${s.toFixed(1)} s`).join(', ')} and restarted each time`)
  console.log(`  grades answered ${answered.size} (${graded.reduce((a, b) => a + b, 0)} by the people's loops): ${figures.acknowledged} acknowledged at once, ${figures.cutOff} cut off and sent again with their review ids`)
  console.log(`  of the cut-off grades: ${figures.cutOffAlreadyCommitted} had been committed (answered as replays), ${figures.cutOffAppliedOnResend} had not (applied on the re-send); a second re-send answered ${figures.secondResendsReplayed} of ${cutOffIds.length} as replays`)
  console.log(`  logs ${logs.length}: lost ${lost}, unknown ${unknown}, cards with a repeated or missing version ${badSequences}; integrity_check ${integrity}`)
  console.log(`  ${failures.length === 0 ? 'passed' : `FAILED: ${failures.join('; ')}`} in ${seconds.toFixed(1)} s`)
  mkdirSync('test-results', { recursive: true })
  writeFileSync(
    path.join('test-results', 'crash.json'),
    JSON.stringify({ date: new Date().toISOString(), passed: failures.length === 0, failures, people: PEOPLE, killMomentsSeconds: killMoments, answered: answered.size, ...figures, logs: logs.length, lost, unknown, badSequences, integrity, seconds }, null, 2),
  )
  if (failures.length > 0) process.exitCode = 1
}

main()
  .catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => {
    stopping = true
    if (server && server.exitCode === null && server.signalCode === null) process.kill(-server.pid!, 'SIGKILL')
  })
