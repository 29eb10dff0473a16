/**
 * Password guessing in a burst (issue #32, decision 0019), against the production servers: 50 wrong passwords for one
 * account, all in flight before the first answer, get at most 5 password checks from one address and at most 10 in
 * all from 4 addresses. On SQLite one server takes the burst; on PostgreSQL it is shared out between two server
 * processes on the same database (scripts/e2e-server.ts), as a load balancer would.
 *
 * Every request connects over IPv6 to a server that trusts ::1 as a proxy and names its client in X-Forwarded-For
 * (as e2e/account-security.spec.ts does). A checked wrong password answers 401, a refused try 429 before any
 * password is checked: the 401s are the checks, and the failures the server recorded must say the same.
 *
 * The limits run on the real clock, and after the free failures each further try is allowed after a doubling wait
 * (1 s, 2 s, 4 s … from the last failure's answer: decision 0009), for a burst as for a guesser who sends one try at
 * a time. A loaded machine can take seconds to answer 50 requests (seen here: 6 and 7 checks from one address when
 * the burst took 2–4 s), so the bound is 5 (or 10) plus the tries those waits allow in the time the burst took: 5
 * when it is answered within a second, 6 within 3 s, 7 within 7 s. A raced limit checks all 50.
 */
import http from 'node:http'
import { randomInt } from 'node:crypto'
import { test, expect } from '@playwright/test'
import { createUser, query, engine, type TestUser } from './fixtures'
import { E2E_BASE_URL, E2E_PG_BASE_URL, E2E_PG_SECOND_BASE_URL } from './env'
import { AUTH_LIMITS } from '../lib/core/auth-limits'

type Answer = { status: number; retryAfter?: string }

/** The servers that share the burst: both PostgreSQL servers, or the one SQLite server. */
const servers = () => (engine() === 'postgresql' ? [E2E_PG_BASE_URL, E2E_PG_SECOND_BASE_URL] : [E2E_BASE_URL]).map((url) => Number(new URL(url).port))

/** A client address of this test's own, so no other test shares its counters. */
const someClient = () => `198.19.${randomInt(256)}.${randomInt(1, 255)}`

/**
 * A sign-in sent all but its last byte: the server cannot answer before `release()` sends that byte. `sent` settles
 * once the rest is handed to the socket.
 */
function heldSignIn(port: number, client: string, email: string, password: string) {
  const body = Buffer.from(JSON.stringify({ email, password }))
  const req = http.request({
    host: '::1',
    port,
    path: '/api/auth/sign-in/email',
    method: 'POST',
    agent: false,
    headers: {
      // better-auth checks the host and the origin against the site's; the proxy forwards both.
      Host: `127.0.0.1:${port}`,
      Origin: `http://127.0.0.1:${port}`,
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
      'X-Forwarded-For': client,
    },
  })
  let answered = false
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }))
    })
    req.on('error', reject)
  })
  const sent = new Promise<void>((resolve, reject) => req.write(body.subarray(0, -1), (err) => (err ? reject(err) : resolve())))
  return { sent, answer, answered: () => answered, release: () => req.end(body.subarray(-1)) }
}

/**
 * Sends 50 wrong passwords for `user`, the i-th from `clients[i]` to the servers in turn, all in flight before the
 * first answer (asserted), and returns each client's answers.
 */
async function burst(user: TestUser, clients: string[]): Promise<{ byClient: Map<string, Answer[]>; paidTries: number }> {
  const ports = servers()
  const held = clients.map((client, i) => heldSignIn(ports[i % ports.length]!, client, user.email, `wrong-${i}`))
  await Promise.all(held.map((h) => h.sent))
  expect(held.filter((h) => h.answered()), 'answers before the whole burst was in flight').toHaveLength(0)
  const releasedAt = Date.now()
  for (const h of held) h.release()
  const answers = await Promise.all(held.map((h) => h.answer))
  const durationMs = Date.now() - releasedAt
  const byClient = new Map<string, Answer[]>()
  clients.forEach((client, i) => byClient.set(client, [...(byClient.get(client) ?? []), answers[i]!]))
  const paidTries = triesAfterWaitsWithin(durationMs)
  test.info().annotations.push({ type: 'burst', description: `answered in ${durationMs} ms: ${paidTries} tries past the free ones allowed by the waits` })
  return { byClient, paidTries }
}

