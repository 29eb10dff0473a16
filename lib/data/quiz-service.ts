/**
 * The quiz's use cases (issue #18): start one, show it, answer it, drop it, quiz the missed claims again. Each is a
 * generator of the statements in ./quiz-sql.ts and ./study-sql.ts, run on either engine (decision 0007).
 *
 * A quiz is a fixed list of cards chosen at its start (lib/core/quiz.ts) and answered in order; its position is
 * stored, so a reload resumes it. An answer is kept once, by its review id, at its position. By default it writes a
 * log of kind "quiz" and changes no card state (limits and statistics count only kind "review"); a quiz made with
 * "count answers as reviews" sends each answer through the one grade path (gradeWork, with its version check) and
 * records it in the quiz in the same transaction (decision 0018). A grade the study rules refuse (today's limit
 * reached, another study day, a bad answer time, an undone review id) leaves the answer a plain quiz answer, and the
 * result says why it was not counted.
 */
import { randomUUID } from 'node:crypto'
import { all, asBool, asDate, asDateOrNull, get, run, type Executor, type Work } from '../db/sql'
import { neverSeenState, type CardStateView } from '../core/card-state'
import { snapshotOf } from '../core/state-snapshot'
import { presentText } from '../core/present'
import { titleText } from '../core/display-language'
import { studyDay } from '../core/study-day'
import {
  missedCards,
  quizCards,
  resultsByClaim,
  sectionKey,
  talkQuizCards,
  TALK_QUIZ_CARDS,
  type QuizAnswerRequest,
  type QuizClaim,
  type QuizOptions,
  type StoredQuizOptions,
} from '../core/quiz'
import { cappedDurationMs, cardView, currentState, readConfig, ReviewIdTaken, type StudyCard, type UserStudyConfig } from './study-context'
import { gradeWork } from './study-service'
import { claimsWork } from './progress-service'
import * as S from './study-sql'
import * as Q from './quiz-sql'
import { TALK } from './talk-sql'

export type QuizCard = Pick<StudyCard, 'cardId' | 'version' | 'kind' | 'promptHtml' | 'answerHtml' | 'claim' | 'section'> & { position: number }

export type QuizSummary = {
  id: string
  options: StoredQuizOptions
  cardCount: number
  /** Cards answered so far. */
  position: number
  countAsReviews: boolean
  startedAt: string
  finishedAt: string | null
  /** The talk it was made from ("Quiz this talk"), or null. */
  talkId: string | null
}

/** A quiz as a talk page lists it: when, how far, and (once finished) how many of its claims were known. */
export type TalkQuizItem = QuizSummary & { claimsKnown: number; claimsAsked: number }

export type ClaimOutcome = { claimId: string; deckId: string; sectionId: string; claimHtml: string; sectionTitle: string; cardsAsked: number }

export type QuizResults = { known: ClaimOutcome[]; missed: ClaimOutcome[] }

/** A quiz as its page shows it: the cards still to answer, or (once finished) the results by claim. */
export type QuizView = QuizSummary & { cards: QuizCard[]; results: QuizResults | null }

/**
 * One answer at a position of a quiz. The card's `version` as shown, and the grade's `answeredAt` and `day`, are
 * checked only when the answer counts as a review.
 */
export type QuizAnswerInput = QuizAnswerRequest

/** Why an answer meant to count as a review was kept as a plain quiz answer (the grade's refusal). */
export type NotCountedReason = 'limit-reached' | 'day-changed' | 'bad-time' | 'undone'

export type QuizAnswerResult =
  /** `notCounted`: the quiz counts answers as reviews, but the grade refused this one (it is a plain quiz answer). */
  | { kind: 'answered'; replayed: boolean; position: number; finished: boolean; notCounted?: NotCountedReason }
  | { kind: 'not-found' }
  /** answered: the position holds another answer; out-of-order: not the quiz's next card; review-id-reused. */
  | { kind: 'conflict'; reason: 'answered' | 'out-of-order' | 'review-id-reused' }
  | { kind: 'stale'; current: CardStateView | null }

export type StartResult = { kind: 'started'; id: string } | { kind: 'empty' } | { kind: 'not-found' }

/** Thrown inside an answer's transaction to undo all it wrote (a grade too), answering `result` instead. */
class Rollback extends Error {
  constructor(readonly result: QuizAnswerResult) {
    super('The quiz answer was rolled back.')
  }
}

