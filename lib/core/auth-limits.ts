/**
 * How often a password may be checked (decision 0009). Pure: counters in, a decision out; `now` is an argument.
 * Three counters take part in every check:
 * - per client address: at most 30 password checks a minute, across all emails (against spraying);
 * - per (email, client): 5 failures, then each further try waits 1 s, 2 s, 4 s … up to 5 minutes after the last
 *   failure (against guessing);
 * - per email, across clients: past 10 failures the same doubling wait, but only for clients that have themselves
 *   failed for this email. A client that has not been failing is never kept out by someone else's failures, so the
 *   right person still gets in while their email is under attack.
 * Failures are forgotten 15 minutes after the last one; a success forgets the (email, client) failures.
 * A check is counted as a failure when it is allowed, before the password is checked, and taken back if it was not
 * one (decision 0019): a burst is decided one request at a time against the checks already in flight.
 */

export const AUTH_LIMITS = {
  freeFailures: 5,
  emailFreeFailures: 10,
  failureMemoryMs: 15 * 60_000,
  firstWaitMs: 1_000,
  maxWaitMs: 5 * 60_000,
  checksPerClient: 30,
  clientWindowMs: 60_000,
  /** How long a check in flight is remembered if its request never settles it (the process died mid-check). */
  inFlightMemoryMs: 60_000,
  /** The wait of a new client while an email past its free failures has checks in flight. */
  inFlightWaitMs: 1_000,
} as const

/** One stored counter: `count` events since `startedAt`, the latest at `lastAt`; meaningless after `expiresAt`. */
export type AuthCounter = { count: number; startedAt: Date; lastAt: Date; expiresAt: Date }

export type CheckDecision = { allowed: true } | { allowed: false; retryAfterMs: number; reason: 'client' | 'email' }

const live = (counter: AuthCounter | undefined, now: Date): counter is AuthCounter => !!counter && now.getTime() < counter.expiresAt.getTime()

/**
 * Milliseconds to wait before the next try, given failures on record (0: may try now).
 * @example failureWaitMs({ count: 6, lastAt: 10:00:00, … }, 10:00:01.5, 5) === 500 // the 7th try waits 2 s after the 6th
 */
export function failureWaitMs(failures: AuthCounter | undefined, now: Date, freeFailures: number): number {
  if (!live(failures, now) || failures.count < freeFailures) return 0
  const waitMs = Math.min(AUTH_LIMITS.maxWaitMs, AUTH_LIMITS.firstWaitMs * 2 ** (failures.count - freeFailures))
  return Math.max(0, failures.lastAt.getTime() + waitMs - now.getTime())
}

/** The failure counter after one more failure at `now`. */
export function withFailure(failures: AuthCounter | undefined, now: Date): AuthCounter {
  const expiresAt = new Date(now.getTime() + AUTH_LIMITS.failureMemoryMs)
  if (!live(failures, now)) return { count: 1, startedAt: now, lastAt: now, expiresAt }
  return { count: failures.count + 1, startedAt: failures.startedAt, lastAt: now, expiresAt }
}

/** Milliseconds until a client's minute of checks is over, when it has used them all (0: may check now). */
export function checksWaitMs(checks: AuthCounter | undefined, now: Date): number {
  if (!live(checks, now) || checks.count < AUTH_LIMITS.checksPerClient) return 0
  return checks.expiresAt.getTime() - now.getTime()
}

/** The client's check counter after one more check at `now` (a fixed one-minute window from its first check). */
export function withCheck(checks: AuthCounter | undefined, now: Date): AuthCounter {
  if (!live(checks, now)) return { count: 1, startedAt: now, lastAt: now, expiresAt: new Date(now.getTime() + AUTH_LIMITS.clientWindowMs) }
  return { ...checks, count: checks.count + 1, lastAt: now }
}

/** The email's count of checks in flight after one more starts at `now`. */
export function withInFlight(inFlight: AuthCounter | undefined, now: Date): AuthCounter {
  const expiresAt = new Date(now.getTime() + AUTH_LIMITS.inFlightMemoryMs)
  if (!live(inFlight, now)) return { count: 1, startedAt: now, lastAt: now, expiresAt }
  return { ...inFlight, count: inFlight.count + 1, lastAt: now, expiresAt }
}

/**
 * May this client have a password checked for this email now? `inFlight` counts the email's checks that have
 * started and not yet been settled: while there are any and the email is past its free failures, a client with no
 * failures of its own waits a moment too, so a burst from many new addresses cannot pass the email-wide limit.
 */
export function decideCheck(counters: { client?: AuthCounter; pair?: AuthCounter; email?: AuthCounter; inFlight?: AuthCounter }, now: Date): CheckDecision {
  const clientWait = checksWaitMs(counters.client, now)
  if (clientWait > 0) return { allowed: false, retryAfterMs: clientWait, reason: 'client' }
  const pairWait = failureWaitMs(counters.pair, now, AUTH_LIMITS.freeFailures)
  const hasFailed = live(counters.pair, now)
  const emailFailuresWait = failureWaitMs(counters.email, now, AUTH_LIMITS.emailFreeFailures)
  const burstInFlight = live(counters.inFlight, now) && counters.inFlight.count > 0
  const emailWait = hasFailed ? emailFailuresWait : burstInFlight && emailFailuresWait > 0 ? AUTH_LIMITS.inFlightWaitMs : 0
  const wait = Math.max(pairWait, emailWait)
  return wait > 0 ? { allowed: false, retryAfterMs: wait, reason: 'email' } : { allowed: true }
}

/**
 * The key a client address is counted under: IPv4 as it is, IPv6 by its /64 network (one subscriber usually holds a
 * whole /64, so counting single IPv6 addresses would give an attacker billions of budgets).
 */
export function clientKeyOf(address: string): string {
  if (!address.includes(':')) return address
  const [head = '', tail = ''] = address.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : []
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
}
