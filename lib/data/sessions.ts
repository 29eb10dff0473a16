import 'server-only'
import { prisma } from '../db/prisma'

/** Signs the user out everywhere but the session with `keepToken`. */
export async function revokeOtherSessions(userId: string, keepToken: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId, token: { not: keepToken } } })
  return count
}
