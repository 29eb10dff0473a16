-- AlterTable
ALTER TABLE "Quiz" ADD COLUMN     "talkId" TEXT;

-- CreateIndex
CREATE INDEX "Quiz_talkId_startedAt_idx" ON "Quiz"("talkId", "startedAt");

-- AddForeignKey
ALTER TABLE "Quiz" ADD CONSTRAINT "Quiz_talkId_fkey" FOREIGN KEY ("talkId") REFERENCES "Talk"("id") ON DELETE SET NULL ON UPDATE CASCADE;
