/**
 * The deck file format (data/*.yaml), as one zod schema; the types come from it. Documented in data/README.md.
 * Ids are stable: progress is keyed by them, so an id never changes once published.
 */
import { z } from 'zod'
import { ClozeSyntaxError, clozeOrdinals } from '../core/cloze'
import { LINT_RULES, STRICT_LINT_RULES } from './lint-rules'
import { readingProblems } from './reading-rules'

const text = z.string().trim().min(1, 'must not be empty')
export const bilingual = z.strictObject({ en: text, zh: text })
const stableId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase letters, digits and "-" (and never change once published)')

/**
 * Fields every card may have. `links`: the claims of earlier sections a card ties together (a card on how the
 * argument runs across the interview); checked against the deck below. `lint-ok`: a prompt lint this card is
 * allowed to break, each with the reason written down (`npm run deck:check` lists the rules).
 */
const cardExtras = {
  links: z.array(stableId).min(1, 'leave links out rather than empty').optional(),
  'lint-ok': z
    .record(z.string(), z.string().trim().min(10, 'say why this card may break the rule, in a sentence'))
    .superRefine((excuses, ctx) => {
      for (const rule of Object.keys(excuses)) {
        if (!(LINT_RULES as readonly string[]).includes(rule)) {
          const excusable = LINT_RULES.filter((r) => !STRICT_LINT_RULES.includes(r))
          ctx.addIssue({ code: 'custom', path: [rule], message: `lint-ok: "${rule}" is not a lint rule; the rules it can excuse are ${excusable.join(', ')}` })
        } else if ((STRICT_LINT_RULES as readonly string[]).includes(rule)) {
          ctx.addIssue({ code: 'custom', path: [rule], message: `lint-ok cannot excuse "${rule}": a card that breaks it is not an honest test, so fix the card` })
        }
      }
    })
    .optional(),
}

const basicCard = z.strictObject({
  id: stableId,
  kind: z.literal('basic'),
  prompt: bilingual,
  answer: bilingual,
  ...cardExtras,
})

const clozeCard = z
  .strictObject({
    id: stableId,
    kind: z.literal('cloze'),
    text: bilingual,
    ...cardExtras,
  })
  .superRefine((card, ctx) => {
    const ordinals: Partial<Record<'en' | 'zh', number[]>> = {}
    for (const lang of ['en', 'zh'] as const) {
      try {
        ordinals[lang] = clozeOrdinals(card.text[lang])
      } catch (err) {
        if (!(err instanceof ClozeSyntaxError)) throw err
        ctx.addIssue({ code: 'custom', path: ['text', lang], message: err.message })
      }
    }
    if (ordinals.en && ordinals.zh && ordinals.en.join() !== ordinals.zh.join()) {
      ctx.addIssue({
        code: 'custom',
        path: ['text', 'zh'],
        message: `the Chinese text has deletions c${ordinals.zh.join(', c')} but the English has c${ordinals.en.join(', c')}: they must match`,
      })
    }
  })

export const cardSchema = z.discriminatedUnion('kind', [basicCard, clozeCard])

const tagSlug = z.string().regex(/^[a-z0-9-]+$/, 'tags are lowercase kebab-case')

export const claimSchema = z.strictObject({
  id: stableId,
  /** The English name of one of the deck's speakers, whose entry gives the Chinese name. */
  speaker: text,
  importance: z.enum(['core', 'supporting']),
  tags: z.array(tagSlug).min(1),
  text: bilingual,
  why: bilingual,
  cards: z.array(cardSchema).min(1, 'a claim needs at least one card'),
})

export const sectionSchema = z.strictObject({
  id: z.string().regex(/^[0-9]{2}$/, 'section ids are two digits, as in the transcript ("01" … "10")'),
  title: bilingual,
  summary: bilingual,
  /**
   * The section retold in passages, in the interview's order, each `{en, zh}` with markers `[[claim-id]]` where a
   * claim's idea is argued (lib/deck/reading-rules.ts checks them; data/README.md, "The reading"). Optional here so
   * that small decks stay valid; the built-in deck's test requires it in every section.
   */
  reading: z.array(bilingual).min(1, 'leave reading out rather than empty').optional(),
  claims: z.array(claimSchema).min(1, 'a section needs at least one claim'),
})

