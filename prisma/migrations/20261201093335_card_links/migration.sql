-- Additive: a card's links (a JSON array of claim ids) for cards that tie ideas together across sections.
-- Written by hand as ADD COLUMN: the engine's diff rebuilds the whole Card table for it, which is not needed.
ALTER TABLE "Card" ADD COLUMN "links" TEXT NOT NULL DEFAULT '[]';
