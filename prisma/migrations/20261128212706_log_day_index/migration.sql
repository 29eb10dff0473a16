-- DropIndex
DROP INDEX "ReviewLog_userId_studyDay_idx";

-- CreateIndex
CREATE INDEX "ReviewLog_userId_studyDay_state_kind_undone_idx" ON "ReviewLog"("userId", "studyDay", "state", "kind", "undone");
