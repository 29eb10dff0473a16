/** How a card reads on screen, in the person's display language. All text is HTML-escaped here. */
import { escapeHtml, renderCloze } from './cloze'
import { htmlLang, type DisplayLanguage } from './display-language'

export type CardTexts = {
  kind: string
  ordinal: number
  frontEn: string
  frontZh: string
  backEn: string
  backZh: string
}

function sides(card: CardTexts, lang: 'en' | 'zh'): { frontHtml: string; backHtml: string } {
  const front = lang === 'en' ? card.frontEn : card.frontZh
  if (card.kind === 'cloze') return renderCloze(front, card.ordinal)
  return { frontHtml: escapeHtml(front), backHtml: escapeHtml(lang === 'en' ? card.backEn : card.backZh) }
}

function wrap(lang: 'en' | 'zh', html: string): string {
  return `<div lang="${htmlLang(lang)}" class="lang-${lang}">${html}</div>`
}

/** The prompt and the answer as HTML; "both" shows English first, then Chinese. */
export function presentCard(card: CardTexts, language: DisplayLanguage): { promptHtml: string; answerHtml: string } {
  const langs: ('en' | 'zh')[] = language === 'both' ? ['en', 'zh'] : [language]
  const rendered = langs.map((l) => ({ l, ...sides(card, l) }))
  return {
    promptHtml: rendered.map((r) => wrap(r.l, r.frontHtml)).join(''),
    answerHtml: rendered.map((r) => wrap(r.l, r.backHtml)).join(''),
  }
}

/** A bilingual text in the display language, as escaped HTML. */
export function presentText(en: string, zh: string, language: DisplayLanguage): string {
  if (language === 'both') return wrap('en', escapeHtml(en)) + wrap('zh', escapeHtml(zh))
  return wrap(language, escapeHtml(language === 'en' ? en : zh))
}

/**
 * The section numbers missing between a deck's first and last section: sections keep the transcript's numbers, so a
 * number the transcript never used is a gap a reader should be told about, not a section they failed to find.
 *
 * @example missingSectionIds(['01', '02', '04', '06']) // ['03', '05']
 */
export function missingSectionIds(ids: readonly string[]): string[] {
  const numbers = ids.filter((id) => /^\d+$/.test(id)).map(Number)
  if (numbers.length === 0) return []
  const present = new Set(numbers)
  const width = ids[0]!.length
  const missing: string[] = []
  for (let n = Math.min(...numbers) + 1; n < Math.max(...numbers); n++) if (!present.has(n)) missing.push(String(n).padStart(width, '0'))
  return missing
}
