/**
 * The stored counters of lib/core/auth-limits.ts: read, decided on, and written back in one transaction through the
 * one Prisma client, so that every server shares them (decision 0009).
 */
import 'server-only'
import { db } from '../db/prisma'
import { clientKeyOf, decideCheck, withCheck, withFailure, type AuthCounter, type CheckDecision } from '../core/auth-limits'

type Tx = Parameters<Parameters<typeof db.prisma.$transaction>[0]>[0]

/**
 * A spray arrives all at once and every check queues for the one SQLite connection: Prisma's default wait for a
 * transaction (2 s) would turn some of them into 500s instead of answers.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 }

function keysOf(email: string, clientAddress: string) {
  const client = clientKeyOf(clientAddress)
  return { client: `client:${client}`, email: `email:${email}`, pair: `pair:${client} ${email}` }
}

async function read(tx: Tx, keys: string[]): Promise<Map<string, AuthCounter>> {
  const rows = await tx.authCounter.findMany({ where: { key: { in: keys } } })
  return new Map(rows.map((row) => [row.key, row]))
}

function write(tx: Tx, key: string, counter: AuthCounter) {
  return tx.authCounter.upsert({ where: { key }, create: { key, ...counter }, update: counter })
}

/**
 * Whether a password may be checked for `email` from `clientAddress` now; when it may, the check is counted against
 * the client's minute. `email` is null when the request names none that could match an account.
 */
export function beginPasswordCheck(email: string | null, clientAddress: string, now: Date): Promise<CheckDecision> {
  const keys = keysOf(email ?? '', clientAddress)
  return db.prisma.$transaction(async (tx) => {
    const counters = await read(tx, email ? [keys.client, keys.email, keys.pair] : [keys.client])
    const decision = decideCheck({ client: counters.get(keys.client), pair: counters.get(keys.pair), email: counters.get(keys.email) }, now)
    if (decision.allowed) await write(tx, keys.client, withCheck(counters.get(keys.client), now))
    return decision
  }, TRANSACTION_OPTIONS)
}

/** A wrong password (or a sign-up for a taken email): counted for this client and email, and for the email. */
export function recordPasswordFailure(email: string, clientAddress: string, now: Date): Promise<void> {
  const keys = keysOf(email, clientAddress)
  return db.prisma.$transaction(async (tx) => {
    const counters = await read(tx, [keys.email, keys.pair])
    await write(tx, keys.pair, withFailure(counters.get(keys.pair), now))
    await write(tx, keys.email, withFailure(counters.get(keys.email), now))
    // Counters that mean nothing any more go with each failure, so the table stays as small as the attacks are.
    await tx.authCounter.deleteMany({ where: { expiresAt: { lte: now } } })
  }, TRANSACTION_OPTIONS)
}

/** The right password: this client's failures for this email are forgotten (the email's own count fades). */
export async function recordPasswordSuccess(email: string, clientAddress: string): Promise<void> {
  await db.prisma.authCounter.deleteMany({ where: { key: keysOf(email, clientAddress).pair } })
}

/** Forgets the failed checks against `email` from every client: after an administrator set a new password. */
export async function forgetPasswordFailures(email: string): Promise<void> {
  await db.prisma.authCounter.deleteMany({ where: { OR: [{ key: `email:${email}` }, { key: { startsWith: 'pair:', endsWith: ` ${email}` } }] } })
}
