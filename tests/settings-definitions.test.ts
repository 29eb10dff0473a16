/**
 * Each setting's default and bounds are defined once, in lib/core/settings.ts. prisma/schema.prisma must spell the
 * defaults as literals (a new row takes them in the database), so this test holds the two together; the settings
 * page's hints interpolate the bounds and defaults instead of repeating them in the catalogues.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTranslator } from 'use-intl/core'
import { catalogues } from '@/i18n/catalogues'
import { DEFAULT_INTERFACE_LANGUAGE, DEFAULT_SETTINGS, SETTING_BOUNDS, settingHintValues, settingsSchema } from '@/lib/core/settings'

/** The `@default(…)` literals of a model's fields, as values: `Int @default(4)` → 4, `String @default("en")` → "en". */
function prismaDefaults(schema: string, model: string): Record<string, unknown> {
  const body = new RegExp(`^model ${model} \\{\\n([\\s\\S]*?)\\n\\}`, 'm').exec(schema)?.[1] ?? ''
  const out: Record<string, unknown> = {}
  for (const m of body.matchAll(/^\s*(\w+)\s+(\w+)\s+@default\(([^)]*)\)/gm)) {
    const [, field, type, literal] = m as unknown as [string, string, string, string]
    out[field] = type === 'String' ? JSON.parse(literal) : type === 'Boolean' ? literal === 'true' : Number(literal)
  }
  return out
}

const schema = readFileSync(path.join(__dirname, '..', 'prisma', 'schema.prisma'), 'utf8')

describe('the settings’ single definition', () => {
  it('reads the schema’s defaults (positive control: fields outside the settings, and a literal of each type)', () => {
    const defaults = prismaDefaults(schema, 'UserSettings')
    expect(defaults).toMatchObject({ studyEpoch: 0, studyMoreDay: -1, timeZone: 'UTC', burySiblings: true, desiredRetention: 0.9 })
    expect(prismaDefaults('model UserSettings {\n  rolloverHour Int @default(5)\n}', 'UserSettings')).not.toMatchObject({ rolloverHour: DEFAULT_SETTINGS.rolloverHour })
  })

  it('has prisma/schema.prisma default every setting to the value lib/core/settings.ts defines', () => {
    const defaults = prismaDefaults(schema, 'UserSettings')
    const expected = { ...DEFAULT_SETTINGS, interfaceLanguage: DEFAULT_INTERFACE_LANGUAGE }
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, defaults[k]]))).toEqual(expected)
  })

  it('has defaults inside their bounds, which the schema enforces', () => {
    for (const [key, { min, max }] of Object.entries(SETTING_BOUNDS)) {
      const value = DEFAULT_SETTINGS[key as keyof typeof SETTING_BOUNDS]
      expect(value, key).toBeGreaterThanOrEqual(min)
      expect(value, key).toBeLessThanOrEqual(max)
      expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, [key]: max + 1 }).success, `${key} above ${max}`).toBe(false)
      expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, [key]: max }).success, `${key} at ${max}`).toBe(true)
    }
  })

  it('words the settings page’s hints from the definitions, in both languages', () => {
    const hints = settingHintValues()
    const en = createTranslator({ locale: 'en', messages: catalogues.en, namespace: 'settings' })
    const zh = createTranslator({ locale: 'zh', messages: catalogues.zh, namespace: 'settings' })
    expect(en('rolloverHour', hints.rolloverHour)).toBe('New day starts at (hour, 0–23)')
    expect(en('rolloverHourHint', hints.rolloverHour)).toMatch(/^0–23, default 4\. /)
    expect(zh('rolloverHourHint', hints.rolloverHour)).toMatch(/^0–23，默认 4。/)
    expect(en('desiredRetentionHint', hints.desiredRetention)).toMatch(/^0\.70–0\.97, default 0\.90\. /)
    expect(en('maximumIntervalHint', hints.maximumInterval)).toMatch(/^1–36500, default 36500\. /)
    expect(en('learningStepsHint', hints.learningSteps)).toMatch(/^Default “1m 10m”\. /)
    expect(en('burySiblingsHint', hints.burySiblings)).toMatch(/^On by default\. /)
    expect(zh('burySiblingsHint', { default: 'off' })).toMatch(/^默认关闭。/)
    expect(en('newCardOrderHint', hints.newCardOrder)).toMatch(/^Default deck order\. /)
    expect(en('newCardOrderHint', { default: 'core-first' })).toMatch(/^Default core claims first\. /)
  })
})
