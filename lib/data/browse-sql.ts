/**
 * The card browser's statements (lib/core/browse.ts), in the SQL both engines share (lib/db/sql.ts). Each is filtered
 * by the user id.
 */
import { sql } from '../db/sql'
import { stateColumns } from '../core/card-state'
import type { CardTexts } from '../core/present'

export type BrowseRow = CardTexts & {
  id: string
  position: number
  claimId: string
  deckId: string
  claimTextEn: string
  claimTextZh: string
  tags: string
  sectionId: string
  sectionTitleEn: string
  sectionTitleZh: string
}

/**
 * Every live card of the decks with its claim's and section's texts, in deck order: the same for every person, so a
 * server reads it once per deck load (lib/data/browse-service.ts). No parameter.
 */
export const DECK_CARDS = sql<BrowseRow>(
  `SELECT c."id", c."position", c."kind", c."ordinal", c."frontEn", c."frontZh", c."backEn", c."backZh", c."claimId", c."deckId",
          cl."textEn" AS "claimTextEn", cl."textZh" AS "claimTextZh", cl."tags",
          s."id" AS "sectionId", s."titleEn" AS "sectionTitleEn", s."titleZh" AS "sectionTitleZh"
   FROM "Card" c JOIN "Claim" cl ON cl."id" = c."claimId" JOIN "Section" s ON s."deckId" = cl."deckId" AND s."id" = cl."sectionId"
   WHERE c."retired" = FALSE AND cl."retired" = FALSE AND s."retired" = FALSE
   ORDER BY c."position", c."deckId", c."id"`,
)

/**
 * Every state of this user: one range of CardState's primary key (userId, cardId). Ordered by the card so that SQLite
 * walks the primary key rather than the (userId, state, due) index and a row lookup per state (3× the time on the
 * benchmark's database). Parameter: user.
 */
export const USER_STATES = sql<Record<string, unknown>>(`SELECT ${stateColumns('cs')} FROM "CardState" cs WHERE cs."userId" = ? ORDER BY cs."cardId"`)

export type CardLogRow = { id: string; kind: string; rating: number; state: number; review: unknown; durationMs: number; undone: unknown; stateBefore: string; versionAfter: number }

/** The most entries of one card's history shown. */
export const CARD_HISTORY_MAX = 200

/**
 * One card's log, every kind (answers, quiz answers, manual changes), newest first (of two at one instant, the later
 * written), through ReviewLog(userId, cardId,
 * review). Parameters: user, card.
 */
export const CARD_HISTORY = sql<CardLogRow>(
  `SELECT "id", "kind", "rating", "state", "review", "durationMs", "undone", "stateBefore", "versionAfter" FROM "ReviewLog"
   WHERE "userId" = ? AND "cardId" = ? ORDER BY "review" DESC, "sequence" DESC LIMIT ${CARD_HISTORY_MAX}`,
)
