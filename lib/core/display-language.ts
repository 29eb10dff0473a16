/** The language the cards and the deck's titles are shown in, and how a bilingual title reads in it. No zod here. */

/** The cards' language: English, Chinese, or both one after the other. */
export const DISPLAY_LANGUAGES = ['en', 'zh', 'both'] as const
export type DisplayLanguage = (typeof DISPLAY_LANGUAGES)[number]

/** The BCP 47 tag of a language in `lang` attributes: Chinese is written in simplified characters. */
export function htmlLang(lang: 'en' | 'zh'): 'en' | 'zh-Hans' {
  return lang === 'zh' ? 'zh-Hans' : 'en'
}

/** One language's part of a bilingual title, with the `lang` it is marked up in. */
export type TitlePart = { lang: 'en' | 'zh-Hans'; text: string }

/**
 * A deck's bilingual title (a deck's, a section's) in the display language, as the parts to show in order. "both"
 * gives English, then Chinese, as a card in "both" shows its English side, then its Chinese one (present.ts).
 * @example titleParts('Scaling', '规模', 'both') // [{ lang: 'en', text: 'Scaling' }, { lang: 'zh-Hans', text: '规模' }]
 */
export function titleParts(en: string, zh: string, language: DisplayLanguage): TitlePart[] {
  if (language === 'both') return [{ lang: 'en', text: en }, { lang: 'zh-Hans', text: zh }]
  return [{ lang: htmlLang(language), text: language === 'zh' ? zh : en }]
}

/** Between the parts of a title in "both". */
export const TITLE_SEPARATOR = ' · '

/**
 * The `lang` of one element holding a text in the display language: none in "both", where the element holds two
 * languages and keeps the page's (each part inside may carry its own).
 */
export function textLang(language: DisplayLanguage): TitlePart['lang'] | undefined {
  return language === 'both' ? undefined : htmlLang(language)
}

/**
 * A bilingual title as one plain text (an option, a page title, a link), with its `lang` (textLang).
 * @example titleText('Scaling', '规模', 'both') // { text: 'Scaling · 规模', lang: undefined }
 */
export function titleText(en: string, zh: string, language: DisplayLanguage): { text: string; lang: TitlePart['lang'] | undefined } {
  return { text: titleParts(en, zh, language).map((p) => p.text).join(TITLE_SEPARATOR), lang: textLang(language) }
}
