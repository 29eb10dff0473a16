import 'server-only'
import type Database from 'better-sqlite3'
import { db, prisma } from '../db/prisma'

/** Signs the user out everywhere but the session with `keepToken`. */
export async function revokeOtherSessions(userId: string, keepToken: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId, token: { not: keepToken } } })
  return count
}

export type SessionUser = { id: string; name: string; email: string }

const statements = new WeakMap<Database.Database, Database.Statement>()

/** The user of a live (unexpired) session token, or null. One indexed read on the shared connection. */
export async function userOfSessionToken(token: string, now: Date): Promise<SessionUser | null> {
  if (db.provider === 'sqlite') {
    return db.withSqlite((sqlite) => {
      let stmt = statements.get(sqlite)
      if (!stmt) {
        stmt = sqlite
          .prepare('SELECT u.id, u.name, u.email FROM "session" s JOIN "user" u ON u.id = s.userId WHERE s.token = ? AND s.expiresAt > ?')
          .safeIntegers(false)
        statements.set(sqlite, stmt)
      }
      return (stmt.get(token, now.getTime()) as SessionUser | undefined) ?? null
    })
  }
  const session = await prisma.session.findUnique({ where: { token }, include: { user: { select: { id: true, name: true, email: true } } } })
  return session && session.expiresAt > now ? session.user : null
}
