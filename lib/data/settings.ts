import 'server-only'
import { prisma } from '../db/prisma'
import { settingsFromRow, type StudySettings } from '../core/settings'

/** The user's settings; defaults until they save any. */
export async function getSettings(userId: string): Promise<StudySettings> {
  return settingsFromRow(await prisma.userSettings.findUnique({ where: { userId } }))
}

export async function saveSettings(userId: string, settings: StudySettings): Promise<void> {
  await prisma.userSettings.upsert({ where: { userId }, create: { userId, ...settings }, update: settings })
}
