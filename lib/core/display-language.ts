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

/**
 * The display language of a page: the person's setting, or for a visitor (no setting) the interface language they
 * read in, so a Chinese reader sees the deck's titles, tags and speakers in Chinese before signing up.
 * @example pageLanguage(undefined, 'zh') // 'zh'
 * @example pageLanguage('both', 'zh') // 'both'
 */
export function pageLanguage(setting: DisplayLanguage | undefined, interfaceLanguage: 'en' | 'zh'): DisplayLanguage {
  return setting ?? interfaceLanguage
}

/** A name the deck gives in both languages (a speaker, a tag). */
export type DeckName = { en: string; zh: string }

/**
 * A tag's name from the deck's list, by its slug (the slug stays in URLs). A slug the list lacks (a deck loaded
 * before tags had names) reads as itself in both languages rather than vanishing.
 * @example tagName({ scaling: { en: 'scaling', zh: '规模扩展' } }, 'scaling') // { en: 'scaling', zh: '规模扩展' }
 */
export function tagName(tags: Record<string, DeckName>, slug: string): DeckName {
  return Object.hasOwn(tags, slug) ? tags[slug]! : { en: slug, zh: slug }
}

/**
 * A claim's speaker from the deck's list, by the English name the claim gives (the deck checks that it is listed).
 * @example speakerName([{ en: 'Ilya Sutskever', zh: '伊利亚·苏茨克维' }], 'Ilya Sutskever').zh // '伊利亚·苏茨克维'
 */
export function speakerName(speakers: DeckName[], en: string): DeckName {
  return speakers.find((s) => s.en === en) ?? { en, zh: en }
}
