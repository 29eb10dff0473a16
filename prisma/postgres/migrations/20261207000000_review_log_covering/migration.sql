-- Written by hand (Prisma's WebAssembly engine cannot describe PostgreSQL 18). Issue #34: the log's
-- (userId, studyDay, …) index replaced by one with the same leading columns that also covers what the statistics
-- read (the same number of indexes: a grade still writes into as many B-trees).
-- DropIndex
DROP INDEX "ReviewLog_userId_studyDay_state_kind_undone_idx";

-- CreateIndex
CREATE INDEX "ReviewLog_userId_studyDay_covering_idx" ON "ReviewLog"("userId", "studyDay", "cardId", "sequence", "kind", "undone", "state", "rating", "scheduledDays", "durationMs");
