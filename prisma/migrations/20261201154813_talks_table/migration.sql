-- CreateTable
CREATE TABLE "Talk" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "sections" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "minutesPerDay" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Talk_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Talk_userId_date_idx" ON "Talk"("userId", "date");
