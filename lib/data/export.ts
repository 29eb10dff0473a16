/** Everything a user owns, as JSON: the start of backup. Only ever this user's rows. */
import 'server-only'
import { prisma } from '../db/prisma'
import { getSettings } from './settings'

export async function exportUserData(userId: string) {
  const [user, settings, cardStates, reviewLogs] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true, createdAt: true } }),
    getSettings(userId),
    prisma.cardState.findMany({ where: { userId }, orderBy: { cardId: 'asc' }, omit: { userId: true } }),
    prisma.reviewLog.findMany({ where: { userId }, orderBy: [{ review: 'asc' }, { createdAt: 'asc' }], omit: { userId: true } }),
  ])
  return {
    format: 'keyclaims-export',
    version: 1,
    user,
    settings,
    cardStates,
    reviewLogs: reviewLogs.map((log) => ({ ...log, stateBefore: JSON.parse(log.stateBefore) as unknown })),
  }
}
