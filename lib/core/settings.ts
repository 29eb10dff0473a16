/** A person's study settings: the schema (forms, API and export all use it) and the defaults. */
import { z } from 'zod'

/** The cards' language: English, Chinese, or both one after the other. */
export const DISPLAY_LANGUAGES = ['en', 'zh', 'both'] as const
export type DisplayLanguage = (typeof DISPLAY_LANGUAGES)[number]

/** The interface's language (messages/<locale>.json), chosen apart from the cards'. */
export const INTERFACE_LANGUAGES = ['en', 'zh'] as const
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number]

export function isInterfaceLanguage(value: unknown): value is InterfaceLanguage {
  return (INTERFACE_LANGUAGES as readonly unknown[]).includes(value)
}

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

// Error messages are message catalogue keys (messages/*.json), worded in the person's interface language by the action.
export const settingsSchema = z.object({
  timeZone: z.string().trim().min(1, 'errors.timeZoneMissing').refine(isTimeZone, 'errors.timeZoneUnknown'),
  rolloverHour: z.coerce.number({ error: 'errors.hourRange' }).int('errors.hourWhole').min(0, 'errors.hourRange').max(23, 'errors.hourRange'),
  displayLanguage: z.enum(DISPLAY_LANGUAGES, { error: 'errors.displayLanguage' }),
  newPerDay: z.coerce.number({ error: 'errors.numberMissing' }).int('errors.numberWhole').min(0, 'errors.numberNegative').max(9999, 'errors.numberMax'),
})

export type StudySettings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: StudySettings = { timeZone: 'UTC', rolloverHour: 4, displayLanguage: 'en', newPerDay: 20 }

/** The settings page's form: the study settings and the interface language. */
export const userSettingsSchema = settingsSchema.extend({
  interfaceLanguage: z.enum(INTERFACE_LANGUAGES, { error: 'errors.interfaceLanguage' }),
})

export type UserSettings = z.infer<typeof userSettingsSchema>

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

/** A stored settings row with its interface language; an unknown value falls back to English. */
export function userSettingsFromRow(row: (SettingsRow & { interfaceLanguage: string }) | null | undefined): UserSettings {
  return { ...settingsFromRow(row), interfaceLanguage: row && isInterfaceLanguage(row.interfaceLanguage) ? row.interfaceLanguage : 'en' }
}
