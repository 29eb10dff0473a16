/**
 * Prompt lints for deck files: pure functions over the parsed deck, each finding one kind of weak card. A card may
 * break a rule only if it says why, in the deck file: `lint-ok: { <rule>: "<reason>" }` (see data/README.md).
 * A `lint-ok` entry that suppresses nothing is itself reported, so old excuses do not pile up.
 */
import { parseCloze } from '../core/cloze'
import { LINT_RULE_HELP, LINT_RULES, type LintRule } from './lint-rules'
import type { CardFile, ClaimFile, DeckFile } from './schema'

export { LINT_RULES, LINT_RULE_HELP, type LintRule }

type Lang = 'en' | 'zh'
const LANGS: readonly Lang[] = ['en', 'zh']
type BasicCard = Extract<CardFile, { kind: 'basic' }>
type ClozeCard = Extract<CardFile, { kind: 'cloze' }>

/** One weak spot: `path` is relative to the card (e.g. ['text', 'en']) until lintDeck makes it a deck path. */
export type LintFinding = { rule: LintRule; cardId: string; path: (string | number)[]; message: string }

/**
 * Text compared the way a reader compares answers: full/half width folded (NFKC), lower case, punctuation and
 * symbols turned to spaces, runs of space collapsed.
 * @example normalizeText('“Little Ｂrains.”') // 'little brains'
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** An answer as compared between cards: normalised, without a leading English article. */
function answerKey(text: string): string {
  return normalizeText(text).replace(/^(the|a|an) /, '')
}

const HAN = /\p{Script=Han}/u

/**
 * Whether `needle` occurs in `haystack` (both normalised): Latin words and numbers as whole words (a plural "s"
 * allowed), Chinese as a plain substring, since Chinese has no spaces between words.
 */
