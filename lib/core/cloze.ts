/**
 * Cloze deletions, Anki's syntax: `{{c1::answer}}` or `{{c1::answer::hint}}`. One text makes one card per ordinal;
 * on card N the deletions numbered N are hidden and the others are shown as plain text.
 */

export type ClozeSegment =
  | { kind: 'text'; text: string }
  | { kind: 'deletion'; ordinal: number; answer: string; hint: string | null }

export class ClozeSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based character offset in the text where the problem is. */
    readonly offset: number,
  ) {
    super(message)
    this.name = 'ClozeSyntaxError'
  }
}

const OPEN = '{{'
const CLOSE = '}}'

/**
 * Splits a cloze text into plain runs and deletions; throws ClozeSyntaxError on malformed markup.
 * @example parseCloze('The {{c1::scaling::S…}} hypothesis') // [text 'The ', deletion 1 'scaling' hint 'S…', text ' hypothesis']
 */
export function parseCloze(text: string): ClozeSegment[] {
  const segments: ClozeSegment[] = []
  let at = 0
  while (at < text.length) {
    const open = text.indexOf(OPEN, at)
    const strayClose = text.indexOf(CLOSE, at)
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      throw new ClozeSyntaxError(`"}}" at character ${strayClose + 1} closes nothing`, strayClose)
    }
    if (open === -1) {
      segments.push({ kind: 'text', text: text.slice(at) })
      break
    }
    if (open > at) segments.push({ kind: 'text', text: text.slice(at, open) })
    const close = text.indexOf(CLOSE, open + OPEN.length)
    if (close === -1) throw new ClozeSyntaxError(`"{{" at character ${open + 1} is never closed with "}}"`, open)
    const body = text.slice(open + OPEN.length, close)
    if (body.includes(OPEN)) throw new ClozeSyntaxError(`deletions cannot be nested (character ${open + 1})`, open)
    const match = /^c([1-9][0-9]*)::([\s\S]*)$/.exec(body)
    if (!match) {
      throw new ClozeSyntaxError(`"{{${body}}}" at character ${open + 1} is not of the form {{c1::answer}} or {{c1::answer::hint}}`, open)
    }
    const parts = match[2]!.split('::')
    if (parts.length > 2) throw new ClozeSyntaxError(`too many "::" in the deletion at character ${open + 1}`, open)
    const answer = parts[0]!.trim()
    const hint = parts[1]?.trim() ?? null
    if (!answer) throw new ClozeSyntaxError(`the deletion at character ${open + 1} hides nothing`, open)
    if (hint === '') throw new ClozeSyntaxError(`the hint of the deletion at character ${open + 1} is empty`, open)
    segments.push({ kind: 'deletion', ordinal: Number(match[1]), answer, hint })
    at = close + CLOSE.length
  }
  return segments
}

/** The ordinals a cloze text defines, ascending; throws when it has none. */
export function clozeOrdinals(text: string): number[] {
  const ordinals = [...new Set(parseCloze(text).flatMap((s) => (s.kind === 'deletion' ? [s.ordinal] : [])))]
  if (ordinals.length === 0) throw new ClozeSyntaxError('a cloze text needs at least one deletion like {{c1::answer}}', 0)
  return ordinals.sort((a, b) => a - b)
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
}

/**
 * The front (question) and back (answer) of cloze card `ordinal` as HTML with every character of the text escaped.
 * The front hides that ordinal's deletions behind `[…]` (or `[hint]`); the back shows them marked.
 */
export function renderCloze(text: string, ordinal: number): { frontHtml: string; backHtml: string } {
  let front = ''
  let back = ''
  for (const segment of parseCloze(text)) {
    if (segment.kind === 'text') {
      front += escapeHtml(segment.text)
      back += escapeHtml(segment.text)
    } else if (segment.ordinal === ordinal) {
      const hint = segment.hint ? escapeHtml(segment.hint) : '…'
      front += `<span class="cloze-blank">[${hint}]</span>`
      back += `<mark class="cloze-answer">${escapeHtml(segment.answer)}</mark>`
    } else {
      front += escapeHtml(segment.answer)
      back += escapeHtml(segment.answer)
    }
  }
  return { frontHtml: front, backHtml: back }
}
