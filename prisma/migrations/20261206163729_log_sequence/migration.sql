-- The log's write order (ReviewLog.sequence, per person). Entries already written are numbered by createdAt, then
-- review, then id (byte order): the order undo took them in, with the id breaking ties that had none.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReviewLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "due" DATETIME NOT NULL,
    "stability" REAL NOT NULL,
    "difficulty" REAL NOT NULL,
    "elapsedDays" INTEGER NOT NULL,
    "lastElapsedDays" INTEGER NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL,
    "review" DATETIME NOT NULL,
    "studyDay" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "undone" BOOLEAN NOT NULL DEFAULT false,
    "stateBefore" TEXT NOT NULL,
    "versionAfter" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sequence" INTEGER NOT NULL,
    CONSTRAINT "ReviewLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewLog_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ReviewLog" ("cardId", "createdAt", "difficulty", "due", "durationMs", "elapsedDays", "id", "kind", "lastElapsedDays", "learningSteps", "rating", "review", "scheduledDays", "stability", "state", "stateBefore", "studyDay", "undone", "userId", "versionAfter", "sequence") SELECT "cardId", "createdAt", "difficulty", "due", "durationMs", "elapsedDays", "id", "kind", "lastElapsedDays", "learningSteps", "rating", "review", "scheduledDays", "stability", "state", "stateBefore", "studyDay", "undone", "userId", "versionAfter", ROW_NUMBER() OVER (PARTITION BY "userId" ORDER BY "createdAt", "review", "id") FROM "ReviewLog";
DROP TABLE "ReviewLog";
ALTER TABLE "new_ReviewLog" RENAME TO "ReviewLog";
CREATE INDEX "ReviewLog_userId_studyDay_state_kind_undone_idx" ON "ReviewLog"("userId", "studyDay", "state", "kind", "undone");
CREATE INDEX "ReviewLog_userId_cardId_review_idx" ON "ReviewLog"("userId", "cardId", "review");
CREATE UNIQUE INDEX "ReviewLog_userId_sequence_key" ON "ReviewLog"("userId", "sequence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
