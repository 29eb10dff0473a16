import 'server-only'
import { db, prisma } from '../db/prisma'
import { get } from '../db/sql'
import { SESSION_USER } from './study-sql'

/** Signs the user out everywhere but the session with `keepToken`. */
export async function revokeOtherSessions(userId: string, keepToken: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId, token: { not: keepToken } } })
  return count
}

/** Signs the user out everywhere (a password an administrator reset). */
export async function revokeAllSessions(userId: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId } })
  return count
}

export type SessionUser = { id: string; name: string; email: string }

/** The user of a live (unexpired) session token, or null. One indexed read, on the hot path of every review. */
export async function userOfSessionToken(token: string, now: Date): Promise<SessionUser | null> {
  return db.exec.read(function* () {
    return (yield* get(SESSION_USER, [token, now])) ?? null
  })
}
