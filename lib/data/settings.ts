import 'server-only'
import { prisma } from '../db/prisma'
import type { PrismaClient } from '../generated/prisma/client'
import { settingsFromRow, type StudySettings } from '../core/settings'

/** The user's settings; defaults until they save any. `client` is the app's own unless a test passes another. */
export async function getSettings(userId: string, client: PrismaClient = prisma): Promise<StudySettings> {
  return settingsFromRow(await client.userSettings.findUnique({ where: { userId } }))
}

export async function saveSettings(userId: string, settings: StudySettings): Promise<void> {
  await prisma.userSettings.upsert({ where: { userId }, create: { userId, ...settings }, update: settings })
}
