/**
 * The lints that keep each card an honest test (issue #29; none can be excused with lint-ok): no other card of the
 * claim shows its answer, its front points at nothing it does not name, it names whose view it asks for, and its
 * answer is one answer. How they read words: lib/deck/words.ts; the rules in full: data/README.md.
 */
import { answersOf, frontsOf, LANGS, type Lang } from './card-sides'
import type { LintFinding } from './lint-rules'
import type { CardFile, ClaimFile } from './schema'
import { STOP_WORDS, contentWords, foldWord, nameWords } from './words'

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

