/**
 * The reader's statements (issue #38), in the SQL both engines share (lib/db/sql.ts). Every statement on a person's
 * rows is filtered by their user id.
 */
import { sql } from '../db/sql'

export type ReadingSectionRow = { deckId: string; id: string; titleEn: string; titleZh: string; reading: string }

/** Every live section that has a reading, in the interview's order (deck data, the same for everyone). */
export const READING_SECTIONS = sql<ReadingSectionRow>(
  `SELECT "deckId", "id", "titleEn", "titleZh", "reading" FROM "Section" WHERE "retired" = FALSE AND "reading" IS NOT NULL ORDER BY "deckId", "position"`,
)

/** A section's live claims, in order: the markers' links. Parameters: deck, section. */
export const SECTION_CLAIMS = sql<{ id: string; textEn: string; textZh: string }>(
  `SELECT "id", "textEn", "textZh" FROM "Claim" WHERE "deckId" = ? AND "sectionId" = ? AND "retired" = FALSE ORDER BY "position"`,
)

/** A section's live cards in deck order, with the user's state of each (null: never begun). Parameters: user, deck, section. */
export const SECTION_CARDS = sql<{ cardId: string; claimId: string; state: number | null; due: unknown; suspended: unknown }>(
  `SELECT c."id" AS "cardId", c."claimId" AS "claimId", cs."state" AS "state", cs."due" AS "due", cs."suspended" AS "suspended"
   FROM "Card" c JOIN "Claim" cl ON cl."id" = c."claimId"
   LEFT JOIN "CardState" cs ON cs."userId" = ? AND cs."cardId" = c."id"
   WHERE cl."deckId" = ? AND cl."sectionId" = ? AND cl."retired" = FALSE AND c."retired" = FALSE
   ORDER BY c."position"`,
)

/** The user's answers of one study day to a section's cards (not undone), oldest first. Parameters: user, day, deck, section. */
export const SECTION_ANSWERS_OF_DAY = sql<{ cardId: string; rating: number }>(
  `SELECT l."cardId" AS "cardId", l."rating" AS "rating"
   FROM "ReviewLog" l JOIN "Card" c ON c."id" = l."cardId" JOIN "Claim" cl ON cl."id" = c."claimId"
   WHERE l."userId" = ? AND l."studyDay" = ? AND l."kind" = 'review' AND l."undone" = FALSE AND cl."deckId" = ? AND cl."sectionId" = ?
   ORDER BY l."sequence"`,
)

/** The user's place in the reading. Parameters: user. */
export const PLACE = sql<{ deckId: string; sectionId: string; passage: number }>(`SELECT "deckId", "sectionId", "passage" FROM "ReadingPlace" WHERE "userId" = ?`)

/** Keeps the user's place. Parameters: user, deck, section, passage, now. */
export const KEEP_PLACE = sql(
  `INSERT INTO "ReadingPlace" ("userId", "deckId", "sectionId", "passage", "updatedAt") VALUES (?, ?, ?, ?, ?)
   ON CONFLICT ("userId") DO UPDATE SET "deckId" = excluded."deckId", "sectionId" = excluded."sectionId", "passage" = excluded."passage", "updatedAt" = excluded."updatedAt"`,
)
