/**
 * The Anki exports' statements (issue #36), in the SQL both engines share (lib/db/sql.ts). The deck's cards are the
 * same for everyone; the log is filtered by the user id.
 */
import { sql } from '../db/sql'
import type { AnkiCardSource } from '../core/anki-notes'

/** A card row: the core's card source (lib/core/anki-notes.ts) as stored, its tags as JSON, with its claim. */
export type AnkiCardRow = Omit<AnkiCardSource, 'cardId' | 'kind' | 'tags'> & { id: string; kind: string; tags: string; claimId: string }

/** Every live card of the decks with its deck's, section's and claim's texts, in deck order. No parameter. */
export const ANKI_CARDS = sql<AnkiCardRow>(
  `SELECT c."id", c."noteId", c."position", c."kind", c."ordinal", c."frontEn", c."frontZh", c."backEn", c."backZh", c."claimId",
          d."titleEn" AS "deckTitleEn", d."titleZh" AS "deckTitleZh",
          s."id" AS "sectionId", s."titleEn" AS "sectionTitleEn", s."titleZh" AS "sectionTitleZh",
          cl."textEn" AS "claimTextEn", cl."textZh" AS "claimTextZh", cl."whyEn", cl."whyZh", cl."importance", cl."tags"
   FROM "Card" c JOIN "Claim" cl ON cl."id" = c."claimId" JOIN "Section" s ON s."deckId" = cl."deckId" AND s."id" = cl."sectionId"
        JOIN "Deck" d ON d."id" = c."deckId"
   WHERE c."retired" = FALSE AND cl."retired" = FALSE AND s."retired" = FALSE
   ORDER BY c."position", c."deckId", c."id"`,
)

export type AnkiLogRow = { cardId: string; kind: string; rating: number; review: unknown; durationMs: number; undone: unknown; stateBefore: string; versionAfter: number }

/**
 * This user's whole log in the order it was written: the answers and resets to export, and every entry's snapshot,
 * which is the state the entry before it on the card wrote. Parameter: user.
 */
export const ANKI_LOG = sql<AnkiLogRow>(
  `SELECT "cardId", "kind", "rating", "review", "durationMs", "undone", "stateBefore", "versionAfter" FROM "ReviewLog"
   WHERE "userId" = ? ORDER BY "sequence"`,
)