function summaryOf(row: Q.QuizRow): QuizSummary {
  return {
    id: row.id,
    options: JSON.parse(row.options) as StoredQuizOptions,
    cardCount: row.cardCount,
    position: row.position,
    countAsReviews: asBool(row.countAsReviews),
    startedAt: asDate(row.startedAt).toISOString(),
    finishedAt: asDateOrNull(row.finishedAt)?.toISOString() ?? null,
    talkId: row.talkId,
  }
}

/** Inside a transaction: drops the user's unfinished quizzes (a new one replaces them; their logs stay). */
function* dropOpenWork(userId: string): Work<number> {
  let dropped = 0
  for (const open of yield* all(Q.OPEN_QUIZZES, [userId])) dropped += yield* dropWork(userId, open.id)
  return dropped
}

function* dropWork(userId: string, quizId: string): Work<number> {
  const quiz = yield* get(Q.QUIZ, [quizId, userId])
  if (!quiz || quiz.finishedAt !== null) return 0
  yield* run(Q.DELETE_QUIZ_ANSWERS, [quizId])
  return yield* run(Q.DELETE_OPEN_QUIZ, [quizId, userId])
}

function* insertQuizWork(userId: string, id: string, options: StoredQuizOptions, cardIds: string[], now: Date, talkId: string | null = null): Work<StartResult> {
  if (cardIds.length === 0) return { kind: 'empty' }
  yield* dropOpenWork(userId)
  yield* run(Q.INSERT_QUIZ, [id, userId, JSON.stringify(options), JSON.stringify(cardIds), cardIds.length, options.countAsReviews, now, talkId])
  return { kind: 'started', id }
}

/** Every live claim as the quiz chooses among them: mastery's retrievability (lib/core/mastery.ts), core, tags. */
function* quizClaimsWork(userId: string, config: UserStudyConfig, now: Date): Work<QuizClaim[]> {
  const traits = new Map((yield* all(Q.CLAIM_TRAITS, [])).map((t) => [t.id, t]))
  return (yield* claimsWork(userId, config, now)).map((c) => {
    const trait = traits.get(c.claimId)
    return {
      claimId: c.claimId,
      sectionKey: sectionKey(c.deckId, c.sectionId),
      core: trait?.importance === 'core',
      tags: trait ? (JSON.parse(trait.tags) as string[]) : [],
      weakestRetrievability: c.weakestRetrievability,
      cardIds: c.cards.map((card) => card.cardId),
    }
  })
}

function* startWork(userId: string, options: QuizOptions, now: Date, id: string): Work<StartResult> {
  const config = yield* readConfig(userId)
  const cardIds = quizCards(yield* quizClaimsWork(userId, config, now), options, id)
  return yield* insertQuizWork(userId, id, options, cardIds, now)
}

/** "Quiz this talk": the talk's claims, weakest first, linked to the talk; not-found for another person's talk. */
function* talkStartWork(userId: string, talkId: string, now: Date, id: string): Work<StartResult> {
  const talk = yield* get(TALK, [talkId, userId])
  if (!talk) return { kind: 'not-found' }
  const config = yield* readConfig(userId)
  const scope = { sections: JSON.parse(talk.sections) as string[], tags: JSON.parse(talk.tags) as string[] }
  const options: StoredQuizOptions = { scope: 'talk', talkId, ...scope, length: TALK_QUIZ_CARDS, order: 'weakest', countAsReviews: false }
  const cardIds = talkQuizCards(yield* quizClaimsWork(userId, config, now), scope, TALK_QUIZ_CARDS)
  return yield* insertQuizWork(userId, id, options, cardIds, now, talkId)
}

/** A talk's quizzes, newest first, each with the claims it found known (finished ones; 0 of 0 before). */
function* talkQuizzesWork(userId: string, talkId: string): Work<TalkQuizItem[]> {
  const items: TalkQuizItem[] = []
  for (const row of yield* all(Q.TALK_QUIZZES, [talkId, userId])) {
    const results = row.finishedAt === null ? [] : resultsByClaim(yield* all(Q.ANSWERS, [row.id, userId]))
    items.push({ ...summaryOf(row), claimsKnown: results.filter((r) => r.known).length, claimsAsked: results.length })
  }
  return items
}

