/**
 * The prompt lints' names and what each catches. Kept apart from lint.ts so the deck schema can accept
 * `lint-ok: {<rule>: <reason>}` without importing the lints themselves.
 */
export const LINT_RULES = ['cloze-visible', 'answer-in-prompt', 'same-answer', 'yes-no', 'stop-word', 'number-words'] as const

export type LintRule = (typeof LINT_RULES)[number]

export const LINT_RULE_HELP: Record<LintRule, string> = {
  'cloze-visible': 'a cloze deletion also appears in the text left visible on its card, or in its hint',
  'answer-in-prompt': "a question contains its own answer",
  'same-answer': 'two cards of one claim have the same answer (after normalising case, punctuation and width)',
  'yes-no': 'an English question opens as a yes/no question (or asks "how sure/likely", a yes/no in disguise)',
  'stop-word': 'a deletion is a single English stop word or a single Chinese character',
  'number-words': 'the English and Chinese deletions of one ordinal are of different kinds: a number in one, words in the other',
}
