-- Written by hand (Prisma's WebAssembly engine cannot describe PostgreSQL 18). Additive (issue #38): each section's
-- reading, and where each person was in it.
-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "reading" TEXT;

-- CreateTable
CREATE TABLE "ReadingPlace" (
    "userId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "passage" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadingPlace_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "ReadingPlace" ADD CONSTRAINT "ReadingPlace_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every deck is loaded again at the next start (its reading is read from its file).
UPDATE "Deck" SET "contentHash" = '';
