/**
 * What a card shows and what it asks, per language: the front (a basic card's prompt; a cloze text with one ordinal
 * hidden and the others shown) and the answer (a basic card's answer; an ordinal's deletions). The lints and the id
 * ledger read cards through these.
 */
import { parseCloze } from '../core/cloze'
import type { CardFile } from './schema'

export type Lang = 'en' | 'zh'
export const LANGS: readonly Lang[] = ['en', 'zh']
export type ClozeCard = Extract<CardFile, { kind: 'cloze' }>

export type Deletion = { ordinal: number; answer: string; hint: string | null }

/** A cloze text's deletions, in order. */
export function deletions(text: string): Deletion[] {
  return parseCloze(text).flatMap((s) => (s.kind === 'deletion' ? [s] : []))
}

/** What cloze card `ordinal` shows: the other deletions as plain text, this ordinal's only as its hint (if any). */
export function visibleText(text: string, ordinal: number): string {
  return parseCloze(text)
    .map((s) => (s.kind === 'text' ? s.text : s.ordinal === ordinal ? ` ${s.hint ?? ''} ` : s.answer))
    .join('')
}

/** What one card (a basic card, or one ordinal of a cloze text) asks for, per language. */
export type CardAnswer = { id: string; noteId: string; path: (string | number)[]; en: string; zh: string }

/** What a card asks for, per language: a basic card's answer, or a cloze ordinal's deletions joined. */
export function answersOf(card: CardFile): CardAnswer[] {
  if (card.kind === 'basic') return [{ id: card.id, noteId: card.id, path: ['answer'], en: card.answer.en, zh: card.answer.zh }]
  const en = deletions(card.text.en)
  const zh = deletions(card.text.zh)
  const join = (list: Deletion[], o: number) => list.filter((d) => d.ordinal === o).map((d) => d.answer).join(' … ')
  return clozeOrdinalsOf(card).map((o) => ({ id: `${card.id}.c${o}`, noteId: card.id, path: ['text'], en: join(en, o), zh: join(zh, o) }))
}

/** What a card shows before it is answered: a basic card's prompt, or a cloze text with this ordinal hidden. */
export type CardFront = { id: string; noteId: string; field: 'prompt' | 'text'; en: string; zh: string }

/** Every front a card shows: one for a basic card, one per ordinal for a cloze text. */
export function frontsOf(card: CardFile): CardFront[] {
  if (card.kind === 'basic') return [{ id: card.id, noteId: card.id, field: 'prompt', en: card.prompt.en, zh: card.prompt.zh }]
  return clozeOrdinalsOf(card).map((o) => ({
    id: `${card.id}.c${o}`,
    noteId: card.id,
    field: 'text',
    en: visibleText(card.text.en, o),
    zh: visibleText(card.text.zh, o),
  }))
}

/** A cloze text's ordinals, ascending (the schema makes the English and Chinese ones the same). */
export function clozeOrdinalsOf(card: ClozeCard): number[] {
  return [...new Set(deletions(card.text.en).map((d) => d.ordinal))].sort((a, b) => a - b)
}

