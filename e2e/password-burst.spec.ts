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
 * (1 s, 2 s, 4 s … from the last failure: decision 0009), for a burst as for a guesser who sends one try at a time.
 * A loaded machine can take seconds to answer 50 requests (seen here: 6 and 7 checks from one address when the
 * burst took 2–4 s), so each answer is time-stamped from the burst's release: a failure is recorded when its check
 * is allowed (decision 0019), never before the release, so the 6th check's answer comes 1 s after it at the
 * earliest, the 7th 3 s after, the 8th 7 s after (the 11th, 12th … for the email's 10). At most 5 (or 10) checks
 * are answered within the first wait, and the later ones no sooner than the waits allow. A raced limit checks all 50
 * at once.
 */
import http from 'node:http'
import { randomInt } from 'node:crypto'
import { test, expect } from '@playwright/test'
import { createUser, query, engine, type TestUser } from './fixtures'
import { E2E_BASE_URL, E2E_PG_BASE_URL, E2E_PG_SECOND_BASE_URL } from './env'
import { AUTH_LIMITS } from '../lib/core/auth-limits'

/** An answer, and when it came: milliseconds after the burst's release (its last bytes sent). */
type Answer = { status: number; retryAfter?: string; atMs: number }

/** The servers that share the burst: both PostgreSQL servers, or the one SQLite server. */
const servers = () => (engine() === 'postgresql' ? [E2E_PG_BASE_URL, E2E_PG_SECOND_BASE_URL] : [E2E_BASE_URL]).map((url) => Number(new URL(url).port))

/** A client address of this test's own, so no other test shares its counters. */
const someClient = () => `198.19.${randomInt(256)}.${randomInt(1, 255)}`

/**
 * A sign-in sent all but its last byte: the server cannot answer before `release(nowMs)` sends that byte (answers are timed from `nowMs`). `sent` settles
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
  let releasedAt = Infinity
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, atMs: Date.now() - releasedAt }))
    })
    req.on('error', reject)
  })
  const sent = new Promise<void>((resolve, reject) => req.write(body.subarray(0, -1), (err) => (err ? reject(err) : resolve())))
  return { sent, answer, answered: () => answered, release: (atMs: number) => ((releasedAt = atMs), req.end(body.subarray(-1))) }
}

/**
 * Sends 50 wrong passwords for `user`, the i-th from `clients[i]` to the servers in turn, all in flight before the
 * first answer (asserted), and returns each client's answers.
 */
async function burst(user: TestUser, clients: string[]): Promise<Map<string, Answer[]>> {
  const ports = servers()
  const held = clients.map((client, i) => heldSignIn(ports[i % ports.length]!, client, user.email, `wrong-${i}`))
  await Promise.all(held.map((h) => h.sent))
  expect(held.filter((h) => h.answered()), 'answers before the whole burst was in flight').toHaveLength(0)
  const releasedAt = Date.now()
  for (const h of held) h.release(releasedAt)
  const answers = await Promise.all(held.map((h) => h.answer))
  const byClient = new Map<string, Answer[]>()
  clients.forEach((client, i) => byClient.set(client, [...(byClient.get(client) ?? []), answers[i]!]))
  test.info().annotations.push({ type: 'burst', description: `answered in ${Math.max(...answers.map((a) => a.atMs))} ms` })
  return byClient
}

const checked = (answers: Answer[]) => answers.filter((a) => a.status === 401).length

/**
 * Checks past the `free` failures no sooner than the doubling waits allow: the (free + k)-th check is allowed
 * 1 s + 2 s + … + 2^(k−1) s after the release at the earliest, so its answer comes no sooner. Every check's answer
 * time, each short by the sum of the waits before it (empty when they all kept to them).
 */
function checksBeforeTheirWaits(answers: Answer[], free: number): string[] {
  const times = answers.filter((a) => a.status === 401).map((a) => a.atMs).sort((a, b) => a - b)
  return times.flatMap((atMs, i) => {
    const earliestMs = i < free ? 0 : AUTH_LIMITS.firstWaitMs * (2 ** (i - free + 1) - 1)
    return atMs < earliestMs ? [`check ${i + 1} answered at ${atMs} ms, before ${earliestMs} ms`] : []
  })
}

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
  late.release(Date.now())
  return (await late.answer).status
}

test.describe('password guessing in a burst', () => {
  test('50 wrong passwords at once from one address: 5 checked, and no more than the waits allow', async () => {
    test.setTimeout(120_000)
    const user = await createUser()
    const client = someClient()
    const byClient = await burst(user, Array.from({ length: 50 }, () => client))
    const answers = byClient.get(client)!
    expect(answers.filter((a) => a.status !== 401 && a.status !== 429).map((a) => a.status), 'answers neither checked nor refused').toEqual([])
    expect(answers.filter((a) => a.status === 429 && !(Number(a.retryAfter) >= 1)), 'refusals without Retry-After').toEqual([])
    const checks = checked(answers)
    test.info().annotations.push({ type: 'checks', description: String(checks) })
    expect(checks).toBeGreaterThanOrEqual(AUTH_LIMITS.freeFailures)
    expect(checksBeforeTheirWaits(answers, AUTH_LIMITS.freeFailures), 'checks sooner than the waits allow').toEqual([])
    expect(await recordedFailures(user.email)).toEqual({ email: checks, pairs: [checks] })
    expect(await rightPasswordFromANewAddress(user)).toBe(200)
  })

  test('50 wrong passwords at once from 4 addresses: 10 checked, at most 5 from any one, and no more than the waits allow', async () => {
    test.setTimeout(120_000)
    const user = await createUser()
    const four = [someClient(), someClient(), someClient(), someClient()]
    const byClient = await burst(user, Array.from({ length: 50 }, (_, i) => four[i % 4]!))
    const all = [...byClient.values()].flat()
    expect(all.filter((a) => a.status !== 401 && a.status !== 429).map((a) => a.status), 'answers neither checked nor refused').toEqual([])
    const perClient = four.map((client) => checked(byClient.get(client)!))
    const checks = perClient.reduce((sum, n) => sum + n, 0)
    test.info().annotations.push({ type: 'checks', description: `${checks} (${perClient.join(' + ')})` })
    for (const client of four) expect(checksBeforeTheirWaits(byClient.get(client)!, AUTH_LIMITS.freeFailures), `${client}'s checks sooner than the waits allow`).toEqual([])
    expect(checks).toBeGreaterThanOrEqual(AUTH_LIMITS.emailFreeFailures)
    expect(checksBeforeTheirWaits(all, AUTH_LIMITS.emailFreeFailures), 'checks sooner than the email\'s waits allow').toEqual([])
    const recorded = await recordedFailures(user.email)
    expect(recorded.email).toBe(checks)
    expect(recorded.pairs).toEqual(perClient.filter((n) => n > 0).sort((a, b) => a - b))
    expect(await rightPasswordFromANewAddress(user)).toBe(200)
  })
})