export function containsPhrase(haystack: string, needle: string): boolean {
  const h = normalizeText(haystack)
  const n = normalizeText(needle)
  if (!n) return false
  if (HAN.test(n)) return h.includes(n)
  const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[^a-z0-9])${escaped}(s|es)?($|[^a-z0-9])`).test(h)
}

// English suffixes stripped before comparing one-word deletions, longest first, so "acceleration" and
// "accelerating", or "reliable" and "reliability", count as the same word.
const SUFFIXES = ['ability', 'ibility', 'ation', 'ility', 'ating', 'ated', 'ates', 'able', 'ity', 'ing', 'ion', 'ed', 'es', 'er', 'ly', 's', 'e']

/** A crude English stem, or null when too little of the word would be left to compare safely. */
export function stem(word: string): string | null {
  const w = normalizeText(word)
  if (!/^[a-z]+$/.test(w)) return null
  const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 4)
  const base = suffix ? w.slice(0, -suffix.length) : w
  return base.length >= 4 ? base : null
}

/** Whether a one-word English deletion shares its stem with a word of the visible text. */
function sharesStem(haystack: string, word: string): boolean {
  const target = stem(word)
  return target !== null && normalizeText(haystack).split(' ').some((w) => stem(w) === target)
}

type Deletion = { ordinal: number; answer: string; hint: string | null }

function deletions(text: string): Deletion[] {
  return parseCloze(text).flatMap((s) => (s.kind === 'deletion' ? [s] : []))
}

/** What cloze card `ordinal` shows: the other deletions as plain text, this ordinal's only as its hint (if any). */
function visibleText(text: string, ordinal: number): string {
  return parseCloze(text)
    .map((s) => (s.kind === 'text' ? s.text : s.ordinal === ordinal ? ` ${s.hint ?? ''} ` : s.answer))
    .join('')
}

/** What a card asks for, per language: a basic card's answer, or a cloze ordinal's deletions joined. */
function answersOf(card: CardFile): { id: string; path: (string | number)[]; en: string; zh: string }[] {
  if (card.kind === 'basic') return [{ id: card.id, path: ['answer'], en: card.answer.en, zh: card.answer.zh }]
  const en = deletions(card.text.en)
  const zh = deletions(card.text.zh)
  const ordinals = [...new Set(en.map((d) => d.ordinal))].sort((a, b) => a - b)
  const join = (list: Deletion[], o: number) => list.filter((d) => d.ordinal === o).map((d) => d.answer).join(' … ')
  return ordinals.map((o) => ({ id: `${card.id}.c${o}`, path: ['text'], en: join(en, o), zh: join(zh, o) }))
}

/** Rule cloze-visible: the hidden phrase can be read off the rest of its own card (or its hint). */
export function clozeVisible(card: ClozeCard): LintFinding[] {
  const findings: LintFinding[] = []
  for (const lang of LANGS) {
    for (const d of deletions(card.text[lang])) {
      const shown = visibleText(card.text[lang], d.ordinal)
      if (containsPhrase(shown, d.answer) || (lang === 'en' && sharesStem(shown, d.answer))) {
        findings.push({
          rule: 'cloze-visible',
          cardId: `${card.id}.c${d.ordinal}`,
          path: ['text', lang],
          message: `the deletion "${d.answer}" can be read on its own card${d.hint && containsPhrase(d.hint, d.answer) ? ' (in its hint)' : ''}`,
        })
      }
    }
  }
  return findings
}

/**
 * Rule answer-in-prompt: the answer, without its parenthetical asides, is written in the question. A one-character
 * Chinese answer (「是」) is not looked for: it turns up in most questions by chance.
 */
export function answerInPrompt(card: BasicCard): LintFinding[] {
  return LANGS.flatMap((lang) => {
    const answer = card.answer[lang].replace(/[(（][^)）]*[)）]/g, ' ')
    const long = normalizeText(answer).replace(/\s+/g, '').length >= 2
    return long && containsPhrase(card.prompt[lang], answer)
      ? [{ rule: 'answer-in-prompt' as const, cardId: card.id, path: ['prompt', lang], message: `the question contains its answer "${card.answer[lang]}"` }]
      : []
  })
}

/** Rule same-answer: a later card of the claim asks for what an earlier one already asks for. */
export function sameAnswer(claim: ClaimFile): LintFinding[] {
  const findings: LintFinding[] = []
  const seen = new Map<string, string>()
  for (const a of claim.cards.flatMap(answersOf)) {
    // One finding per card, naming the first language that clashes; both keys are remembered for later cards.
    const clash = LANGS.map((lang) => ({ lang, first: seen.get(`${lang}:${answerKey(a[lang])}`) })).find((c) => c.first)
    if (clash) {
      findings.push({
        rule: 'same-answer',
        cardId: a.id,
        path: [...a.path, clash.lang],
        message: `its answer "${a[clash.lang]}" is also the answer of ${clash.first}: each card of a claim should test a different detail`,
      })
    }
    for (const lang of LANGS) {
      const key = `${lang}:${answerKey(a[lang])}`
      if (!seen.has(key)) seen.set(key, a.id)
    }
  }
  return findings
}

const YES_NO_OPENING =
  /^(is|are|am|was|were|do|does|did|can|could|will|would|should|shall|has|have|had|may|might|must|isn't|aren't|wasn't|doesn't|don't|didn't|won't|wouldn't|can't|couldn't|shouldn't|how (sure|certain|likely|confident))\b/i

/** Rule yes-no: an English question that can be answered "yes", "no" or "quite" without recalling anything. */
export function yesNo(card: BasicCard): LintFinding[] {
  const opening = YES_NO_OPENING.exec(card.prompt.en.trim())
  return opening
    ? [{ rule: 'yes-no', cardId: card.id, path: ['prompt', 'en'], message: `the question opens with "${opening[0]}", so a guess of yes/no (or "fairly") answers it` }]
    : []
}

// Function words too common to be worth a card of their own.
const STOP_WORDS = new Set(
  `a an the and or but nor so yet of to in on at by for with from as into onto than then that this these those it its
  is are am was were be been being do does did has have had not no yes very too more most less least much many some
  any all each every both either neither only just also even still there here what which who whom whose when where
  why how if because while about over under up down out off again once can could will would shall should may might
  must i we you he she they me us him her them my our your his their one`.split(/\s+/),
)

/**
 * Rule stop-word: a deletion hides one function word, or one Chinese character — glue, not an idea. A Chinese
 * numeral (「五」) is exempt: it hides a number, as "five" does in English.
 */
export function stopWord(card: ClozeCard): LintFinding[] {
  const findings: LintFinding[] = []
  for (const d of deletions(card.text.en)) {
    if (STOP_WORDS.has(normalizeText(d.answer))) {
      findings.push({ rule: 'stop-word', cardId: `${card.id}.c${d.ordinal}`, path: ['text', 'en'], message: `the deletion "${d.answer}" is a single stop word` })
    }
  }
  for (const d of deletions(card.text.zh)) {
    const bare = normalizeText(d.answer).replace(/\s+/g, '')
    if ([...bare].length === 1 && HAN.test(bare) && !isNumber(bare, 'zh')) {
      findings.push({ rule: 'stop-word', cardId: `${card.id}.c${d.ordinal}`, path: ['text', 'zh'], message: `the deletion "${d.answer}" is a single Chinese character` })
    }
  }
  return findings
}

const EN_NUMBER_WORDS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion half'
const EN_NUMBER = new RegExp(
  `^(about |around |roughly |some |over |more than |a |an )*((\\d+([.,]\\d+)*[a-z%]{0,2}|${EN_NUMBER_WORDS.split(' ').join('|')})( |-|and |to |or )*)+$`,
)
const ZH_NUMBER = /^(约|大约|近|超过)?[\d零〇一二两三四五六七八九十百千万亿半.,%]+[a-z]{0,2}(个|块|年|倍|位|次|多|以上|左右)*$/

/** Whether a deletion is a number (digits or number words), as opposed to words. */
export function isNumber(text: string, lang: Lang): boolean {
  const t = normalizeText(text)
  return lang === 'en' ? EN_NUMBER.test(t) : ZH_NUMBER.test(t.replace(/\s+/g, ''))
}

/** Rule number-words: one language hides a number where the other hides words, so the two cards ask different things. */
export function numberWords(card: ClozeCard): LintFinding[] {
  return answersOf(card).flatMap((a) => {
    const en = isNumber(a.en, 'en')
    const zh = isNumber(a.zh, 'zh')
    return en === zh
      ? []
      : [{
          rule: 'number-words' as const,
          cardId: a.id,
          path: ['text', 'zh'],
          message: `the English deletion "${a.en}" is ${en ? 'a number' : 'words'} but the Chinese "${a.zh}" is ${zh ? 'a number' : 'words'}`,
        }]
  })
}

/** Every rule's findings on one claim, before suppressions. */
function lintClaim(claim: ClaimFile): LintFinding[] {
  return [
    ...claim.cards.flatMap((card) =>
      card.kind === 'basic' ? [...answerInPrompt(card), ...yesNo(card)] : [...clozeVisible(card), ...stopWord(card), ...numberWords(card)],
    ),
    ...sameAnswer(claim),
  ]
}

/**
 * Lints a parsed deck. Paths are deck paths (sections.2.claims.0.cards.1.text.en), for parse.ts to turn into lines.
 * A finding on a card that carries `lint-ok` for its rule is dropped; an unused `lint-ok` entry is a finding.
 */
export function lintDeck(deck: DeckFile): LintFinding[] {
  const out: LintFinding[] = []
  deck.sections.forEach((section, s) => {
    section.claims.forEach((claim, k) => {
      const cardIndex = new Map(claim.cards.map((card, j) => [card.id, j]))
      const noteOf = (cardId: string) => cardId.replace(/\.c\d+$/, '')
      const used = new Set<string>()
      for (const f of lintClaim(claim)) {
        const j = cardIndex.get(noteOf(f.cardId))!
        const card = claim.cards[j]!
        if (card['lint-ok']?.[f.rule]) {
          used.add(`${card.id}:${f.rule}`)
          continue
        }
        out.push({ ...f, path: ['sections', s, 'claims', k, 'cards', j, ...f.path] })
      }
      claim.cards.forEach((card, j) => {
        for (const rule of Object.keys(card['lint-ok'] ?? {}) as LintRule[]) {
          if (!used.has(`${card.id}:${rule}`)) {
            out.push({
              rule,
              cardId: card.id,
              path: ['sections', s, 'claims', k, 'cards', j, 'lint-ok', rule],
              message: `lint-ok for "${rule}" excuses nothing on this card: remove it`,
            })
          }
        }
      })
    })
  })
  return out
}

/** One line of help per rule, for deck:check's output. */
export function lintHelp(): string {
  return LINT_RULES.map((r) => `  ${r}: ${LINT_RULE_HELP[r]}`).join('\n')
}
