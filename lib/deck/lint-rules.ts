/**
 * The prompt lints' names and what each catches. Kept apart from lint.ts so the deck schema can accept
 * `lint-ok: {<rule>: <reason>}` without importing the lints themselves.
 */
export const LINT_RULES = [
  'cloze-visible',
  'answer-in-prompt',
  'same-answer',
  'yes-no',
  'stop-word',
  'number-words',
  'sibling-shows-answer',
  'id-reused',
  'no-referent',
  'unnamed-speaker',
  'many-answers',
] as const

export type LintRule = (typeof LINT_RULES)[number]

/** One weak spot: `path` is relative to the card (e.g. ['text', 'en']) until lintDeck makes it a deck path. */
export type LintFinding = { rule: LintRule; cardId: string; path: (string | number)[]; message: string }

/**
 * Rules no `lint-ok` can excuse: a card that breaks one is not an honest test (or, for id-reused, hands people's
 * schedules to another question), whatever the reason. Naming one in `lint-ok` is itself an error.
 */
export const STRICT_LINT_RULES: readonly LintRule[] = ['sibling-shows-answer', 'id-reused', 'no-referent', 'unnamed-speaker', 'many-answers']

export const LINT_RULE_HELP: Record<LintRule, string> = {
  'cloze-visible': 'a cloze deletion also appears in the text left visible on its card, or in its hint',
  'answer-in-prompt': "a question contains its own answer",
  'same-answer': 'two cards of one claim have the same answer (after normalising case, punctuation and width)',
  'yes-no': 'an English question opens as a yes/no question (or asks "how sure/likely", a yes/no in disguise)',
  'stop-word': 'a deletion is a single English stop word or a single Chinese character',
  'number-words': 'the English and Chinese deletions of one ordinal are of different kinds: a number in one, words in the other',
  'sibling-shows-answer': "the front of a card shows another card's answer (two thirds of its content words, or all its names and numbers), in either language; cloze ordinals of one text are exempt from each other",
  'id-reused': "a card id asks something other than what the deck's ledger says it first asked (or is missing from the ledger)",
  'no-referent': 'a front points at something ("those children", "this debate", 那些孩子) that nothing on the card names',
  'unnamed-speaker': 'a front says "he"/他 without naming whose view it asks for (Sutskever, or the host)',
  'many-answers': 'an answer accepts any of several ("Any of", "One of", "either", 任一, 之一)',
}
