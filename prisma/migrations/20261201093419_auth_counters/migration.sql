-- CreateTable
CREATE TABLE "AuthCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AuthCounter_expiresAt_idx" ON "AuthCounter"("expiresAt");