export const deckSchema = z
  .strictObject({
    id: stableId,
    title: bilingual,
    /** The people in the interview, each named in both languages; a claim's `speaker` is one of the English names. */
    speakers: z.array(bilingual).min(1),
    /** Every tag a claim may carry: its slug (kept in URLs) and its name in both languages. */
    tags: z.record(tagSlug, bilingual),
    date: z.string().regex(/^[0-9]{4}-[0-9]{2}$/, 'the date is YYYY-MM'),
    published: bilingual,
    languageNote: bilingual,
    sections: z.array(sectionSchema).min(1),
  })
  .superRefine((deck, ctx) => {
    // Ids must be unique: a duplicate would silently merge two users' progress on different cards.
    const seen = new Map<string, string>()
    const claim = (path: (string | number)[], id: string, what: string) => {
      const key = `${what}:${id}`
      const first = seen.get(key)
      if (first) ctx.addIssue({ code: 'custom', path, message: `${what} id "${id}" is used twice (first at ${first})` })
      else seen.set(key, path.join('.'))
    }
    // A claim's section, by position in the file, for checking that links point back to earlier sections.
    const claimSection = new Map<string, number>()
    deck.sections.forEach((section, s) => {
      claim(['sections', s, 'id'], section.id, 'section')
      section.claims.forEach((c, k) => {
        claim(['sections', s, 'claims', k, 'id'], c.id, 'claim')
        claimSection.set(c.id, s)
        c.cards.forEach((card, j) => claim(['sections', s, 'claims', k, 'cards', j, 'id'], card.id, 'card'))
      })
    })
    // Every name shown for a speaker or a tag comes from the deck's lists, so a claim may use only what they name.
    // (An entry no claim uses is allowed: a claim may leave for a while, and the interview's host speaks no claim.)
    const speakerNames = new Set(deck.speakers.map((s) => s.en))
    deck.sections.forEach((section, s) => {
      section.claims.forEach((c, k) => {
        if (!speakerNames.has(c.speaker)) {
          ctx.addIssue({ code: 'custom', path: ['sections', s, 'claims', k, 'speaker'], message: `speaker "${c.speaker}" is not in the deck's speakers (${[...speakerNames].join(', ')})` })
        }
        c.tags.forEach((tag, t) => {
          if (!Object.hasOwn(deck.tags, tag)) {
            ctx.addIssue({ code: 'custom', path: ['sections', s, 'claims', k, 'tags', t], message: `tag "${tag}" is not in the deck's tags: add it there with its English and Chinese names` })
          }
        })
      })
    })
    // A link card follows the interview's order: it sits in the later section and points back to claims argued
    // earlier, so the map and the quiz can walk a thread from its start.
    deck.sections.forEach((section, s) => {
      section.claims.forEach((c, k) => {
        c.cards.forEach((card, j) => {
          card.links?.forEach((linked, l) => {
            const path = ['sections', s, 'claims', k, 'cards', j, 'links', l]
            const at = claimSection.get(linked)
            if (at === undefined) ctx.addIssue({ code: 'custom', path, message: `links: no claim "${linked}" in this deck` })
            else if (at >= s) {
              ctx.addIssue({
                code: 'custom',
                path,
                message: `links: "${linked}" is in section ${deck.sections[at]!.id}, not before this card's section ${section.id}; a link card belongs to the later section`,
              })
            }
          })
        })
      })
    })
    for (const problem of readingProblems(deck)) ctx.addIssue({ code: 'custom', ...problem })
  })

export type DeckFile = z.infer<typeof deckSchema>
export type ClaimFile = z.infer<typeof claimSchema>
export type CardFile = z.infer<typeof cardSchema>

/** One schedulable card: a basic card, or one ordinal of a cloze text. */
export type ExpandedCard = {
  id: string
  noteId: string
  kind: 'basic' | 'cloze'
  ordinal: number
  frontEn: string
  frontZh: string
  backEn: string
  backZh: string
  /** Claim ids of earlier sections this card links (empty for most cards). */
  links: string[]
}

/** Cloze card ids are "<file id>.c<ordinal>", so adding an ordinal to a text never renumbers the others. */
export function expandCard(card: CardFile): ExpandedCard[] {
  if (card.kind === 'basic') {
    return [
      {
        id: card.id,
        noteId: card.id,
        kind: 'basic',
        ordinal: 0,
        frontEn: card.prompt.en,
        frontZh: card.prompt.zh,
        backEn: card.answer.en,
        backZh: card.answer.zh,
        links: card.links ?? [],
      },
    ]
  }
  return clozeOrdinals(card.text.en).map((ordinal) => ({
    id: `${card.id}.c${ordinal}`,
    noteId: card.id,
    kind: 'cloze',
    ordinal,
    frontEn: card.text.en,
    frontZh: card.text.zh,
    backEn: '',
    backZh: '',
    links: card.links ?? [],
  }))
}
