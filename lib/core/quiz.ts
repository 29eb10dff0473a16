/**
 * A quiz (issue #18), the pure part: what a person may choose, which cards that gives, and the results by claim.
 * A quiz leaves the schedule alone unless asked to count its answers as reviews; the data layer
 * (lib/data/quiz-service.ts) stores it and its answers. No clock and no randomness of its own: the seed comes in.
 */
import { z } from './zod'
import { gradeRequestSchema } from './review-input'
import { DEFAULT_QUIZ_CARDS, DEFAULT_WEAKEST_CLAIMS, MAX_QUIZ_CARDS } from './form-limits'
import { inTalkScope } from './talk'

/** What a quiz is drawn from. "missed" is never chosen on the form: it is "quiz the missed ones again". */
export const QUIZ_SCOPES = ['all', 'sections', 'tags', 'weakest', 'unstudied'] as const
export type QuizScope = (typeof QUIZ_SCOPES)[number]

/** A section as the quiz names it: "<deck id>/<section id>", since section ids repeat across decks. */
export const sectionKey = (deckId: string, sectionId: string) => `${deckId}/${sectionId}`

/** The quiz form's choices. Error messages are catalogue keys (errors.*), translated where they are shown. */
export const quizOptionsSchema = z
  .strictObject({
    scope: z.enum(QUIZ_SCOPES, { error: 'errors.quizScope' }),
    sections: z.array(z.string().regex(/^[\w-]{1,100}\/\d{2}$/, 'errors.invalid')).max(50).default([]),
    tags: z.array(z.string().min(1).max(100)).max(100).default([]),
    weakest: z.coerce
      .number({ error: 'errors.numberMissing' })
      .int('errors.numberWhole')
      .min(1, 'errors.quizWeakestRange')
      .max(MAX_QUIZ_CARDS, 'errors.quizWeakestRange')
      .default(DEFAULT_WEAKEST_CLAIMS),
    coreOnly: z.boolean().default(false),
    length: z.coerce
      .number({ error: 'errors.numberMissing' })
      .int('errors.numberWhole')
      .min(1, 'errors.quizLengthRange')
      .max(MAX_QUIZ_CARDS, 'errors.quizLengthRange'),
    order: z.enum(['deck', 'shuffled'], { error: 'errors.invalid' }).default('shuffled'),
    countAsReviews: z.boolean().default(false),
  })
  .superRefine((o, ctx) => {
    if (o.scope === 'sections' && o.sections.length === 0) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'errors.quizNoSection' })
    if (o.scope === 'tags' && o.tags.length === 0) ctx.addIssue({ code: 'custom', path: ['tags'], message: 'errors.quizNoTag' })
  })

export type QuizOptions = z.infer<typeof quizOptionsSchema>

/** A talk's quiz ("Quiz this talk"): the claims of its sections and tags, the weakest first, as practice. */
export type TalkQuizOptions = { scope: 'talk'; talkId: string; sections: string[]; tags: string[]; length: number; order: 'weakest'; countAsReviews: false }

/** What a stored quiz was made from: the form's choices, a talk, or the missed claims of an earlier quiz. */
export type StoredQuizOptions =
  | QuizOptions
  | TalkQuizOptions
  | { scope: 'missed'; fromQuizId: string; order: QuizOptions['order'] | TalkQuizOptions['order']; countAsReviews: boolean }

/** A live claim as a quiz chooses among them, in interview order, with its live cards in deck order. */
export type QuizClaim = {
  claimId: string
  sectionKey: string
  core: boolean
  tags: readonly string[]
  /** The weakest seen card's retrievability now (lib/core/mastery.ts); null when no card of it has been seen. */
  weakestRetrievability: number | null
  cardIds: readonly string[]
}

/** The claims a quiz's scope takes, in the order their cards are asked when not shuffled. */
export function claimsInScope(claims: readonly QuizClaim[], o: QuizOptions): QuizClaim[] {
  const pool = o.coreOnly ? claims.filter((c) => c.core) : [...claims]
  switch (o.scope) {
    case 'all':
      return pool
    case 'sections': {
      const chosen = new Set(o.sections)
      return pool.filter((c) => chosen.has(c.sectionKey))
    }
    case 'tags': {
      const chosen = new Set(o.tags)
      return pool.filter((c) => c.tags.some((t) => chosen.has(t)))
    }
    case 'unstudied':
      return pool.filter((c) => c.weakestRetrievability === null)
    case 'weakest':
      // Among the claims seen, the least likely to be recalled now; ties keep interview order (the sort is stable).
      return pool
        .filter((c) => c.weakestRetrievability !== null)
        .sort((a, b) => a.weakestRetrievability! - b.weakestRetrievability!)
        .slice(0, o.weakest)
  }
}

