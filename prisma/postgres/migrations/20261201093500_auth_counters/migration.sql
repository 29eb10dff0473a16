-- CreateTable
CREATE TABLE "AuthCounter" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthCounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AuthCounter_expiresAt_idx" ON "AuthCounter"("expiresAt");
