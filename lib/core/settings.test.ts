import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, messageKey, parseSteps, settingsFromRow, userSettingsFromRow, userSettingsSchema, type SettingsRow } from './settings'

const form = {
  timeZone: 'Asia/Shanghai',
  rolloverHour: '4',
  displayLanguage: 'en',
  interfaceLanguage: 'zh',
  newPerDay: '20',
  maxReviewsPerDay: '200',
  desiredRetention: '0.9',
  learningSteps: '1m 10m',
  relearningSteps: '10m',
  maximumInterval: '36500',
  burySiblings: 'on',
  leechThreshold: '8',
  newCardOrder: 'deck',
}
const errorsOf = (values: Record<string, unknown>) => {
  const result = userSettingsSchema.safeParse({ ...form, ...values })
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]))
}

describe('userSettingsSchema', () => {
  it('reads the form: numbers, steps normalised, the checkbox, the order', () => {
    expect(userSettingsSchema.parse({ ...form, learningSteps: ' 60s   120s 1h 1d ', relearningSteps: '' })).toEqual({
      ...DEFAULT_SETTINGS,
      timeZone: 'Asia/Shanghai',
      interfaceLanguage: 'zh',
      learningSteps: '1m 2m 1h 1d',
      relearningSteps: '',
    })
  })

  it('refuses blank, hex, exponent and fractional numbers instead of coercing them', () => {
    expect(errorsOf({ newPerDay: '' })).toEqual({ newPerDay: 'errors.numberMissing' })
    expect(errorsOf({ newPerDay: '  ' })).toEqual({ newPerDay: 'errors.numberMissing' })
    expect(errorsOf({ newPerDay: '0x10' })).toEqual({ newPerDay: 'errors.numberDigits' })
    expect(errorsOf({ newPerDay: '1e2' })).toEqual({ newPerDay: 'errors.numberDigits' })
    expect(errorsOf({ newPerDay: '2.5' })).toEqual({ newPerDay: 'errors.numberWhole' })
    expect(errorsOf({ newPerDay: undefined })).toEqual({ newPerDay: 'errors.numberMissing' })
    expect(errorsOf({ desiredRetention: '0x1' })).toEqual({ desiredRetention: 'errors.decimalDigits' })
    expect(errorsOf({ desiredRetention: '' })).toEqual({ desiredRetention: 'errors.numberMissing' })
  })

  it('holds each number to its range, and says the range', () => {
    expect(errorsOf({ newPerDay: '501' })).toEqual({ newPerDay: 'errors.range?min=0&max=500' })
    expect(errorsOf({ maxReviewsPerDay: '10000' })).toEqual({ maxReviewsPerDay: 'errors.range?min=0&max=9999' })
    expect(errorsOf({ maximumInterval: '0' })).toEqual({ maximumInterval: 'errors.range?min=1&max=36500' })
    expect(errorsOf({ leechThreshold: '100' })).toEqual({ leechThreshold: 'errors.range?min=1&max=99' })
    expect(errorsOf({ rolloverHour: '24' })).toEqual({ rolloverHour: 'errors.range?min=0&max=23' })
    expect(errorsOf({ desiredRetention: '0.98' })).toEqual({ desiredRetention: 'errors.decimalRange?min=0.7&max=0.97' })
    expect(errorsOf({ desiredRetention: '0,95' })).toEqual({})
    expect(userSettingsSchema.parse({ ...form, desiredRetention: '0,95' }).desiredRetention).toBe(0.95)
  })

  it('reads an unchecked checkbox as off', () => {
    const { burySiblings: _, ...unchecked } = form
    expect(userSettingsSchema.parse(unchecked).burySiblings).toBe(false)
  })

  it('names every problem by a catalogue key', () => {
    expect(errorsOf({ timeZone: 'Mars/Olympus', displayLanguage: 'de', interfaceLanguage: 'fr', newCardOrder: 'random' })).toEqual({
      timeZone: 'errors.timeZoneUnknown',
      displayLanguage: 'errors.displayLanguage',
      interfaceLanguage: 'errors.interfaceLanguage',
      newCardOrder: 'errors.newCardOrder',
    })
  })
})

