/**
 * The quiz's statements (issue #18), in the SQL both engines share (lib/db/sql.ts). Every statement on a quiz is
 * filtered by its user; a quiz's answers are reached only through a quiz of that user.
 */
import { sql } from '../db/sql'

/** What a quiz chooses by, of every live claim (deck data, the same for everyone). */
export const CLAIM_TRAITS = sql<{ id: string; importance: string; tags: string }>(
  `SELECT "id", "importance", "tags" FROM "Claim" WHERE "retired" = FALSE`,
)

export type QuizRow = {
  id: string
  options: string
  cardIds: string
  cardCount: number
  position: number
  countAsReviews: unknown
  startedAt: unknown
  finishedAt: unknown
  talkId: string | null
}

const QUIZ_COLUMNS = `"id", "options", "cardIds", "cardCount", "position", "countAsReviews", "startedAt", "finishedAt", "talkId"`

/** One quiz of this user. Parameters: quiz, user. */
export const QUIZ = sql<QuizRow>(`SELECT ${QUIZ_COLUMNS} FROM "Quiz" WHERE "id" = ? AND "userId" = ?`)

/**
 * The user's unfinished quizzes, newest first (at most one is left open by startQuiz; a race on PostgreSQL could
 * leave two, and the newest is the one offered). Through Quiz(userId, startedAt). Parameters: user.
 */
export const OPEN_QUIZZES = sql<QuizRow>(
  `SELECT ${QUIZ_COLUMNS} FROM "Quiz" WHERE "userId" = ? AND "finishedAt" IS NULL ORDER BY "startedAt" DESC, "id" LIMIT 5`,
)

/** Parameters: id, user, options, card ids, card count, count as reviews, startedAt, talk (or null). */
export const INSERT_QUIZ = sql(
  `INSERT INTO "Quiz" ("id", "userId", "options", "cardIds", "cardCount", "position", "countAsReviews", "startedAt", "finishedAt", "talkId")
   VALUES (?, ?, ?, ?, ?, 0, ?, ?, NULL, ?)`,
)

/** A talk's quizzes of this user, newest first, through Quiz(talkId, startedAt). Parameters: talk, user. */
export const TALK_QUIZZES = sql<QuizRow>(
  `SELECT ${QUIZ_COLUMNS} FROM "Quiz" WHERE "talkId" = ? AND "userId" = ? ORDER BY "startedAt" DESC, "id" LIMIT 20`,
)

/** A quiz's answers, deleted before it by name rather than left to the foreign key's cascade. Parameters: quiz. */
export const DELETE_QUIZ_ANSWERS = sql(`DELETE FROM "QuizAnswer" WHERE "quizId" = ?`)

/** Drops an unfinished quiz (a finished one is kept for its results). Parameters: quiz, user. */
export const DELETE_OPEN_QUIZ = sql(`DELETE FROM "Quiz" WHERE "id" = ? AND "userId" = ? AND "finishedAt" IS NULL`)

/** The answer stored at a position, if any. Parameters: quiz, position. */
export const ANSWER_AT = sql<{ reviewId: string; cardId: string; rating: number }>(
  `SELECT "reviewId", "cardId", "rating" FROM "QuizAnswer" WHERE "quizId" = ? AND "position" = ?`,
)

/** An answer; changes nothing when the position already has one (the caller tells a replay from a conflict). */
export const INSERT_ANSWER = sql(
  `INSERT INTO "QuizAnswer" ("quizId", "position", "cardId", "reviewId", "rating", "answeredAt") VALUES (?, ?, ?, ?, ?, ?)
   ON CONFLICT ("quizId", "position") DO NOTHING`,
)

/** Moves the quiz past an answer, only from the position answered. Parameters: new position, finishedAt, quiz, user, position. */
export const ADVANCE = sql(`UPDATE "Quiz" SET "position" = ?, "finishedAt" = ? WHERE "id" = ? AND "userId" = ? AND "position" = ?`)

export type AnswerRow = {
  position: number
  cardId: string
  rating: number
  claimId: string
  deckId: string
  sectionId: string
  claimTextEn: string
  claimTextZh: string
  sectionTitleEn: string
  sectionTitleZh: string
}

/** A quiz's answers in the order given, each with its card's claim and section. Parameters: quiz, user. */
export const ANSWERS = sql<AnswerRow>(
  `SELECT qa."position", qa."cardId", qa."rating", c."claimId", cl."deckId", cl."sectionId",
          cl."textEn" AS "claimTextEn", cl."textZh" AS "claimTextZh", s."titleEn" AS "sectionTitleEn", s."titleZh" AS "sectionTitleZh"
   FROM "Quiz" q JOIN "QuizAnswer" qa ON qa."quizId" = q."id"
   JOIN "Card" c ON c."id" = qa."cardId" JOIN "Claim" cl ON cl."id" = c."claimId"
   JOIN "Section" s ON s."deckId" = cl."deckId" AND s."id" = cl."sectionId"
   WHERE q."id" = ? AND q."userId" = ?
   ORDER BY qa."position"`,
)
