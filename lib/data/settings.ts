import 'server-only'
import { prisma } from '../db/prisma'
import type { PrismaClient } from '../generated/prisma/client'
import { userSettingsFromRow, type UserSettings } from '../core/settings'

/** The user's settings, with the interface language; defaults until they save any. `client` is the app's own unless a test passes another. */
export async function getSettings(userId: string, client: PrismaClient = prisma): Promise<UserSettings> {
  return userSettingsFromRow(await client.userSettings.findUnique({ where: { userId } }))
}

export async function saveSettings(userId: string, settings: UserSettings): Promise<void> {
  await prisma.userSettings.upsert({ where: { userId }, create: { userId, ...settings }, update: settings })
}
