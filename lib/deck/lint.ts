/**
 * Prompt lints for deck files: pure functions over the parsed deck, each finding one kind of weak card. A card may
 * break a rule only if it says why, in the deck file: `lint-ok: { <rule>: "<reason>" }` (see data/README.md).
 * A `lint-ok` entry that suppresses nothing is itself reported, so old excuses do not pile up.
 */
import { parseCloze } from '../core/cloze'
import { LINT_RULE_HELP, LINT_RULES, STRICT_LINT_RULES, type LintRule } from './lint-rules'
import type { CardFile, ClaimFile, DeckFile } from './schema'
import { HAN, STOP_WORDS, answerKey, contentWords, foldWord, nameWords, normalizeText, stem } from './words'

export { LINT_RULES, LINT_RULE_HELP, STRICT_LINT_RULES, type LintRule }
export { normalizeText, stem }

type Lang = 'en' | 'zh'
const LANGS: readonly Lang[] = ['en', 'zh']
type BasicCard = Extract<CardFile, { kind: 'basic' }>
type ClozeCard = Extract<CardFile, { kind: 'cloze' }>

/** One weak spot: `path` is relative to the card (e.g. ['text', 'en']) until lintDeck makes it a deck path. */
export type LintFinding = { rule: LintRule; cardId: string; path: (string | number)[]; message: string }

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

/** What one card (a basic card, or one ordinal of a cloze text) asks for, per language. */
export type CardAnswer = { id: string; noteId: string; path: (string | number)[]; en: string; zh: string }

