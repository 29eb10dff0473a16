-- Additive (issue #38): each section's reading, and where each person was in it. Written by hand as ADD COLUMN
-- (the engine's diff would rebuild the Section table).
ALTER TABLE "Section" ADD COLUMN "reading" TEXT;

-- CreateTable
CREATE TABLE "ReadingPlace" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "deckId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "passage" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReadingPlace_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Every deck is loaded again at the next start (its reading is read from its file).
UPDATE "Deck" SET "contentHash" = '';