/** How many tries past the free failures the doubling waits (1 s, 2 s, 4 s …) allow within `ms`. */
function triesAfterWaitsWithin(ms: number): number {
  let tries = 0
  for (let waitedMs = AUTH_LIMITS.firstWaitMs; waitedMs <= ms; waitedMs += AUTH_LIMITS.firstWaitMs * 2 ** tries) tries++
  return tries
}

const checked = (answers: Answer[]) => answers.filter((a) => a.status === 401).length

/**
 * The failures the servers recorded for the email, and per (client, email) pair that has any (making the user
 * reserved a check for its sign-up and gave it back: a pair at 0).
 */
async function recordedFailures(email: string) {
  const rows = await query<{ key: string; count: number }>('SELECT "key", "count" FROM "AuthCounter" WHERE "key" = ? OR "key" LIKE ?', `email:${email}`, `pair:% ${email}`)
  const pairs = rows.filter((r) => r.key.startsWith('pair:') && Number(r.count) > 0).map((r) => Number(r.count))
  return { email: Number(rows.find((r) => r.key === `email:${email}`)?.count ?? 0), pairs: pairs.sort((a, b) => a - b) }
}

/** The right password from an address that took no part: signed in (the account and its password work). */
async function rightPasswordFromANewAddress(user: TestUser): Promise<number> {
  const late = heldSignIn(servers().at(-1)!, someClient(), user.email, user.password)
  await late.sent
  late.release()
  return (await late.answer).status
}

test.describe('password guessing in a burst', () => {
  test('50 wrong passwords at once from one address: 5 checked, and no more than the waits allow', async () => {
    test.setTimeout(120_000)
    const user = await createUser()
    const client = someClient()
    const { byClient, paidTries } = await burst(user, Array.from({ length: 50 }, () => client))
    const answers = byClient.get(client)!
    expect(answers.filter((a) => a.status !== 401 && a.status !== 429).map((a) => a.status), 'answers neither checked nor refused').toEqual([])
    expect(answers.filter((a) => a.status === 429 && !(Number(a.retryAfter) >= 1)), 'refusals without Retry-After').toEqual([])
    const checks = checked(answers)
    test.info().annotations.push({ type: 'checks', description: String(checks) })
    expect(checks).toBeGreaterThanOrEqual(AUTH_LIMITS.freeFailures)
    expect(checks).toBeLessThanOrEqual(AUTH_LIMITS.freeFailures + paidTries)
    expect(await recordedFailures(user.email)).toEqual({ email: checks, pairs: [checks] })
    expect(await rightPasswordFromANewAddress(user)).toBe(200)
  })

  test('50 wrong passwords at once from 4 addresses: 10 checked, at most 5 from any one, and no more than the waits allow', async () => {
    test.setTimeout(120_000)
    const user = await createUser()
    const four = [someClient(), someClient(), someClient(), someClient()]
    const { byClient, paidTries } = await burst(user, Array.from({ length: 50 }, (_, i) => four[i % 4]!))
    const all = [...byClient.values()].flat()
    expect(all.filter((a) => a.status !== 401 && a.status !== 429).map((a) => a.status), 'answers neither checked nor refused').toEqual([])
    const perClient = four.map((client) => checked(byClient.get(client)!))
    const checks = perClient.reduce((sum, n) => sum + n, 0)
    test.info().annotations.push({ type: 'checks', description: `${checks} (${perClient.join(' + ')})` })
    expect(Math.max(...perClient)).toBeLessThanOrEqual(AUTH_LIMITS.freeFailures + paidTries)
    expect(checks).toBeGreaterThanOrEqual(AUTH_LIMITS.emailFreeFailures)
    expect(checks).toBeLessThanOrEqual(AUTH_LIMITS.emailFreeFailures + paidTries)
    const recorded = await recordedFailures(user.email)
    expect(recorded.email).toBe(checks)
    expect(recorded.pairs).toEqual(perClient.filter((n) => n > 0).sort((a, b) => a - b))
    expect(await rightPasswordFromANewAddress(user)).toBe(200)
  })
})