/**
 * The cards of a new quiz, in the order they are asked: the scope's claims' cards, shuffled or in the order of
 * claimsInScope, then the first `length`. The same seed gives the same quiz.
 * @example quizCards(claims, { scope: 'all', length: 5, order: 'deck', … }, 'seed').length // ≤ 5
 */
export function quizCards(claims: readonly QuizClaim[], o: QuizOptions, seed: string): string[] {
  const cards = claimsInScope(claims, o).flatMap((c) => c.cardIds)
  return (o.order === 'shuffled' ? shuffled(cards, seed) : cards).slice(0, o.length)
}

/** How many cards "Quiz this talk" asks: the quiz form's default length. */
export const TALK_QUIZ_CARDS = DEFAULT_QUIZ_CARDS

/**
 * The cards of a talk's quiz: the claims in the talk's scope (its sections, or one of its tags), the weakest first by
 * the one recall rule (weakestRetrievability, lib/core/mastery.ts claimRecall). A claim never studied counts as recall
 * 0, as the talk's plan counts it weak: what is not known yet is the first thing to find out before a talk. Ties keep
 * interview order (the sort is stable); each claim's cards stay together, in deck order; then the first `length`.
 * @example talkQuizCards(claims, { sections: ['d/01'], tags: [] }, 20) // the cards of section 01's claims, weakest first
 */
export function talkQuizCards(claims: readonly QuizClaim[], scope: { sections: readonly string[]; tags: readonly string[] }, length: number): string[] {
  return claims
    .filter((c) => inTalkScope(scope, c))
    .sort((a, b) => (a.weakestRetrievability ?? 0) - (b.weakestRetrievability ?? 0))
    .flatMap((c) => c.cardIds)
    .slice(0, length)
}

/** Fisher–Yates with a small seeded generator (mulberry32 over a string hash): deterministic for tests. */
export function shuffled<T>(items: readonly T[], seed: string): T[] {
  let h = 1779033703 ^ seed.length
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353)
  let state = h >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Hard or better: the answer counts as known. */
export const KNOWN_MIN_RATING = 2

export type QuizAnswerRow = { cardId: string; claimId: string; rating: number }
export type ClaimResult = { claimId: string; known: boolean; cardIds: string[] }

/**
 * The results by claim, in the order the claims were first asked: a claim is known when every card of it that the
 * quiz asked was answered Hard or better, else missed.
 */
export function resultsByClaim(answers: readonly QuizAnswerRow[]): ClaimResult[] {
  const byClaim = new Map<string, ClaimResult>()
  for (const a of answers) {
    let r = byClaim.get(a.claimId)
    if (!r) byClaim.set(a.claimId, (r = { claimId: a.claimId, known: true, cardIds: [] }))
    r.cardIds.push(a.cardId)
    if (a.rating < KNOWN_MIN_RATING) r.known = false
  }
  return [...byClaim.values()]
}

/** The cards of a "quiz the missed ones again": every card the quiz asked of each missed claim, in the order asked. */
export function missedCards(answers: readonly QuizAnswerRow[]): string[] {
  const missed = new Set(resultsByClaim(answers).filter((r) => !r.known).map((r) => r.claimId))
  return answers.filter((a) => missed.has(a.claimId)).map((a) => a.cardId)
}

/** One quiz answer as the quiz screen sends it (and retries it): a grade's fields, plus the quiz and the position. */
export const quizAnswerRequestSchema = gradeRequestSchema.omit({ interval: true }).extend({
  quizId: z.uuid({ error: 'quizId must be a UUID' }),
  position: z.number({ error: 'position must be a whole number' }).int('position must be a whole number').min(0).max(MAX_QUIZ_CARDS - 1),
})

export type QuizAnswerRequest = z.infer<typeof quizAnswerRequestSchema>

/** The quiz form's fields as the options to parse: a checkbox is there or not; a list is every value of its name. */
export function quizOptionsFromForm(form: FormData): Record<string, unknown> {
  const scope = form.get('scope')
  return {
    scope: scope ?? undefined,
    sections: form.getAll('sections'),
    tags: form.getAll('tags'),
    // Only the chosen scope's number is read: a cleared field under another choice is no error.
    weakest: scope === 'weakest' ? form.get('weakest') : undefined,
    coreOnly: form.has('coreOnly'),
    length: form.get('length'),
    order: form.get('order') ?? undefined,
    countAsReviews: form.has('countAsReviews'),
  }
}
