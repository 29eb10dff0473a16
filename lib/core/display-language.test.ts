import { describe, expect, it } from 'vitest'
import { DISPLAY_LANGUAGES, htmlLang, pageLanguage, speakerName, tagName, textLang, titleParts, titleText } from './display-language'
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

describe('the deck\'s names (tags, speakers) by the same rule as titles', () => {
  const tags = { scaling: { en: 'scaling', zh: '规模扩展' }, 'open-source': { en: 'open source', zh: '开源' } }
  const speakers = [{ en: 'Ilya Sutskever', zh: '伊利亚·苏茨克维' }, { en: 'Podcast host', zh: '播客主持人' }]

  it('shows a tag\'s name, never its slug, in each display language', () => {
    const name = tagName(tags, 'open-source')
    expect(titleText(name.en, name.zh, 'en')).toEqual({ text: 'open source', lang: 'en' })
    expect(titleText(name.en, name.zh, 'zh')).toEqual({ text: '开源', lang: 'zh-Hans' })
    expect(titleText(name.en, name.zh, 'both')).toEqual({ text: 'open source · 开源', lang: undefined })
  })

  it('reads a slug the deck does not name as itself, and an inherited key is not a name', () => {
    expect(tagName(tags, 'data')).toEqual({ en: 'data', zh: 'data' })
    expect(tagName(tags, 'constructor')).toEqual({ en: 'constructor', zh: 'constructor' })
  })

  it('finds a claim\'s speaker by the English name, shown in Chinese for a Chinese reader', () => {
    const host = speakerName(speakers, 'Podcast host')
    expect(titleParts(host.en, host.zh, 'zh')).toEqual([{ lang: 'zh-Hans', text: '播客主持人' }])
    expect(titleText(host.en, host.zh, 'both').text).toBe('Podcast host · 播客主持人')
    expect(speakerName(speakers, 'Someone')).toEqual({ en: 'Someone', zh: 'Someone' })
  })

  it('uses the person\'s setting, and for a visitor the interface language', () => {
    expect(pageLanguage(undefined, 'zh')).toBe('zh')
    expect(pageLanguage(undefined, 'en')).toBe('en')
    expect(pageLanguage('en', 'zh')).toBe('en')
    expect(pageLanguage('both', 'en')).toBe('both')
  })
})
