/**
 * The reading's text (issue #38): a section's passages, in English and Chinese, with markers `[[claim-id]]` placed
 * where each claim's idea is argued. One definition of the marker and of how the reading is counted, read by the
 * deck checks (lib/deck/reading-rules.ts) and the reader page alike. Pure: no Next, no Prisma.
 */

/** One passage of a section's reading, as in the deck file. */
export type Passage = { en: string; zh: string }

/** A marker: `[[` a stable id `]]` (ids are lowercase letters, digits and "-"). */
const MARKER = /\[\[([a-z0-9][a-z0-9-]*)\]\]/g

export type ReadingSegment = { kind: 'text'; text: string } | { kind: 'marker'; claimId: string }

/**
 * A passage's text as plain runs and markers, in order.
 * @example readingSegments('Too small [[s01-x]] then.') // [text 'Too small ', marker 's01-x', text ' then.']
 */
export function readingSegments(text: string): ReadingSegment[] {
  const out: ReadingSegment[] = []
  let at = 0
  for (const m of text.matchAll(MARKER)) {
    if (m.index > at) out.push({ kind: 'text', text: text.slice(at, m.index) })
    out.push({ kind: 'marker', claimId: m[1]! })
    at = m.index + m[0].length
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) })
  return out
}

/** The claim ids a text's markers name, in order (a repeated one repeated). */
export function markersOf(text: string): string[] {
  return [...text.matchAll(MARKER)].map((m) => m[1]!)
}

/** The text without its markers: what is read (and counted). */
export function withoutMarkers(text: string): string {
  return text.replace(MARKER, '')
}

/** A passage's paragraphs: separated by one blank line (or more). */
export function paragraphsOf(text: string): string[] {
  return text.split(/\n[ \t]*\n+/).map((p) => p.trim()).filter((p) => p !== '')
}

/**
 * English words as the length rule counts them: runs of letters, digits and apostrophes, markers excluded.
 * @example englishWords("Sutskever's view [[s01-x]] was 10x") // ["sutskever's", 'view', 'was', '10x']
 */
export function englishWords(text: string): string[] {
  return (withoutMarkers(text).normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}'’]+/gu) ?? []).map((w) => w.replace(/’/g, "'"))
}

/** CJK unified ideographs (U+4E00–U+9FFF): what the Chinese length rule counts. */
const HAN_CHAR = /[\u4e00-\u9fff]/g

/** The Han characters of a text, markers excluded, in order (punctuation, spaces and Latin dropped). */
export function hanCharacters(text: string): string {
  return (withoutMarkers(text).match(HAN_CHAR) ?? []).join('')
}

/** The bounds of a section's reading (markers excluded), per language. */
export const READING_LENGTH = {
  en: { min: 300, max: 700, unit: 'words' },
  zh: { min: 500, max: 1200, unit: 'Han characters' },
} as const

/** A section's reading length per language: English words, Chinese Han characters. */
export function readingLength(passages: readonly Passage[]): { en: number; zh: number } {
  return {
    en: passages.reduce((n, p) => n + englishWords(p.en).length, 0),
    zh: passages.reduce((n, p) => n + hanCharacters(p.zh).length, 0),
  }
}
