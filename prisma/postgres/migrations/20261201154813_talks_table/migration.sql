-- Written by hand (Prisma's WebAssembly engine cannot describe PostgreSQL 18). Additive: one new table.
-- CreateTable
CREATE TABLE "Talk" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "sections" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "minutesPerDay" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Talk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Talk_userId_date_idx" ON "Talk"("userId", "date");

-- AddForeignKey
ALTER TABLE "Talk" ADD CONSTRAINT "Talk_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
