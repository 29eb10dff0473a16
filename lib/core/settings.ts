/** A person's study settings: the schema (forms, API and export all use it) and the defaults. */
import { z } from 'zod'

export const DISPLAY_LANGUAGES = ['en', 'zh', 'both'] as const
export type DisplayLanguage = (typeof DISPLAY_LANGUAGES)[number]

const knownZones = new Set<string>()

/** Whether Intl knows the zone. Remembered: building a DateTimeFormat costs ~0.2 ms, and every request asks. */
export function isTimeZone(value: string): boolean {
  if (knownZones.has(value)) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
  } catch {
    return false
  }
  if (knownZones.size < 1000) knownZones.add(value)
  return true
}

export const settingsSchema = z.object({
  timeZone: z.string().trim().min(1, 'Choose a time zone').refine(isTimeZone, 'Not a time zone this server knows (e.g. Europe/Berlin)'),
  rolloverHour: z.coerce.number({ error: 'Enter an hour from 0 to 23' }).int('Enter a whole hour').min(0, 'Enter an hour from 0 to 23').max(23, 'Enter an hour from 0 to 23'),
  displayLanguage: z.enum(DISPLAY_LANGUAGES, { error: 'Choose English, Chinese or both' }),
  newPerDay: z.coerce.number({ error: 'Enter a number' }).int('Enter a whole number').min(0, 'Enter 0 or more').max(9999, 'At most 9999'),
})

export type StudySettings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: StudySettings = { timeZone: 'UTC', rolloverHour: 4, displayLanguage: 'en', newPerDay: 20 }

export type SettingsRow = { timeZone: string; rolloverHour: number; displayLanguage: string; newPerDay: number }

/** A stored settings row as settings; a zone this server no longer knows falls back to UTC rather than failing. */
export function settingsFromRow(row: SettingsRow | null | undefined): StudySettings {
  if (!row) return DEFAULT_SETTINGS
  return {
    timeZone: isTimeZone(row.timeZone) ? row.timeZone : DEFAULT_SETTINGS.timeZone,
    rolloverHour: row.rolloverHour,
    displayLanguage: (DISPLAY_LANGUAGES as readonly string[]).includes(row.displayLanguage) ? (row.displayLanguage as DisplayLanguage) : 'en',
    newPerDay: row.newPerDay,
  }
}
