import 'server-only'
import { prisma } from '../db/prisma'
import { DEFAULT_SETTINGS, isTimeZone, type DisplayLanguage, type StudySettings } from '../core/settings'

/** The user's settings; defaults until they save any. */
export async function getSettings(userId: string): Promise<StudySettings> {
  const row = await prisma.userSettings.findUnique({ where: { userId } })
  if (!row) return DEFAULT_SETTINGS
  return {
    timeZone: isTimeZone(row.timeZone) ? row.timeZone : DEFAULT_SETTINGS.timeZone,
    rolloverHour: row.rolloverHour,
    displayLanguage: row.displayLanguage as DisplayLanguage,
    newPerDay: row.newPerDay,
  }
}

export async function saveSettings(userId: string, settings: StudySettings): Promise<void> {
  await prisma.userSettings.upsert({ where: { userId }, create: { userId, ...settings }, update: settings })
}
