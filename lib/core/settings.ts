/** A person's study settings: the schema (forms, API and export all use it) and the defaults. */
import { z } from './zod'
import { DISPLAY_LANGUAGES } from './display-language'
import { MAX_STEPS, parseSteps, stepText, withValues } from './steps'

export { MAX_STEPS, messageKey, parseSteps, stepMinutes, stepText, withValues } from './steps'

// The cards' language lives with the rule for showing a bilingual title in it (zod-free: pages in the browser use it).
export { DISPLAY_LANGUAGES, type DisplayLanguage } from './display-language'

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

// Error messages are message catalogue keys (messages/*.json), worded in the person's interface language by the action;
// a key may carry its values as a query ("errors.range?min=0&max=23"), see messageKey().

/**
 * A whole number typed in a form (or sent as JSON), in [min, max]. Refused, never coerced: blank, "0x10", "1e3",
 * "12abc" and "2.5" are errors, where z.coerce.number would make them 0, 16, 1000, NaN and 2.5.
 */
function wholeNumber(min: number, max: number) {
  const range = withValues('errors.range', { min, max })
  return z.union([z.number(), z.string()], { error: 'errors.numberMissing' }).transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim()
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: 'errors.numberMissing' })
      return z.NEVER
    }
    if (!/^-?\d+$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: /^-?\d*\.\d+$/.test(text) ? 'errors.numberWhole' : 'errors.numberDigits' })
      return z.NEVER
    }
    const n = Number(text)
    if (n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: range })
      return z.NEVER
    }
    return n
  })
}

/** A decimal in [min, max] ("0.9", "0.90"; a comma is read as the decimal point). Blank and hex are refused. */
function decimal(min: number, max: number) {
  return z.union([z.number(), z.string()], { error: 'errors.numberMissing' }).transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim().replace(',', '.')
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: 'errors.numberMissing' })
      return z.NEVER
    }
    if (!/^\d*\.?\d+$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'errors.decimalDigits' })
      return z.NEVER
    }
    const n = Number(text)
    if (n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: withValues('errors.decimalRange', { min, max }) })
      return z.NEVER
    }
    return n
  })
}

const stepsField = z.string({ error: 'errors.stepsMissing' }).transform((text, ctx) => {
  const parsed = parseSteps(text)
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error })
    return z.NEVER
  }
  return parsed.steps.map(stepText).join(' ')
})

/** A checkbox: present ("on", "true") is on; a hidden "false" before it, or nothing, is off. */
const checkbox = z
  .union([z.boolean(), z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.includes('on') || v.includes('true') : v === true || v === 'on' || v === 'true'))

export const NEW_CARD_ORDERS = ['deck', 'core-first'] as const

/** Each number's bounds, inclusive: the schema checks them and the settings page states them. */
export const SETTING_BOUNDS = {
  rolloverHour: { min: 0, max: 23 },
  newPerDay: { min: 0, max: 500 },
  maxReviewsPerDay: { min: 0, max: 9999 },
  desiredRetention: { min: 0.7, max: 0.97 },
  maximumInterval: { min: 1, max: 36500 },
  leechThreshold: { min: 1, max: 99 },
} as const

export const settingsSchema = z.object({
  timeZone: z.string({ error: 'errors.timeZoneMissing' }).trim().min(1, 'errors.timeZoneMissing').refine(isTimeZone, 'errors.timeZoneUnknown'),
  rolloverHour: wholeNumber(SETTING_BOUNDS.rolloverHour.min, SETTING_BOUNDS.rolloverHour.max),
  displayLanguage: z.enum(DISPLAY_LANGUAGES, { error: 'errors.displayLanguage' }),
  newPerDay: wholeNumber(SETTING_BOUNDS.newPerDay.min, SETTING_BOUNDS.newPerDay.max),
  maxReviewsPerDay: wholeNumber(SETTING_BOUNDS.maxReviewsPerDay.min, SETTING_BOUNDS.maxReviewsPerDay.max),
  desiredRetention: decimal(SETTING_BOUNDS.desiredRetention.min, SETTING_BOUNDS.desiredRetention.max),
  learningSteps: stepsField,
  relearningSteps: stepsField,
  maximumInterval: wholeNumber(SETTING_BOUNDS.maximumInterval.min, SETTING_BOUNDS.maximumInterval.max),
  burySiblings: checkbox,
  leechThreshold: wholeNumber(SETTING_BOUNDS.leechThreshold.min, SETTING_BOUNDS.leechThreshold.max),
  newCardOrder: z.enum(NEW_CARD_ORDERS, { error: 'errors.newCardOrder' }),
})

export type StudySettings = z.output<typeof settingsSchema>

