-- Written by hand (Prisma's WebAssembly engine cannot describe PostgreSQL 18). Additive: one index.
-- CreateIndex
CREATE INDEX "ReviewLog_userId_cardId_review_idx" ON "ReviewLog"("userId", "cardId", "review");
