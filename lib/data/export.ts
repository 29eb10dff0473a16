/**
 * Everything a user made, as the account file of lib/core/account-file.ts (format version 2). Only ever this user's
 * rows; `client` is the app's own unless a test compares two databases.
 */
import 'server-only'
import { prisma } from '../db/prisma'
import type { PrismaClient } from '../generated/prisma/client'
import { ACCOUNT_FILE_FORMAT, ACCOUNT_FILE_VERSION, type AccountFileOut } from '../core/account-file'
import { getSettings } from './settings'

type Json = AccountFileOut['reviewLogs'][number]['stateBefore']
const parsed = (text: string) => JSON.parse(text) as Json

export async function exportUserData(userId: string, now: Date, client: PrismaClient = prisma): Promise<AccountFileOut> {
  const [user, settings, extra, cardStates, reviewLogs, claimsLearned, talks, quizzes, readingPlace] = await Promise.all([
    client.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true } }),
    getSettings(userId, client),
    client.userSettings.findUnique({ where: { userId }, select: { fsrsParameters: true, studyMoreDay: true, studyMoreNew: true, studyMoreAhead: true } }),
    client.cardState.findMany({ where: { userId }, orderBy: { cardId: 'asc' }, omit: { userId: true } }),
    client.reviewLog.findMany({ where: { userId }, orderBy: { sequence: 'asc' }, omit: { userId: true } }),
    client.claimProgress.findMany({ where: { userId }, orderBy: { claimId: 'asc' }, omit: { userId: true } }),
    client.talk.findMany({ where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], omit: { userId: true } }),
    client.quiz.findMany({
      where: { userId },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
      omit: { userId: true },
      include: { answers: { orderBy: { position: 'asc' }, omit: { quizId: true } } },
    }),
    client.readingPlace.findUnique({ where: { userId }, omit: { userId: true } }),
  ])
  return {
    format: ACCOUNT_FILE_FORMAT,
    version: ACCOUNT_FILE_VERSION,
    exportedAt: now,
    user,
    settings: {
      ...settings,
      fsrsParameters: extra?.fsrsParameters ? parsed(extra.fsrsParameters) : null,
      studyMoreDay: extra?.studyMoreDay ?? -1,
      studyMoreNew: extra?.studyMoreNew ?? 0,
      studyMoreAhead: extra?.studyMoreAhead ?? 0,
    },
    cardStates,
    reviewLogs: reviewLogs.map((log) => ({ ...log, kind: log.kind as AccountFileOut['reviewLogs'][number]['kind'], stateBefore: parsed(log.stateBefore) })),
    claimsLearned,
    talks: talks.map((t) => ({ ...t, sections: JSON.parse(t.sections) as string[], tags: JSON.parse(t.tags) as string[] })),
    quizzes: quizzes.map((q) => ({ ...q, options: parsed(q.options), cardIds: JSON.parse(q.cardIds) as string[] })),
    /** Where the person was in the reading: the passage last reached ({deckId, sectionId, passage from 0, updatedAt}), or null. */
    reading: readingPlace,
  }
}
