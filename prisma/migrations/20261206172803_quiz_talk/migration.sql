-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Quiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "cardIds" TEXT NOT NULL,
    "cardCount" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "countAsReviews" BOOLEAN NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "talkId" TEXT,
    CONSTRAINT "Quiz_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Quiz_talkId_fkey" FOREIGN KEY ("talkId") REFERENCES "Talk" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Quiz" ("cardCount", "cardIds", "countAsReviews", "finishedAt", "id", "options", "position", "startedAt", "userId") SELECT "cardCount", "cardIds", "countAsReviews", "finishedAt", "id", "options", "position", "startedAt", "userId" FROM "Quiz";
DROP TABLE "Quiz";
ALTER TABLE "new_Quiz" RENAME TO "Quiz";
CREATE INDEX "Quiz_userId_startedAt_idx" ON "Quiz"("userId", "startedAt");
CREATE INDEX "Quiz_talkId_startedAt_idx" ON "Quiz"("talkId", "startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
