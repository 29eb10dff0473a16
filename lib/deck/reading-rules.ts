/**
 * deck:check's rules for a section's reading (issue #38; data/README.md, "The reading"): the markers place every
 * claim of the section once per language, in the same passage in both; a marker names only a claim of its section;
 * the length is within bounds; the text is plain and in our own words (no long run shared with the deck's claim
 * texts, `why` lines, card texts or summaries). Pure: paths are deck paths, for the parser to turn into lines.
 */
import { parseCloze } from '../core/cloze'
import { englishWords, hanCharacters, markersOf, READING_LENGTH, readingLength, withoutMarkers, type Passage } from '../core/reading-text'
import type { CardFile, DeckFile } from './schema'

export type ReadingProblem = { path: (string | number)[]; message: string }

/** The longest run of consecutive words (English) or Han characters (Chinese) a reading may share with the deck. */
export const MAX_SHARED_RUN = { en: 8, zh: 12 } as const

type Lang = 'en' | 'zh'
const LANGS: readonly Lang[] = ['en', 'zh']

/** A text as the shared-run rule compares it: English words (case and punctuation folded), or Han characters. */
function units(text: string, lang: Lang): string[] {
  return lang === 'en' ? englishWords(text) : [...hanCharacters(text)]
}

/** A card's texts as read: a basic card's prompt and answer, a cloze text with its deletions filled in. */
function cardTexts(card: CardFile, lang: Lang): string[] {
  if (card.kind === 'basic') return [card.prompt[lang], card.answer[lang]]
  try {
    return [parseCloze(card.text[lang]).map((s) => (s.kind === 'text' ? s.text : s.answer)).join('')]
  } catch {
    return [] // the schema reports the broken cloze itself
  }
}

/** Every run of `length + 1` units of the deck's own texts (claims, whys, cards, summaries), with where it is from. */
function deckRuns(deck: DeckFile, lang: Lang): Map<string, string> {
  const n = MAX_SHARED_RUN[lang] + 1
  const runs = new Map<string, string>()
  const add = (text: string, from: string) => {
    const u = units(text, lang)
    for (let i = 0; i + n <= u.length; i++) {
      const key = u.slice(i, i + n).join(' ')
      if (!runs.has(key)) runs.set(key, from)
    }
  }
  deck.sections.forEach((section) => {
    add(section.summary[lang], `the summary of section ${section.id}`)
    for (const claim of section.claims) {
      add(claim.text[lang], `the text of claim ${claim.id}`)
      add(claim.why[lang], `the why of claim ${claim.id}`)
      for (const card of claim.cards) for (const text of cardTexts(card, lang)) add(text, `card ${card.id}`)
    }
  })
  return runs
}

/** Each run of a passage longer than the rule allows that the deck's texts contain, as long as it goes. */
function sharedRuns(text: string, lang: Lang, runs: Map<string, string>): { run: string; length: number; from: string }[] {
  const n = MAX_SHARED_RUN[lang] + 1
  const u = units(text, lang)
  const found: { run: string; length: number; from: string }[] = []
  for (let i = 0; i + n <= u.length; ) {
    const from = runs.get(u.slice(i, i + n).join(' '))
    if (!from) {
      i++
      continue
    }
    let end = i + n
    while (end < u.length && runs.has(u.slice(end - n + 1, end + 1).join(' '))) end++
    const run = u.slice(i, end)
    found.push({ run: run.join(lang === 'en' ? ' ' : ''), length: run.length, from })
    i = end
  }
  return found
}

/** Text the reading may not contain: HTML tags, cloze braces, Markdown emphasis, or a marker written wrong. */
function markupProblem(text: string): string | null {
  const rest = withoutMarkers(text)
  if (/\[\[|\]\]/.test(rest)) return 'a marker is written [[claim-id]]: lowercase letters, digits and "-" between double brackets'
  if (/<\/?[a-z][^>]*>/i.test(rest)) return 'the reading is plain text: no HTML'
  if (/\{\{|\}\}/.test(rest)) return 'the reading has no cloze braces "{{" "}}"'
  if (/\*\*|__|(^|\s)[*_][^\s*_][^*_]*[*_](\s|$|[.,;:!?])/.test(rest)) return 'the reading is plain text: no Markdown emphasis'
  return null
}