function* againWork(userId: string, fromQuizId: string, now: Date, id: string): Work<StartResult> {
  const from = yield* get(Q.QUIZ, [fromQuizId, userId])
  if (!from) return { kind: 'not-found' }
  const { options } = summaryOf(from)
  const cardIds = missedCards(yield* all(Q.ANSWERS, [fromQuizId, userId]))
  const again: StoredQuizOptions = { scope: 'missed', fromQuizId, order: options.order, countAsReviews: asBool(from.countAsReviews) }
  // The missed claims of a talk's quiz are still the talk's: the new quiz is listed with it too.
  return yield* insertQuizWork(userId, id, again, cardIds, now, from.talkId)
}

function* viewWork(userId: string, quizId: string): Work<QuizView | null> {
  const row = yield* get(Q.QUIZ, [quizId, userId])
  if (!row) return null
  const summary = summaryOf(row)
  const lang = (yield* readConfig(userId)).settings.displayLanguage
  if (summary.finishedAt !== null) {
    const answers = yield* all(Q.ANSWERS, [quizId, userId])
    const byClaim = new Map(answers.map((a) => [a.claimId, a]))
    const outcome = (r: { claimId: string; cardIds: string[] }): ClaimOutcome => {
      const a = byClaim.get(r.claimId)!
      return {
        claimId: a.claimId,
        deckId: a.deckId,
        sectionId: a.sectionId,
        claimHtml: presentText(a.claimTextEn, a.claimTextZh, lang),
        sectionTitle: titleText(a.sectionTitleEn, a.sectionTitleZh, lang).text,
        cardsAsked: r.cardIds.length,
      }
    }
    const results = resultsByClaim(answers)
    return { ...summary, cards: [], results: { known: results.filter((r) => r.known).map(outcome), missed: results.filter((r) => !r.known).map(outcome) } }
  }
  const remaining = (JSON.parse(row.cardIds) as string[]).slice(summary.position)
  const texts = new Map((yield* all(S.DISPLAY(remaining.length), remaining)).map((t) => [t.id, t]))
  const versions = new Map((yield* all(S.STATES(remaining.length), [userId, ...remaining])).map((s) => [s.cardId as string, s.version as number]))
  const cards = remaining.flatMap((cardId, i) => {
    const text = texts.get(cardId)
    return text ? [{ position: summary.position + i, cardId, version: versions.get(cardId) ?? 0, ...cardView(text, lang) }] : []
  })
  return { ...summary, cards, results: null }
}

/** Whether the answer may be recorded now: its quiz, its position (or its replay), its card. */
function* checkAnswerWork(userId: string, input: QuizAnswerInput): Work<QuizAnswerResult | { kind: 'ok'; quiz: Q.QuizRow }> {
  const quiz = yield* get(Q.QUIZ, [input.quizId, userId])
  if (!quiz) return { kind: 'not-found' }
  const stored = yield* get(Q.ANSWER_AT, [input.quizId, input.position])
  if (stored) {
    const same = stored.reviewId === input.reviewId && stored.cardId === input.cardId && stored.rating === input.rating
    return same ? { kind: 'answered', replayed: true, position: quiz.position, finished: quiz.finishedAt !== null } : { kind: 'conflict', reason: 'answered' }
  }
  const cardIds = JSON.parse(quiz.cardIds) as string[]
  if (quiz.finishedAt !== null || input.position !== quiz.position || cardIds[input.position] !== input.cardId) return { kind: 'conflict', reason: 'out-of-order' }
  return { kind: 'ok', quiz }
}

/**
 * One answer, in one transaction: checked at its position (or answered as its replay), graded first when the quiz
 * counts answers as reviews, then recorded: the quiz answer, the log of kind quiz (unless the grade's log has this
 * review id), and the quiz's new position. Throws Rollback or ReviewIdTaken to undo everything, the grade included.
 */
