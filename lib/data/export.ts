/** Everything a user owns, as JSON. Only ever this user's rows; `client` is the app's own unless a test compares two databases. */
import 'server-only'
import { prisma } from '../db/prisma'
import type { PrismaClient } from '../generated/prisma/client'
import { getSettings } from './settings'
import { parseStoredParameters } from './fsrs-parameters-service'

export async function exportUserData(userId: string, client: PrismaClient = prisma) {
  const [user, settings, cardStates, reviewLogs, claimsLearned, quizzes, parameters, readingPlace] = await Promise.all([
    client.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true, createdAt: true } }),
    getSettings(userId, client),
    client.cardState.findMany({ where: { userId }, orderBy: { cardId: 'asc' }, omit: { userId: true } }),
    client.reviewLog.findMany({ where: { userId }, orderBy: [{ review: 'asc' }, { sequence: 'asc' }], omit: { userId: true } }),
    client.claimProgress.findMany({ where: { userId }, orderBy: { claimId: 'asc' }, omit: { userId: true } }),
    client.quiz.findMany({ where: { userId }, orderBy: { startedAt: 'asc' }, omit: { userId: true }, include: { answers: { orderBy: { position: 'asc' }, omit: { quizId: true } } } }),
    client.userSettings.findUnique({ where: { userId }, select: { fsrsParameters: true } }),
    client.readingPlace.findUnique({ where: { userId }, omit: { userId: true } }),
  ])
  const fsrs = parseStoredParameters(parameters?.fsrsParameters ?? null)
  return {
    format: 'keyclaims-export',
    version: 1,
    user,
    settings,
    /** The FSRS weights in use (FSRS-6's defaults unless `custom`), and how they were fitted (issue #35). */
    fsrsParameters: { weights: fsrs.w, custom: fsrs.custom, fit: fsrs.fit },
    cardStates,
    reviewLogs: reviewLogs.map((log) => ({ ...log, stateBefore: JSON.parse(log.stateBefore) as unknown })),
    /** When each claim was first learned (what "fading" is judged against). */
    claimsLearned,
    /** Each quiz with its options, its cards in order and its answers (their logs are in reviewLogs). */
    quizzes: quizzes.map((q) => ({ ...q, options: JSON.parse(q.options) as unknown, cardIds: JSON.parse(q.cardIds) as string[] })),
    /** Where the person was in the reading: the passage last reached ({deckId, sectionId, passage from 0, updatedAt}), or null. */
    reading: readingPlace,
  }
}
