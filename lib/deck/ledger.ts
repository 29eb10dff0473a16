/**
 * The id ledger beside each deck (data/<deck>.ledger.json): every card id ever published, with what it first asked.
 * People's schedules are keyed by card id, so an id that comes to ask something else hands a schedule earned on one
 * question to another. `npm run deck:ledger` adds ids (never rewrites one); `deck:check` and the unit tests only read
 * the ledger, and refuse a card whose answer differs from its id's first one (rule id-reused), unless a
 * `same-question` entry accepts the new wording with a reason. See data/README.md and docs/decisions/0017.
 */
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { answersOf, type CardAnswer } from './card-sides'
import type { LintFinding } from './lint-rules'
import { cardSchema, type ClaimFile, type DeckFile } from './schema'
import { answerKey } from './words'

/** What an id asked: a basic card's answer, or the deletion(s) of a cloze ordinal, as written (compared by answerKey). */
const asked = { en: z.string().min(1), zh: z.string().min(1) }

const ledgerEntry = z.strictObject({
  ...asked,
  /** The commit in which the id was first published, when the ledger learned it from the deck's git history. */
  from: z.string().regex(/^[0-9a-f]{7,40}$/, 'from is a commit id').optional(),
})

/** A one-sentence reason: at least 10 characters, and no sentence ends before its last character. */
const oneSentence = z
  .string()
  .trim()
  .min(10, 'say in a sentence why the new wording still asks the same thing')
  .refine((s) => !/[.!?。！？]\s*\S/u.test(s.replace(/\b(e\.g|i\.e|etc)\./g, '')), 'the reason is one sentence')

const sameQuestion = z.strictObject({ id: z.string().min(1), ...asked, reason: oneSentence })

export const ledgerSchema = z
  .strictObject({
    deck: z.string().min(1),
    about: z.string().optional(),
    cards: z.record(z.string(), ledgerEntry),
    'same-question': z.array(sameQuestion),
  })
  .superRefine((ledger, ctx) => {
    ledger['same-question'].forEach((entry, i) => {
      if (!ledger.cards[entry.id]) {
        ctx.addIssue({ code: 'custom', path: ['same-question', i, 'id'], message: `"${entry.id}" is not a card id of this ledger` })
      }
    })
  })

export type Ledger = z.infer<typeof ledgerSchema>
export type LedgerProblem = { path: string; message: string }

const ABOUT =
  'Every card id ever published in this deck, with what it first asked (a basic card: its answer; a cloze ordinal: its deletion). Written by npm run deck:ledger, which only adds ids; never edit an entry. A rewording that still asks the same thing goes under same-question, with a one-sentence reason. See data/README.md.'

/** The ledger file that belongs to a deck file: data/x.yaml → data/x.ledger.json. */
export function ledgerFileFor(deckFile: string): string {
  return deckFile.replace(/\.ya?ml$/, '') + '.ledger.json'
}

export function emptyLedger(deckId: string): Ledger {
  return { deck: deckId, about: ABOUT, cards: {}, 'same-question': [] }
}

export function parseLedger(source: string): { ok: true; ledger: Ledger } | { ok: false; problems: LedgerProblem[] } {
  let json: unknown
  try {
    json = JSON.parse(source)
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `not JSON: ${err instanceof Error ? err.message : String(err)}` }] }
  }
  const parsed = ledgerSchema.safeParse(json)
  if (parsed.success) return { ok: true, ledger: parsed.data }
  return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }
}

/** The ledger as committed: ids in code-point order, one entry per line, so additions diff and merge line by line. */
export function formatLedger(ledger: Ledger): string {
  const ids = Object.keys(ledger.cards).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const cards = ids.map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(ledger.cards[id])}`)
  const same = ledger['same-question'].map((e) => `    ${JSON.stringify(e)}`)
  return [
    '{',
    `  "deck": ${JSON.stringify(ledger.deck)},`,
    `  "about": ${JSON.stringify(ledger.about ?? ABOUT)},`,
    `  "cards": {${cards.length ? `\n${cards.join(',\n')}\n  ` : ''}},`,
    `  "same-question": [${same.length ? `\n${same.join(',\n')}\n  ` : ''}]`,
    '}',
    '',
  ].join('\n')
}

/** Every card (one per cloze ordinal) a deck asks, in file order. */
export function deckAnswers(deck: DeckFile): CardAnswer[] {
  return deck.sections.flatMap((s) => s.claims.flatMap((c) => c.cards.flatMap(answersOf)))
}

/**
 * The cards an old version of a deck file asked, read card by card: a version the schema of today refuses as a
 * whole (a field since renamed, a rule since added) still yields every card that is valid on its own.
 */
export function answersInSource(source: string): CardAnswer[] {
  const doc = parseDocument(source)
  if (doc.errors.length > 0) return []
  const root = doc.toJS() as { sections?: { claims?: { cards?: unknown[] }[] }[] } | null
  const cards = (root?.sections ?? []).flatMap((s) => (s?.claims ?? []).flatMap((c) => c?.cards ?? []))
  return cards.flatMap((card) => {
    const parsed = cardSchema.safeParse(card)
    return parsed.success ? answersOf(parsed.data) : []
  })
}

/**
 * Adds to the ledger every id in `answers` it does not hold yet, with what it asks now; an id it holds is left as
 * it is, whatever it asks now. Returns the ids added.
 */
export function extendLedger(ledger: Ledger, answers: CardAnswer[], from?: string): string[] {
  const added: string[] = []
  for (const a of answers) {
    if (ledger.cards[a.id]) continue
    ledger.cards[a.id] = { en: a.en, zh: a.zh, ...(from ? { from } : {}) }
    added.push(a.id)
  }
  return added
}

/**
 * The languages in which a card asks something other than its ledger entry: its answer in that language is neither
 * the id's first one nor one a same-question entry accepts (each compared by answerKey).
 */
function changedLanguages(ledger: Ledger, a: CardAnswer, entry: { en: string; zh: string }): ('en' | 'zh')[] {
  const accepted = [entry, ...ledger['same-question'].filter((e) => e.id === a.id)]
  return (['en', 'zh'] as const).filter((lang) => !accepted.some((x) => answerKey(x[lang]) === answerKey(a[lang])))
}

/**
 * Rule id-reused, on one claim: every card of it must be in the ledger and ask what its id first asked, in English
 * and in Chinese (each compared after answerKey's normalising), unless a same-question entry for the id accepts its
 * present wording in that language.
 */
export function idReused(claim: ClaimFile, ledger: Ledger): LintFinding[] {
  return claim.cards.flatMap(answersOf).flatMap((a): LintFinding[] => {
    const entry = ledger.cards[a.id]
    if (!entry) {
      return [{ rule: 'id-reused', cardId: a.id, path: a.path, message: 'this id is not in the ledger yet: run npm run deck:ledger and commit the ledger with the deck' }]
    }
    return changedLanguages(ledger, a, entry).map((lang) => ({
      rule: 'id-reused' as const,
      cardId: a.id,
      path: [...a.path, lang],
      message: `this id first asked for "${entry[lang]}" and now for "${a[lang]}": give the new question a new id (docs/decisions/0017-new-question-new-id.md), or, if it still asks the same thing, add a same-question entry to the ledger`,
    }))
  })
}