/** What a card asks for, per language: a basic card's answer, or a cloze ordinal's deletions joined. */
export function answersOf(card: CardFile): CardAnswer[] {
  if (card.kind === 'basic') return [{ id: card.id, noteId: card.id, path: ['answer'], en: card.answer.en, zh: card.answer.zh }]
  const en = deletions(card.text.en)
  const zh = deletions(card.text.zh)
  const ordinals = [...new Set(en.map((d) => d.ordinal))].sort((a, b) => a - b)
  const join = (list: Deletion[], o: number) => list.filter((d) => d.ordinal === o).map((d) => d.answer).join(' … ')
  return ordinals.map((o) => ({ id: `${card.id}.c${o}`, noteId: card.id, path: ['text'], en: join(en, o), zh: join(zh, o) }))
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

/** What a card shows before it is answered: a basic card's prompt, or a cloze text with this ordinal hidden. */
type CardFront = { id: string; noteId: string; field: 'prompt' | 'text'; en: string; zh: string }

function frontsOf(card: CardFile): CardFront[] {
  if (card.kind === 'basic') return [{ id: card.id, noteId: card.id, field: 'prompt', en: card.prompt.en, zh: card.prompt.zh }]
  return clozeOrdinalsOf(card).map((o) => ({
    id: `${card.id}.c${o}`,
    noteId: card.id,
    field: 'text',
    en: visibleText(card.text.en, o),
    zh: visibleText(card.text.zh, o),
  }))
}

function clozeOrdinalsOf(card: ClozeCard): number[] {
  return [...new Set(deletions(card.text.en).map((d) => d.ordinal))].sort((a, b) => a - b)
}

/** The share of an answer's content words a front must show for the answer to count as shown. */
export const SHOWN_SHARE = 2 / 3

/**
 * The content words of `answer` that can be read on `front`, and how many content words the answer has. An answer
 * counts as shown when the first is at least SHOWN_SHARE of the second.
 * @example shownWords('Confidence it will succeed again', 'You can be confident it will succeed.', 'en') // { shown: ['confid', 'succeed'], of: 3 }
 */
export function shownWords(answer: string, front: string, lang: Lang): { shown: string[]; of: number } {
  const wanted = contentWords(answer, lang)
  const visible = contentWords(front, lang)
  return { shown: [...wanted].filter((w) => visible.has(w)), of: wanted.size }
}

/**
 * Whether `front` shows `answer`: at least SHOWN_SHARE of the answer's content words, or every one of the names and
 * numbers it contains (the answer "Training a network to play Dota 2" is given away by a front about "Dota 2").
 */
function showsAnswer(answer: string, front: string, lang: Lang): string | null {
  const { shown, of } = shownWords(answer, front, lang)
  const join = (words: string[]) => words.join(lang === 'zh' ? '' : ', ')
  if (of > 0 && shown.length >= SHOWN_SHARE * of) return `${shown.length} of its ${of} content words: ${join(shown)}`
  const names = [...nameWords(answer, lang)]
  const visible = contentWords(front, lang)
  if (names.length > 0 && names.every((n) => visible.has(n))) return `all the names it contains: ${join(names)}`
  return null
}

/**
 * Rule sibling-shows-answer: the front of one card of the claim shows at least two thirds of the content words of
 * another card's answer, so whoever sees that card first has been told the other's answer. The ordinals of one cloze
 * text are exempt from each other, as in Anki (they are reviewed apart, and each hides its own deletion).
 */
export function siblingShowsAnswer(claim: ClaimFile): LintFinding[] {
  const answers = claim.cards.flatMap(answersOf)
  const findings: LintFinding[] = []
  for (const front of claim.cards.flatMap(frontsOf)) {
    for (const answer of answers) {
      if (answer.noteId === front.noteId) continue
      for (const lang of LANGS) {
        const how = showsAnswer(answer[lang], front[lang], lang)
        if (how) {
          findings.push({
            rule: 'sibling-shows-answer',
            cardId: front.id,
            path: [front.field, lang],
            message: `its front shows the answer of ${answer.id}, "${answer[lang]}" (${how})`,
          })
        }
      }
    }
  }
  return findings
}

// no-referent: the words that point back at something said before, and what lets such a word stand.
const EN_POINTERS = new Set(['this', 'these', 'those', 'such'])
/** "that" points only after a preposition ("in that case", "about that debate"); elsewhere it is a conjunction. */
const EN_PREPOSITIONS = new Set(['in', 'of', 'for', 'on', 'at', 'from', 'with', 'by', 'about', 'to', 'into', 'after', 'before', 'like', 'under'])
/** Nouns that, after "the", point back at something told before ("the case", "the debate", "the experiment"). */
export const EN_BACK_NOUNS = new Set(['case', 'debate', 'experiment', 'example', 'study', 'scenario', 'discussion', 'argument', 'children'])
/** Words after such a noun that say which one is meant ("the experiment where …", "the case for …"). */
const EN_DEFINERS = new Set(['of', 'for', 'where', 'when', 'that', 'which', 'who', 'in', 'with', 'about', 'on'])
/** 这/那 with a measure word (这些, 那个, 这场, 这一代 …): a Chinese demonstrative. */
const ZH_POINTER = /[这那]一?[些个场种位项次条段番件门代点]/gu
/** 此 inside these words does not point at anything. */
const ZH_NOT_POINTER = /因此|如此|彼此|此外|从此|由此|此后|此时|就此|照此|非此即彼/gu
/** A demonstrative right after one of these is defined where it stands: 的 (a clause before it), a quotation, or "now". */
const ZH_DEFINED_BEFORE = /(的|[」』”"']|当前|眼下|如今|目前|现在|今天)$/u
/** Quoted words (a question or a line someone said) may point at anything: they are not the card's own words. */
const QUOTED = /“[^”]*”|「[^」]*」|『[^』]*』|"[^"]*"|(?<![\p{L}\p{N}])'[^']*'(?![\p{L}\p{N}])/gu
/** The end of a front's first clause: a later clause may point back at what the first one named. */
const CLAUSE_END = /[,;:?!，；：。？！—–]|\.(?!\d)/u

/** The pointing words of a front's first clause that nothing before them names, e.g. ['those children']. */
export function danglingPointers(front: string, lang: Lang): string[] {
  // A quotation becomes an empty 「」: its words are gone, and a demonstrative right after it is seen as defined.
  const clause = front.replace(QUOTED, '「」').split(CLAUSE_END)[0]!
  if (lang === 'zh') {
    const found: string[] = []
    for (const m of clause.matchAll(ZH_POINTER)) {
      const before = clause.slice(0, m.index).trimEnd()
      const noun = /^\p{Script=Han}{1,2}/u.exec(clause.slice(m.index + m[0].length))?.[0] ?? ''
      if (ZH_DEFINED_BEFORE.test(before) || (noun && before.includes(noun))) continue
      found.push(m[0] + noun)
    }
    const standalone = clause.replace(ZH_NOT_POINTER, '  ')
    for (const m of standalone.matchAll(/此/gu)) found.push(clause.slice(m.index, m.index + 2))
    return found
  }
  const words = clause.toLowerCase().match(/[a-z0-9][a-z0-9'-]*/g) ?? []
  const found: string[] = []
  words.forEach((word, i) => {
    const next = words[i + 1]
    let noun: string | undefined
    if (EN_POINTERS.has(word) || (word === 'that' && EN_PREPOSITIONS.has(words[i - 1] ?? ''))) {
      if (word === 'such' && next === 'as') return
      noun = next !== undefined && !STOP_WORDS.has(next) ? next : undefined
    } else if (word === 'the' && next !== undefined && EN_BACK_NOUNS.has(next) && !EN_DEFINERS.has(words[i + 2] ?? '')) {
      noun = next
    } else return
    if (noun !== undefined && words.slice(0, i).some((w) => foldWord(w) === foldWord(noun))) return
    found.push(noun === undefined ? word : `${word} ${noun}`)
  })
  return found
}

/**
 * Rule no-referent: a front whose first clause points at something ("those children", "this debate", 这场讨论) that
 * nothing before it on the card names. A pointer in a later clause is taken to point back at the first; one after a
 * defining clause (…的那个实验), in a quotation, or meaning "now" (眼下这些模型) stands on its own.
 */
export function noReferent(card: CardFile): LintFinding[] {
  return frontsOf(card).flatMap((front) =>
    LANGS.flatMap((lang) => {
      const dangling = danglingPointers(front[lang], lang)
      return dangling.length === 0
        ? []
        : [{ rule: 'no-referent' as const, cardId: front.id, path: [front.field, lang], message: `"${dangling.join('", "')}" points at something nothing on the card names` }]
    }),
  )
}

const EN_HE = /\b(he|his|him|himself)\b/i
const EN_NAMED = /\b(sutskever|ilya|host)\b/i
/** 他 as "he", not inside 他们 (they), 其他 (other), 他人 (others). */
const ZH_HE = /(?<!其)他(?![们人])/u
const ZH_NAMED = /苏茨克维|伊利亚|主持人/u

/** Rule unnamed-speaker: a front says "he" (他) without naming whose view it is: Sutskever's, or the host's. */
export function unnamedSpeaker(card: CardFile): LintFinding[] {
  return frontsOf(card).flatMap((front) =>
    LANGS.flatMap((lang) => {
      const [he, named] = lang === 'en' ? [EN_HE, EN_NAMED] : [ZH_HE, ZH_NAMED]
      const pronoun = he.exec(front[lang])?.[0]
      return pronoun && !named.test(front[lang])
        ? [{ rule: 'unnamed-speaker' as const, cardId: front.id, path: [front.field, lang], message: `it says "${pronoun}" but not who: name Sutskever or the host` }]
        : []
    }),
  )
}

/** Answers that accept any one of several: "Any of …", "One of …", "either … or …", 任一, 之一, 其一, 任选. */
const EN_MANY = /^(any|one) of\b|^any one\b|\beither\b/i
const ZH_MANY = /任一|任选|任何一|之一|其一|随便/u

/** Rule many-answers: an answer (or a cloze deletion) accepts any of several, so no one answer is recalled. */
export function manyAnswers(card: CardFile): LintFinding[] {
  return answersOf(card).flatMap((a) =>
    LANGS.flatMap((lang) => {
      const form = (lang === 'en' ? EN_MANY : ZH_MANY).exec(lang === 'en' ? a[lang].trim() : a[lang])?.[0]
      return form
        ? [{ rule: 'many-answers' as const, cardId: a.id, path: [...a.path, lang], message: `the answer "${a[lang]}" takes any of several ("${form}"): ask for one` }]
        : []
    }),
  )
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
