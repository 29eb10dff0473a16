/**
 * The stored counters of lib/core/auth-limits.ts, shared by every server through the database. A check is reserved
 * before the password is checked: read, decided on and counted in one transaction that no other decision can
 * interleave with (decision 0019), then settled once the answer is known.
 */
import 'server-only'
import type { Db } from '../db/prisma'
import { AUTH_LIMITS, clientKeyOf, decideCheck, withCheck, withFailure, withInFlight, type AuthCounter, type CheckDecision } from '../core/auth-limits'

type Tx = Parameters<Parameters<Db['prisma']['$transaction']>[0]>[0]

/**
 * A spray arrives all at once and every check queues for the one SQLite connection (or the lock on PostgreSQL):
 * Prisma's default wait for a transaction (2 s) would turn some of them into 500s instead of answers.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 }

/** The advisory lock every server takes on PostgreSQL before deciding on a password check (any fixed number). */
const PASSWORD_CHECK_LOCK = 320_019

/** How a reserved check ended: a wrong password (kept as a failure), the right one, or neither (released). */
export type CheckOutcome = 'failed' | 'succeeded' | 'neither'

function keysOf(email: string, clientAddress: string) {
  const client = clientKeyOf(clientAddress)
  return { client: `client:${client}`, email: `email:${email}`, pair: `pair:${client} ${email}`, inFlight: `inflight:${email}` }
}

async function read(tx: Tx, keys: string[]): Promise<Map<string, AuthCounter>> {
  const rows = await tx.authCounter.findMany({ where: { key: { in: keys } } })
  return new Map(rows.map((row) => [row.key, row]))
}

function write(tx: Tx, key: string, counter: AuthCounter) {
  return tx.authCounter.upsert({ where: { key }, create: { key, ...counter }, update: counter })
}

/** One fewer, never below 0: a single UPDATE, atomic on its own. */
function release(tx: Tx, key: string) {
  return tx.authCounter.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } })
}

export function createAuthLimits(db: Pick<Db, 'prisma' | 'provider'>) {
  /**
   * `work` as the only change to the counters running, on this server and every other one on the database. A decision
   * reads the counters and writes them back whole, so on PostgreSQL (read committed, many connections) a settlement
   * committed in between could be overwritten and a check left "in flight" for a minute, keeping every new device
   * out of the account; and the two, locking the same rows in different orders, could deadlock. Both take the lock.
   */
  function alone<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return db.prisma.$transaction(async (tx) => {
      // SQLite: the transaction holds the one connection's gate already (decision 0004).
      if (db.provider === 'postgresql') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PASSWORD_CHECK_LOCK})`)
      return work(tx)
    }, TRANSACTION_OPTIONS)
  }

  return {
    /**
     * Whether a password may be checked for `email` from `clientAddress` now. When it may, the check is reserved in
     * the same step: counted against the client's minute, and as a failure for this client and email and for the
     * email, until settlePasswordCheck says how it ended. `email` is null when the request names none that could
     * match an account (only the client's minute counts then, and there is nothing to settle).
     */
    beginPasswordCheck(email: string | null, clientAddress: string, now: Date): Promise<CheckDecision> {
      const keys = keysOf(email ?? '', clientAddress)
      return alone(async (tx) => {
        const counters = await read(tx, email ? [keys.client, keys.email, keys.pair, keys.inFlight] : [keys.client])
        const decision = decideCheck({ client: counters.get(keys.client), pair: counters.get(keys.pair), email: counters.get(keys.email), inFlight: counters.get(keys.inFlight) }, now)
        if (!decision.allowed) return decision
        await write(tx, keys.client, withCheck(counters.get(keys.client), now))
        if (email) {
          await write(tx, keys.pair, withFailure(counters.get(keys.pair), now))
          await write(tx, keys.email, withFailure(counters.get(keys.email), now))
          await write(tx, keys.inFlight, withInFlight(counters.get(keys.inFlight), now))
        }
        return decision
      })
    },

    /**
     * A reserved check's end. A wrong password (or a sign-up for a taken email) keeps the failure it was counted as;
     * the right password forgets this client's failures for the email and gives the email its failure back; anything
     * else gives both back.
     */
    async settlePasswordCheck(email: string, clientAddress: string, outcome: CheckOutcome, now: Date): Promise<void> {
      const keys = keysOf(email, clientAddress)
      await alone(async (tx) => {
        await release(tx, keys.inFlight)
        if (outcome === 'succeeded') await tx.authCounter.deleteMany({ where: { key: keys.pair } })
        if (outcome === 'neither') await release(tx, keys.pair)
        if (outcome !== 'failed') return release(tx, keys.email)
        // The wait after a failure counts from when it was known (after the hashing), as it did before reservations.
        const expiresAt = new Date(now.getTime() + AUTH_LIMITS.failureMemoryMs)
        await tx.authCounter.updateMany({ where: { key: { in: [keys.pair, keys.email] }, lastAt: { lt: now } }, data: { lastAt: now, expiresAt } })
        // Counters that mean nothing any more go with each failure, so the table stays as small as the attacks are.
        await tx.authCounter.deleteMany({ where: { expiresAt: { lte: now } } })
      })
    },

    /** Forgets the failed checks against `email` from every client: after an administrator set a new password. */
    async forgetPasswordFailures(email: string): Promise<void> {
      await alone((tx) => tx.authCounter.deleteMany({ where: { OR: [{ key: `email:${email}` }, { key: { startsWith: 'pair:', endsWith: ` ${email}` } }] } }))
    },
  }
}

export type AuthLimits = ReturnType<typeof createAuthLimits>
