import { describe, expect, it } from 'vitest'
import { DISPLAY_LANGUAGES, htmlLang, textLang, titleParts, titleText } from './display-language'
import { presentCard } from './present'

describe('a bilingual title in the display language', () => {
  it('is one language, marked up as such, in "en" and "zh"', () => {
    expect(titleParts('Scaling', '规模', 'en')).toEqual([{ lang: 'en', text: 'Scaling' }])
    expect(titleParts('Scaling', '规模', 'zh')).toEqual([{ lang: 'zh-Hans', text: '规模' }])
    expect(titleText('Scaling', '规模', 'en')).toEqual({ text: 'Scaling', lang: 'en' })
    expect(titleText('Scaling', '规模', 'zh')).toEqual({ text: '规模', lang: 'zh-Hans' })
  })

  it('is English, then Chinese, in "both" (never English alone), as one text without a single lang', () => {
    expect(titleParts('Scaling', '规模', 'both')).toEqual([
      { lang: 'en', text: 'Scaling' },
      { lang: 'zh-Hans', text: '规模' },
    ])
    expect(titleText('Scaling', '规模', 'both')).toEqual({ text: 'Scaling · 规模', lang: undefined })
  })

  it('follows the order a card shows its sides in, for every display language', () => {
    const card = { kind: 'basic', ordinal: 0, frontEn: 'Q', frontZh: '问', backEn: 'A', backZh: '答' }
    for (const language of DISPLAY_LANGUAGES) {
      const cardLangs = [...presentCard(card, language).promptHtml.matchAll(/lang="([^"]+)"/g)].map((m) => m[1])
      expect(titleParts('T', '题', language).map((p) => p.lang), language).toEqual(cardLangs)
    }
  })

  it('gives one element holding it the lang of its one language, or none for two', () => {
    expect(textLang('en')).toBe('en')
    expect(textLang('zh')).toBe('zh-Hans')
    expect(textLang('both')).toBeUndefined()
    expect(htmlLang('zh')).toBe('zh-Hans')
  })
})
