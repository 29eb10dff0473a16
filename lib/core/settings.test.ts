import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, userSettingsFromRow, userSettingsSchema } from './settings'

const form = { timeZone: 'Asia/Shanghai', rolloverHour: '4', displayLanguage: 'en', interfaceLanguage: 'zh', newPerDay: '20' }

describe('userSettingsSchema', () => {
  it('keeps the interface language apart from the cards’ language', () => {
    expect(userSettingsSchema.parse(form)).toEqual({ timeZone: 'Asia/Shanghai', rolloverHour: 4, displayLanguage: 'en', interfaceLanguage: 'zh', newPerDay: 20 })
  })

  it('refuses an interface language it does not speak, with a catalogue key for the field', () => {
    for (const interfaceLanguage of ['both', 'fr', '', undefined]) {
      const result = userSettingsSchema.safeParse({ ...form, interfaceLanguage })
      expect(result.success).toBe(false)
      expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['interfaceLanguage', 'errors.interfaceLanguage']])
    }
  })

  it('names every problem by a catalogue key', () => {
    const result = userSettingsSchema.safeParse({ timeZone: 'Mars/Olympus', rolloverHour: '24', displayLanguage: 'de', interfaceLanguage: 'en', newPerDay: '-1' })
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      timeZone: 'errors.timeZoneUnknown',
      rolloverHour: 'errors.hourRange',
      displayLanguage: 'errors.displayLanguage',
      newPerDay: 'errors.numberNegative',
    })
  })
})

describe('userSettingsFromRow', () => {
  const row = { timeZone: 'Europe/Berlin', rolloverHour: 5, displayLanguage: 'both', newPerDay: 10 }

  it('reads the stored interface language, and English for a value it does not know', () => {
    expect(userSettingsFromRow({ ...row, interfaceLanguage: 'zh' }).interfaceLanguage).toBe('zh')
    expect(userSettingsFromRow({ ...row, interfaceLanguage: 'klingon' }).interfaceLanguage).toBe('en')
  })

  it('gives the defaults, in English, to someone without a settings row', () => {
    expect(userSettingsFromRow(null)).toEqual({ ...DEFAULT_SETTINGS, interfaceLanguage: 'en' })
  })
})