function* answerWork(userId: string, input: QuizAnswerInput, now: Date): Work<QuizAnswerResult> {
  const check = yield* checkAnswerWork(userId, input)
  if (check.kind !== 'ok') return check
  /** A log of this review id is there already: the grade's (or, for `undone`, the undone review's). */
  let logged = false
  let notCounted: NotCountedReason | undefined
  if (asBool(check.quiz.countAsReviews)) {
    const { reviewId, cardId, rating, version, durationMs, answeredAt, day } = input
    const { result } = yield* gradeWork(userId, { reviewId, cardId, rating, version, durationMs, answeredAt, day }, now)
    switch (result.kind) {
      case 'graded':
        logged = true
        break
      case 'stale': // nothing is written: the person answers the card again as it is now
        return { kind: 'stale', current: result.current }
      case 'conflict':
        return { kind: 'conflict', reason: 'review-id-reused' }
      case 'not-found': // a card retired since the quiz began has no schedule left to change: a plain quiz answer
        break
      case 'undone':
        logged = true
        notCounted = result.kind
        break
      case 'interval-changed': // the quiz shows no intervals, and its answers carry none (quizAnswerRequestSchema)
        throw new Error('A quiz answer carried the interval of a button it never showed.')
      default:
        notCounted = result.kind
    }
  }
  const inserted = yield* run(Q.INSERT_ANSWER, [input.quizId, input.position, input.cardId, input.reviewId, input.rating, now])
  // On PostgreSQL the same position may have been answered by another request that committed first.
  if (inserted !== 1) throw new Rollback((yield* checkAnswerWork(userId, input)) as QuizAnswerResult)
  if (!logged) {
    const config = yield* readConfig(userId)
    const before = yield* currentState(userId, input.cardId)
    // The log of an answer that changes nothing: its fields are the state as it stands, before and after alike.
    const logged = yield* run(S.INSERT_LOG, S.logParams({
      id: input.reviewId,
      userId,
      cardId: input.cardId,
      kind: 'quiz',
      rating: input.rating,
      ...S.unchangedLogFields(before ?? neverSeenState(input.cardId, now)),
      review: now,
      studyDay: studyDay(now, config.settings.timeZone, config.settings.rolloverHour),
      durationMs: cappedDurationMs(input.durationMs),
      undone: false,
      stateBefore: snapshotOf(before),
      versionAfter: before?.version ?? 0,
      createdAt: now,
    }))
    if (logged !== 1) throw new ReviewIdTaken()
  }
  const position = input.position + 1
  const finished = position >= check.quiz.cardCount
  const moved = yield* run(Q.ADVANCE, [position, finished ? now : null, input.quizId, userId, input.position])
  if (moved !== 1) throw new Error('The quiz moved while an answer was recorded.') // the answer row above rules this out
  return { kind: 'answered', replayed: false, position, finished, ...(notCounted ? { notCounted } : {}) }
}

export function createQuiz(exec: Executor) {
  return {
    /** Starts a quiz from the form's choices (dropping any unfinished one); empty when the scope holds no card. */
    start: (userId: string, options: QuizOptions, now: Date, id: string = randomUUID()) => exec.write(() => startWork(userId, options, now, id)),

    /** A new quiz of the missed claims of a quiz: every card of them it asked, with the same options. */
    again: (userId: string, fromQuizId: string, now: Date, id: string = randomUUID()) => exec.write(() => againWork(userId, fromQuizId, now, id)),

    /** "Quiz this talk": the talk's claims, weakest first (dropping any unfinished quiz); not-found for another's talk. */
    startForTalk: (userId: string, talkId: string, now: Date, id: string = randomUUID()) => exec.write(() => talkStartWork(userId, talkId, now, id)),

    /** A talk's quizzes, newest first (at most 20), with "knew k of n claims" for the finished ones. */
    forTalk: (userId: string, talkId: string) => exec.read(() => talkQuizzesWork(userId, talkId)),

    view: (userId: string, quizId: string) => exec.read(() => viewWork(userId, quizId)),

    /** The newest unfinished quiz, to resume or drop. */
    open: (userId: string) =>
      exec.read(function* () {
        const [row] = yield* all(Q.OPEN_QUIZZES, [userId])
        return row ? summaryOf(row) : null
      }),

    /** Drops an unfinished quiz; false when there is no such unfinished quiz of this user. */
    drop: async (userId: string, quizId: string) => (await exec.write(() => dropWork(userId, quizId))) === 1,

    /** Records one answer, once (by review id, at its position); as a real grade too when the quiz counts them. */
    async answer(userId: string, input: QuizAnswerInput, now: Date): Promise<QuizAnswerResult> {
      try {
        return await exec.write(() => answerWork(userId, input, now))
      } catch (err) {
        if (err instanceof Rollback) return err.result
        if (err instanceof ReviewIdTaken) return { kind: 'conflict', reason: 'review-id-reused' }
        throw err
      }
    },
  }
}

export type Quiz = ReturnType<typeof createQuiz>
