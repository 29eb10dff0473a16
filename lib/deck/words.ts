/**
 * How the prompt lints read text: normalising, English stop words and suffixes, Chinese particles, and the content
 * words of an answer. The lists here are the single source; data/README.md states them (a unit test keeps the two
 * in step).
 */

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

export const HAN = /\p{Script=Han}/u

/**
 * An answer as compared between cards and against the ledger: normalised (width, case, punctuation, runs of space),
 * without the spaces around Chinese characters (「GPU 代码」 = 「GPU代码」) or a leading English article.
 * @example answerKey('The  Little Brains.') // 'little brains'
 */
export function answerKey(text: string): string {
  return normalizeText(text)
    .replace(/ ?(\p{Script=Han}) ?/gu, '$1')
    .replace(/^(the|a|an) /, '')
}

/** Function words: a deletion of one of them hides glue, not an idea (rule stop-word), and no answer is made of them. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but nor so yet of to in on at by for with from as into onto than then that this these those it its
  is are am was were be been being do does did has have had not no yes very too more most less least much many some
  any all each every both either neither only just also even still there here what which who whom whose when where
  why how if because while about over under up down out off again once can could will would shall should may might
  must i we you he she they me us him her them my our your his their one ones already per via`.split(/\s+/),
)

/**
 * Names on nearly every card of the interview's deck: they tell nothing about any one answer, so they are not
 * counted among an answer's content words (they stay ordinary words for the other rules). Chinese names are taken
 * out of the text before it is split into characters.
 */
export const NAME_WORDS: ReadonlySet<string> = new Set(['sutskever', 'ilya', 'host', 'openai', 'ai', 'agi'])
export const ZH_NAMES: readonly string[] = ['苏茨克维', '伊利亚', '主持人']

/**
 * English suffixes folded before comparing words, longest first, so "acceleration" and "accelerating", "reliable"
 * and "reliability", "confident" and "confidence" count as the same word. One is taken off only when at least
 * four letters are left.
 */
export const SUFFIXES: readonly string[] = [
  'ability', 'ibility', 'ation', 'ility', 'ating', 'ated', 'ates', 'ence', 'ance', 'ment', 'ness', 'able', 'ity', 'ing', 'ion', 'ent', 'ant', 'ed', 'es', 'er', 'ly', 's', 'e',
]

/**
 * A word as the content-word rules compare it: suffixes taken off again and again while at least four letters
 * remain ("transformers" → "transformer" → "transform"); a word too short to stem stays as it is.
 */
export function foldWord(word: string): string {
  let folded = normalizeText(word)
  for (let next = stem(folded); next !== null && next !== folded; next = stem(folded)) folded = next
  return folded
}

/** A crude English stem, or null when too little of the word would be left to compare safely. */
export function stem(word: string): string | null {
  const w = normalizeText(word)
  if (!/^[a-z]+$/.test(w)) return null
  const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 4)
  const base = suffix ? w.slice(0, -suffix.length) : w
  return base.length >= 4 ? base : null
}

/**
 * Chinese characters that carry grammar rather than content (particles, pronouns, the commonest prepositions,
 * conjunctions, copulas and measure words): an answer's other characters are its content.
 */
export const ZH_PARTICLES: ReadonlySet<string> = new Set([...'的地得了着过吗呢吧啊呀么之其而且与及和或也都就才又还把被将让给对向从在于以为是这那些此它他她们我你个种项位条'])

/**
 * The content words of a text, as a set: in English the words less stop words and names, suffixes folded (a word
 * too short to stem stays as it is); in Chinese the Han characters less particles, plus any Latin words or numbers
 * it contains, read as English.
 * @example contentWords('They were too small.', 'en') // Set {'small'}
 * @example contentWords('规模太小。', 'zh') // Set {'规', '模', '太', '小'}
 */
export function contentWords(text: string, lang: 'en' | 'zh'): Set<string> {
  let t = text.normalize('NFKC')
  if (lang === 'zh') for (const name of ZH_NAMES) t = t.split(name).join(' ')
  const words = new Set<string>()
  for (const token of normalizeText(t).split(' ')) {
    for (const part of token.split(/(\p{Script=Han})/u)) {
      if (!part) continue
      if (HAN.test(part)) {
        if (!ZH_PARTICLES.has(part)) words.add(part)
      } else if (/^[a-z]$/.test(part) || STOP_WORDS.has(part) || NAME_WORDS.has(part)) {
        continue
      } else {
        words.add(foldWord(part))
      }
    }
  }
  return words
}

/**
 * The names and numbers an answer contains, as content words: English words that start with a capital (other than
 * the answer's first word) or hold two capitals or a digit ("Dota 2", "GPT-3", "7B"); in Chinese text every Latin
 * word or number. A front that shows all of them has said what the answer is about, however long the rest of it.
 * @example nameWords('Training a network to play Dota 2.', 'en') // Set {'dota', '2'}
 */
export function nameWords(text: string, lang: 'en' | 'zh'): Set<string> {
  const tokens = text.normalize('NFKC').match(/[A-Za-z0-9]+/g) ?? []
  const names = tokens.filter((t, i) => lang === 'zh' || /\d/.test(t) || /[A-Z].*[A-Z]/.test(t) || (i > 0 && /^[A-Z]/.test(t)))
  return contentWords(names.join(' '), 'en')
}
