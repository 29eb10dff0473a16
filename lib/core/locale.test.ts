import { describe, expect, it } from 'vitest'
import { localeFromAcceptLanguage } from './locale'

describe('localeFromAcceptLanguage', () => {
  it('picks Chinese for any Chinese the browser prefers', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh')
    expect(localeFromAcceptLanguage('zh-TW')).toBe('zh')
    expect(localeFromAcceptLanguage('zh-Hans-CN')).toBe('zh')
  })

  it('follows q-values, not only the order', () => {
    expect(localeFromAcceptLanguage('en;q=0.5, zh;q=0.9')).toBe('zh')
    expect(localeFromAcceptLanguage('zh;q=0.4, en-GB')).toBe('en')
  })

  it('skips languages the interface does not speak, and refused ones (q=0)', () => {
    expect(localeFromAcceptLanguage('fr-CH, fr;q=0.9, zh;q=0.8, en;q=0.7')).toBe('zh')
    expect(localeFromAcceptLanguage('zh;q=0, en')).toBe('en')
  })

  it('falls back to English', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('en')
    expect(localeFromAcceptLanguage('')).toBe('en')
    expect(localeFromAcceptLanguage('de, fr')).toBe('en')
    expect(localeFromAcceptLanguage('*')).toBe('en')
  })
})