export const DEFAULT_SETTINGS: StudySettings = {
  timeZone: 'UTC',
  rolloverHour: 4,
  displayLanguage: 'en',
  newPerDay: 20,
  maxReviewsPerDay: 200,
  desiredRetention: 0.9,
  learningSteps: '1m 10m',
  relearningSteps: '10m',
  maximumInterval: 36500,
  burySiblings: true,
  leechThreshold: 8,
  newCardOrder: 'deck',
}

/** What the settings page's hints say about each setting: its bounds and its default, from the definitions above. */
export type SettingHintValues = Record<keyof typeof SETTING_BOUNDS, { min: string; max: string; default: string }> &
  Record<'relearningSteps' | 'burySiblings' | 'newCardOrder', { default: string }> & { learningSteps: { default: string; max: string } }

/**
 * The values the settings hints interpolate ("{min}–{max}, default {default}"), as the page prints them: retention
 * with two decimals ("0.70"), whole numbers without grouping ("36500"); burySiblings is "on" or "off".
 */
export function settingHintValues(): SettingHintValues {
  const bounds = (key: keyof typeof SETTING_BOUNDS, digits: number) => ({
    min: SETTING_BOUNDS[key].min.toFixed(digits),
    max: SETTING_BOUNDS[key].max.toFixed(digits),
    default: DEFAULT_SETTINGS[key].toFixed(digits),
  })
  return {
    rolloverHour: bounds('rolloverHour', 0),
    newPerDay: bounds('newPerDay', 0),
    maxReviewsPerDay: bounds('maxReviewsPerDay', 0),
    desiredRetention: bounds('desiredRetention', 2),
    maximumInterval: bounds('maximumInterval', 0),
    leechThreshold: bounds('leechThreshold', 0),
    learningSteps: { default: DEFAULT_SETTINGS.learningSteps, max: String(MAX_STEPS) },
    relearningSteps: { default: DEFAULT_SETTINGS.relearningSteps },
    burySiblings: { default: DEFAULT_SETTINGS.burySiblings ? 'on' : 'off' },
    newCardOrder: { default: DEFAULT_SETTINGS.newCardOrder },
  }
}

/** The settings page's form: the study settings and the interface language. */
export const userSettingsSchema = settingsSchema.extend({
  interfaceLanguage: z.enum(INTERFACE_LANGUAGES, { error: 'errors.interfaceLanguage' }),
})

export type UserSettings = z.output<typeof userSettingsSchema>

/** A settings row as stored (UserSettings' columns). */
export type SettingsRow = {
  timeZone: string
  rolloverHour: number
  displayLanguage: string
  newPerDay: number
  maxReviewsPerDay: number
  desiredRetention: number
  learningSteps: string
  relearningSteps: string
  maximumInterval: number
  burySiblings: unknown
  leechThreshold: number
  newCardOrder: string
}

/** Rows already parsed by settingsFromRow, keyed by their settings' values (cleared when it reaches its bound). */
const SETTINGS_KEYS = Object.keys(settingsSchema.shape) as (keyof StudySettings & keyof SettingsRow)[]
const SETTINGS_READ_MAX = 10_000
const settingsRead = new Map<string, StudySettings>()

/**
 * A stored settings row as settings. A value this server cannot use (a zone it no longer knows, steps written by
 * hand) falls back to its default rather than failing every page.
 */
export function settingsFromRow(row: SettingsRow | null | undefined): StudySettings {
  if (!row) return DEFAULT_SETTINGS
  // Every request reads its person's settings, and the schema's parse (the zone checked with Intl) was a tenth of a
  // grade's own work (docs/performance.md): a row already read gives a copy of its result.
  const key = JSON.stringify(SETTINGS_KEYS.map((k) => row[k]))
  const known = settingsRead.get(key)
  if (known) return { ...known }
  const parsed = settingsSchema.safeParse({ ...row, burySiblings: row.burySiblings === true || row.burySiblings === 1 })
  let settings: StudySettings
  if (parsed.success) settings = parsed.data
  else {
    const fixed: Record<string, unknown> = { ...row, burySiblings: row.burySiblings === true || row.burySiblings === 1 }
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof StudySettings
      fixed[key] = DEFAULT_SETTINGS[key]
    }
    settings = settingsSchema.parse(fixed)
  }
  if (settingsRead.size >= SETTINGS_READ_MAX) settingsRead.clear()
  settingsRead.set(key, settings)
  return { ...settings }
}


export const DEFAULT_INTERFACE_LANGUAGE: InterfaceLanguage = 'en'

/** A stored settings row with its interface language; an unknown value falls back to the default (English). */
export function userSettingsFromRow(row: (SettingsRow & { interfaceLanguage: string }) | null | undefined): UserSettings {
  return { ...settingsFromRow(row), interfaceLanguage: row && isInterfaceLanguage(row.interfaceLanguage) ? row.interfaceLanguage : DEFAULT_INTERFACE_LANGUAGE }
}
