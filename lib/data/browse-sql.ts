/**
 * The card browser's statements (lib/core/browse.ts), in the SQL both engines share (lib/db/sql.ts). Each is filtered
 * by the user id.
 */
import { sql } from '../db/sql'
import { stateColumns } from '../core/card-state'
import type { CardTexts } from '../core/present'

export type BrowseRow = Record<string, unknown> & CardTexts & {
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

/** A card's texts, its claim's and section's, and one user's state of it (the first parameter: the user). */
const CARDS_WITH_STATE = `SELECT c."id", c."position", c."kind", c."ordinal", c."frontEn", c."frontZh", c."backEn", c."backZh", c."claimId", c."deckId",
          cl."textEn" AS "claimTextEn", cl."textZh" AS "claimTextZh", cl."tags",
          s."id" AS "sectionId", s."titleEn" AS "sectionTitleEn", s."titleZh" AS "sectionTitleZh", ${stateColumns('cs')}
   FROM "Card" c JOIN "Claim" cl ON cl."id" = c."claimId" JOIN "Section" s ON s."deckId" = cl."deckId" AND s."id" = cl."sectionId"
   LEFT JOIN "CardState" cs ON cs."userId" = ? AND cs."cardId" = c."id"`

/**
 * Every live card of the decks with its claim's and section's texts and this user's state (null columns for a card
 * never seen), in deck order: a few hundred rows, the state of each by its primary key. Parameter: user.
 */
export const BROWSE_CARDS = sql<BrowseRow>(
  `${CARDS_WITH_STATE}
   WHERE c."retired" = FALSE AND cl."retired" = FALSE AND s."retired" = FALSE
   ORDER BY c."position", c."deckId", c."id"`,
)

/** One live card the same way. Parameters: user, card. */
export const BROWSE_CARD = sql<BrowseRow>(
  `${CARDS_WITH_STATE}
   WHERE c."id" = ? AND c."retired" = FALSE`,
)

export type CardLogRow = { id: string; kind: string; rating: number; state: number; review: unknown; durationMs: number; undone: unknown; stateBefore: string; versionAfter: number }

/** The most entries of one card's history shown. */
export const CARD_HISTORY_MAX = 200

/**
 * One card's log, every kind (answers, quiz answers, manual changes), newest first, through ReviewLog(userId, cardId,
 * review). Parameters: user, card.
 */
export const CARD_HISTORY = sql<CardLogRow>(
  `SELECT "id", "kind", "rating", "state", "review", "durationMs", "undone", "stateBefore", "versionAfter" FROM "ReviewLog"
   WHERE "userId" = ? AND "cardId" = ? ORDER BY "review" DESC, "createdAt" DESC LIMIT ${CARD_HISTORY_MAX}`,
)
