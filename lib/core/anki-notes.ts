/**
 * The deck as Anki notes (issue #36), for both exports: the text file (./anki-text.ts) and the package
 * (./anki-package.ts). One note per basic card (Anki's Basic: Front, Back) and one per cloze text (Anki's Cloze: Text,
 * Back Extra), whose cards are our ordinals. Fields are HTML: every character of our texts is escaped, the cloze markup
 * is Anki's own syntax already (lib/core/cloze.ts), so it passes through as it is.
 */
import { z } from './zod'
import { escapeHtml } from './cloze'
import { DISPLAY_LANGUAGES, htmlLang, TITLE_SEPARATOR, type DisplayLanguage } from './display-language'

/** The Anki downloads' query: the cards' language (the person's own display language when left out). */
export const ankiExportRequestSchema = z.object({
  lang: z.enum(DISPLAY_LANGUAGES, { error: 'lang must be en, zh or both' }).optional(),
})

/** One live card of a deck with its claim's and section's texts, as the data layer reads it. */
export type AnkiCardSource = {
  cardId: string
  /** The deck file's card id: a basic card's own id, shared by a cloze text's ordinals. */
  noteId: string
  kind: 'basic' | 'cloze'
  /** Cloze ordinal (1, 2, …); 0 for a basic card. */
  ordinal: number
  /** Order of introduction for new cards. */
  position: number
  frontEn: string
  frontZh: string
  backEn: string
  backZh: string
  deckTitleEn: string
  deckTitleZh: string
  sectionId: string
  sectionTitleEn: string
  sectionTitleZh: string
  claimTextEn: string
  claimTextZh: string
  whyEn: string
  whyZh: string
  importance: string
  /** The claim's tags (the deck's slugs). */
  tags: string[]
}

/** The words around the claim on the back, in each language (the interface's "Claim:" and "Why it matters:"). */
export type AnkiLabels = Record<'en' | 'zh', { claim: string; why: string }>

export const BASIC_NOTETYPE = 'Basic'
export const CLOZE_NOTETYPE = 'Cloze'

export type AnkiNote = {
  noteId: string
  guid: string
  notetype: typeof BASIC_NOTETYPE | typeof CLOZE_NOTETYPE
  /** `Keyclaims::<deck title>::<section>`. */
  deck: string
  /** Basic: Front, Back. Cloze: Text, Back Extra. HTML. */
  fields: [string, string]
  tags: string[]
  /** The note's cards: Anki's template ordinal (0 for a basic card, ordinal − 1 for a cloze card). */
  cards: { cardId: string; ord: number; position: number }[]
}

/** The deck every note goes under, before the deck's title. */
export const ROOT_DECK = 'Keyclaims'

/**
 * A note's GUID: our note id and the language chosen, so a second import of the same choice finds the notes of the
 * first (and updates them), while another language makes notes of its own.
 * @example ankiGuid('s01-dark-ages-z1', 'en') // "keyclaims:en:s01-dark-ages-z1"
 */
export function ankiGuid(noteId: string, language: DisplayLanguage): string {
  return `keyclaims:${language}:${noteId}`
}

/** One part of a deck name: `::` would start a subdeck, and line breaks and runs of spaces have no place in it. */
function deckPart(text: string): string {
  return text.replace(/::+/g, ':').replace(/\s+/g, ' ').trim()
}

const inLanguage = (en: string, zh: string, language: DisplayLanguage) =>
  language === 'both' ? `${en}${TITLE_SEPARATOR}${zh}` : language === 'zh' ? zh : en

/**
 * The Anki deck of a card: `Keyclaims::<deck title>::<section number> <section title>`, in the language chosen.
 * @example ankiDeckName({ deckTitleEn: 'Ilya', sectionId: '01', sectionTitleEn: 'Betting', … }, 'en') // "Keyclaims::Ilya::01 Betting"
 */