describe('parseSteps', () => {
  it('reads durations in s, m, h and d, in minutes', () => {
    expect(parseSteps('1m 10m')).toEqual({ steps: [1, 10] })
    expect(parseSteps('120s 1h 2d')).toEqual({ steps: [2, 60, 2880] })
    expect(parseSteps('')).toEqual({ steps: [] })
    expect(userSettingsSchema.parse({ ...form, learningSteps: '120s 60m 24h' }).learningSteps).toBe('2m 1h 1d')
  })

  it('says which step is wrong', () => {
    expect(parseSteps('1m ten')).toEqual({ error: 'errors.stepFormat?step=ten' })
    expect(parseSteps('1m 10')).toEqual({ error: 'errors.stepFormat?step=10' })
    expect(parseSteps('90s')).toEqual({ error: 'errors.stepMinute?step=90s' })
    expect(parseSteps('30s')).toEqual({ error: 'errors.stepMinute?step=30s' })
    expect(parseSteps('0m')).toEqual({ error: 'errors.stepMinute?step=0m' })
    expect(parseSteps('400d')).toEqual({ error: 'errors.stepLong?step=400d' })
    expect(parseSteps('1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m')).toEqual({ error: 'errors.stepsTooMany?max=10' })
    expect(messageKey('errors.stepFormat?step=ten')).toEqual(['errors.stepFormat', { step: 'ten' }])
  })
})

describe('settingsFromRow', () => {
  const row: SettingsRow = { ...DEFAULT_SETTINGS, timeZone: 'Europe/Berlin', rolloverHour: 5, displayLanguage: 'both', newPerDay: 10, burySiblings: 1 }

  it('reads a stored row (SQLite booleans as 0/1)', () => {
    expect(settingsFromRow(row)).toEqual({ ...DEFAULT_SETTINGS, timeZone: 'Europe/Berlin', rolloverHour: 5, displayLanguage: 'both', newPerDay: 10 })
    expect(settingsFromRow({ ...row, burySiblings: 0 }).burySiblings).toBe(false)
    expect(settingsFromRow({ ...row, burySiblings: false }).burySiblings).toBe(false)
  })

  it('falls back to the default for a value it cannot use, keeping the rest', () => {
    expect(settingsFromRow({ ...row, timeZone: 'Gone/Zone', learningSteps: 'nonsense' })).toMatchObject({ timeZone: 'UTC', learningSteps: '1m 10m', newPerDay: 10 })
  })

  it('reads the stored interface language, and English for a value it does not know', () => {
    expect(userSettingsFromRow({ ...row, interfaceLanguage: 'zh' }).interfaceLanguage).toBe('zh')
    expect(userSettingsFromRow({ ...row, interfaceLanguage: 'klingon' }).interfaceLanguage).toBe('en')
  })

  it('gives the defaults, in English, to someone without a settings row', () => {
    expect(userSettingsFromRow(null)).toEqual({ ...DEFAULT_SETTINGS, interfaceLanguage: 'en' })
  })
})

describe('the steps hint and the parser agree (issue #31)', () => {
  it('offers whole minutes, hours and days, not seconds, and its example parses', async () => {
    for (const lang of ['en', 'zh']) {
      const hint = ((await import(`../../messages/${lang}.json`)).default as { settings: { learningStepsHint: string } }).settings.learningStepsHint
      expect(hint, lang).toContain('1m 10m 1d')
      expect(hint, lang).not.toMatch(/\bs[,、]/) // "in s, m, h or d" promised a "30s" the parser refuses
      expect(parseSteps('1m 10m 1d')).toEqual({ steps: [1, 10, 1440] })
    }
  })
})
