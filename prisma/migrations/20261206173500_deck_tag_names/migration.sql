-- Additive: the deck's tag names ({slug: {en, zh}}), so pages show a tag in the reader's language (issue #31).
-- Written by hand as ADD COLUMN (the engine's diff would rebuild the Deck table). Deck.speakers now holds {en, zh}
-- names; every deck is reloaded since its file changed with the new format.
ALTER TABLE "Deck" ADD COLUMN "tags" TEXT NOT NULL DEFAULT '{}';