export function ankiDeckName(card: Pick<AnkiCardSource, 'deckTitleEn' | 'deckTitleZh' | 'sectionId' | 'sectionTitleEn' | 'sectionTitleZh'>, language: DisplayLanguage): string {
  const deck = deckPart(inLanguage(card.deckTitleEn, card.deckTitleZh, language))
  const section = deckPart(`${card.sectionId} ${inLanguage(card.sectionTitleEn, card.sectionTitleZh, language)}`)
  return `${ROOT_DECK}::${deck}::${section}`
}

/** An Anki tag: no spaces (Anki splits tags on them). */
const tagOf = (slug: string) => slug.trim().replace(/\s+/g, '_')

/** A field's text as HTML: escaped, its line breaks as `<br>` (a field is one line of the text file). */
export function fieldHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>').replace(/\t/g, '&#9;')
}

const langs = (language: DisplayLanguage): ('en' | 'zh')[] => (language === 'both' ? ['en', 'zh'] : [language])

/**
 * Each language's HTML in a block marked with its language ("both": English, then Chinese, as the app shows them).
 * Attribute values go unquoted (valid HTML, no spaces in them), so that no field of the text file needs CSV quoting.
 */
function inLanguages(language: DisplayLanguage, html: (lang: 'en' | 'zh') => string): string {
  if (language !== 'both') return html(language)
  return langs(language)
    .map((l) => `<div lang=${htmlLang(l)}>${html(l)}</div>`)
    .join('')
}

function claimHtml(card: AnkiCardSource, lang: 'en' | 'zh', labels: AnkiLabels): string {
  const [claim, why] = lang === 'en' ? [card.claimTextEn, card.whyEn] : [card.claimTextZh, card.whyZh]
  return (
    `<div class=keyclaims-claim><b>${fieldHtml(labels[lang].claim)}</b> ${fieldHtml(claim)}</div>` +
    `<div class=keyclaims-why><b>${fieldHtml(labels[lang].why)}</b> ${fieldHtml(why)}</div>`
  )
}

/**
 * The notes of the deck's live cards in the language chosen, in the order of their first card's introduction.
 * A cloze text's cards (one per ordinal) make one note; its text is the cards' shared `front`.
 * @example buildAnkiNotes(cards, 'en', labels)[0].fields[0] // "Because AI had {{c2::no successes at all}} …"
 */
export function buildAnkiNotes(cards: readonly AnkiCardSource[], language: DisplayLanguage, labels: AnkiLabels): AnkiNote[] {
  const byNote = new Map<string, AnkiCardSource[]>()
  for (const card of [...cards].sort((a, b) => a.position - b.position || a.cardId.localeCompare(b.cardId))) {
    const group = byNote.get(card.noteId)
    if (group) group.push(card)
    else byNote.set(card.noteId, [card])
  }
  return [...byNote.values()].map((group) => {
    const card = group[0]!
    const cloze = card.kind === 'cloze'
    const front = (l: 'en' | 'zh') => fieldHtml(l === 'en' ? card.frontEn : card.frontZh)
    const back = (l: 'en' | 'zh') => fieldHtml(l === 'en' ? card.backEn : card.backZh)
    const claim = inLanguages(language, (l) => claimHtml(card, l, labels))
    const tags = [...new Set([...card.tags.map(tagOf), ...(card.importance === 'core' ? ['core'] : [])])].filter(Boolean)
    return {
      noteId: card.noteId,
      guid: ankiGuid(card.noteId, language),
      notetype: cloze ? CLOZE_NOTETYPE : BASIC_NOTETYPE,
      deck: ankiDeckName(card, language),
      fields: cloze ? [inLanguages(language, front), claim] : [inLanguages(language, front), inLanguages(language, back) + claim],
      tags,
      cards: group
        .map((c) => ({ cardId: c.cardId, ord: cloze ? c.ordinal - 1 : 0, position: c.position }))
        .sort((a, b) => a.ord - b.ord),
    }
  })
}