/**
 * Every problem of every section's reading. A section without a reading has none (the built-in deck's test requires
 * one everywhere; small decks may leave it out).
 * @example readingProblems(deck) // [{ path: ['sections', 0, 'reading', 1, 'zh'], message: 'claim s01-x is placed in passage 2 in English but passage 1 in Chinese…' }]
 */
export function readingProblems(deck: DeckFile): ReadingProblem[] {
  const problems: ReadingProblem[] = []
  let runs: Record<Lang, Map<string, string>> | null = null
  deck.sections.forEach((section, s) => {
    const reading: readonly Passage[] | undefined = section.reading
    if (!reading) return
    const at = (...rest: (string | number)[]) => ['sections', s, 'reading', ...rest]
    const own = new Set(section.claims.map((c) => c.id))
    // Where each claim is placed, per language: the passages (indexes) of its markers.
    const placed: Record<Lang, Map<string, number[]>> = { en: new Map(), zh: new Map() }
    reading.forEach((passage, p) => {
      for (const lang of LANGS) {
        const markup = markupProblem(passage[lang])
        if (markup) problems.push({ path: at(p, lang), message: markup })
        for (const id of markersOf(passage[lang])) {
          if (!own.has(id)) {
            problems.push({ path: at(p, lang), message: `the marker [[${id}]] names no claim of section ${section.id} (its claims: ${[...own].join(', ')})` })
            continue
          }
          placed[lang].set(id, [...(placed[lang].get(id) ?? []), p])
        }
      }
    })
    for (const claim of section.claims) {
      for (const lang of LANGS) {
        const where = placed[lang].get(claim.id) ?? []
        const language = lang === 'en' ? 'English' : 'Chinese'
        if (where.length === 0) problems.push({ path: at(), message: `claim ${claim.id} is not placed in the ${language} reading: put [[${claim.id}]] where its idea is argued` })
        if (where.length > 1) problems.push({ path: at(where[1]!, lang), message: `claim ${claim.id} is placed ${where.length} times in the ${language} reading (passages ${where.map((p) => p + 1).join(', ')}): once only` })
      }
      const en = placed.en.get(claim.id)
      const zh = placed.zh.get(claim.id)
      if (en?.length === 1 && zh?.length === 1 && en[0] !== zh[0]) {
        problems.push({ path: at(zh[0]!, 'zh'), message: `claim ${claim.id} is in passage ${en[0]! + 1} in English but passage ${zh[0]! + 1} in Chinese: the same passage in both` })
      }
    }
    const length = readingLength(reading)
    for (const lang of LANGS) {
      const { min, max, unit } = READING_LENGTH[lang]
      const n = length[lang]
      if (n < min || n > max) {
        problems.push({ path: at(), message: `the ${lang === 'en' ? 'English' : 'Chinese'} reading of section ${section.id} has ${n} ${unit} (markers excluded): it should have ${min}–${max}` })
      }
    }
    runs ??= { en: deckRuns(deck, 'en'), zh: deckRuns(deck, 'zh') }
    reading.forEach((passage, p) => {
      for (const lang of LANGS) {
        for (const shared of sharedRuns(passage[lang], lang, runs![lang])) {
          problems.push({
            path: at(p, lang),
            message: `"${shared.run}" (${shared.length} ${lang === 'en' ? 'words' : 'Han characters'}) is also in ${shared.from}: retell it in our own words (at most ${MAX_SHARED_RUN[lang]} in a row shared)`,
          })
        }
      }
    })
  })
  return problems
}
