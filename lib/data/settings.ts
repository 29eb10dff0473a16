import 'server-only'
import { prisma } from '../db/prisma'
import { userSettingsFromRow, type UserSettings } from '../core/settings'

/** The user's settings, with the interface language; defaults until they save any. */
export async function getSettings(userId: string): Promise<UserSettings> {
  return userSettingsFromRow(await prisma.userSettings.findUnique({ where: { userId } }))
}

export async function saveSettings(userId: string, settings: UserSettings): Promise<void> {
  await prisma.userSettings.upsert({ where: { userId }, create: { userId, ...settings }, update: settings })
}
