-- Written by hand (Prisma's WebAssembly engine cannot describe PostgreSQL 18). Additive: one new table.
-- CreateTable
CREATE TABLE "ClaimProgress" (
    "userId" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "learnedAt" TIMESTAMP(3) NOT NULL,
    "learnedByReviewId" TEXT NOT NULL,

    CONSTRAINT "ClaimProgress_pkey" PRIMARY KEY ("userId","claimId")
);

-- AddForeignKey
ALTER TABLE "ClaimProgress" ADD CONSTRAINT "ClaimProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimProgress" ADD CONSTRAINT "ClaimProgress_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
