/**
 * Prompt lints for deck files: pure functions over the parsed deck, each finding one kind of weak card. A card may
 * break a rule only if it says why, in the deck file: `lint-ok: { <rule>: "<reason>" }` (see data/README.md).
 * A `lint-ok` entry that suppresses nothing is itself reported, so old excuses do not pile up.
 */
import { answersOf, deletions, LANGS, visibleText, type ClozeCard, type Lang } from './card-sides'
import { manyAnswers, noReferent, siblingShowsAnswer, unnamedSpeaker } from './lint-honest'
import { LINT_RULE_HELP, LINT_RULES, STRICT_LINT_RULES, type LintFinding, type LintRule } from './lint-rules'
import type { CardFile, ClaimFile, DeckFile } from './schema'
import { HAN, STOP_WORDS, answerKey, normalizeText, stem } from './words'

export { LINT_RULES, LINT_RULE_HELP, STRICT_LINT_RULES, type LintFinding, type LintRule }
export { normalizeText, stem }
export { answersOf, type CardAnswer } from './card-sides'

type BasicCard = Extract<CardFile, { kind: 'basic' }>

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

/** Whether a one-word English deletion shares its stem with a word of the visible text. */
function sharesStem(haystack: string, word: string): boolean {
  const target = stem(word)
  return target !== null && normalizeText(haystack).split(' ').some((w) => stem(w) === target)
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
    ...claim.cards.flatMap((card) => [
      ...(card.kind === 'basic' ? [...answerInPrompt(card), ...yesNo(card)] : [...clozeVisible(card), ...stopWord(card), ...numberWords(card)]),
      ...noReferent(card),
      ...unnamedSpeaker(card),
      ...manyAnswers(card),
    ]),
    ...sameAnswer(claim),
    ...siblingShowsAnswer(claim),
  ]
}

/**
 * Lints a parsed deck. Paths are deck paths (sections.2.claims.0.cards.1.text.en), for parse.ts to turn into lines.
 * `moreRules` are per-claim rules that need more than the deck (id-reused needs the ledger). A finding on a card
 * that carries `lint-ok` for its rule is dropped, unless the rule is strict (the schema refuses such a lint-ok, so
 * this only matters to a deck built in code); an unused `lint-ok` entry is a finding.
 */
export function lintDeck(deck: DeckFile, moreRules: readonly ((claim: ClaimFile) => LintFinding[])[] = []): LintFinding[] {
  const out: LintFinding[] = []
  deck.sections.forEach((section, s) => {
    section.claims.forEach((claim, k) => {
      const cardIndex = new Map(claim.cards.map((card, j) => [card.id, j]))
      const noteOf = (cardId: string) => cardId.replace(/\.c\d+$/, '')
      const used = new Set<string>()
      for (const f of [...lintClaim(claim), ...moreRules.flatMap((rule) => rule(claim))]) {
        const j = cardIndex.get(noteOf(f.cardId))!
        const card = claim.cards[j]!
        if (card['lint-ok']?.[f.rule] && !STRICT_LINT_RULES.includes(f.rule)) {
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
              message: STRICT_LINT_RULES.includes(rule)
                ? `lint-ok cannot excuse "${rule}": a card that breaks it is not an honest test, so fix the card`
                : `lint-ok for "${rule}" excuses nothing on this card: remove it`,
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
