-- CreateTable
CREATE TABLE "ClaimProgress" (
    "userId" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "learnedAt" DATETIME NOT NULL,
    "learnedByReviewId" TEXT NOT NULL,

    PRIMARY KEY ("userId", "claimId"),
    CONSTRAINT "ClaimProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimProgress_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
