/** Everything a user owns, as JSON. Only ever this user's rows; `client` is the app's own unless a test compares two databases. */
import 'server-only'
import { prisma } from '../db/prisma'
import type { PrismaClient } from '../generated/prisma/client'
import { getSettings } from './settings'

export async function exportUserData(userId: string, client: PrismaClient = prisma) {
  const [user, settings, cardStates, reviewLogs, claimsLearned] = await Promise.all([
    client.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true, createdAt: true } }),
    getSettings(userId, client),
    client.cardState.findMany({ where: { userId }, orderBy: { cardId: 'asc' }, omit: { userId: true } }),
    client.reviewLog.findMany({ where: { userId }, orderBy: [{ review: 'asc' }, { createdAt: 'asc' }], omit: { userId: true } }),
    client.claimProgress.findMany({ where: { userId }, orderBy: { claimId: 'asc' }, omit: { userId: true } }),
  ])
  return {
    format: 'keyclaims-export',
    version: 1,
    user,
    settings,
    cardStates,
    reviewLogs: reviewLogs.map((log) => ({ ...log, stateBefore: JSON.parse(log.stateBefore) as unknown })),
    /** When each claim was first learned (what "fading" is judged against). */
    claimsLearned,
  }
}
