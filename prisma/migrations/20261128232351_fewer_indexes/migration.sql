-- DropIndex
DROP INDEX "CardState_userId_due_idx";

-- DropIndex
DROP INDEX "ReviewLog_userId_cardId_idx";

-- DropIndex
DROP INDEX "ReviewLog_userId_review_idx";
