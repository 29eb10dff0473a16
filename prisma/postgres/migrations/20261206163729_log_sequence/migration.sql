-- The log's write order (ReviewLog.sequence, per person). Entries already written are numbered by createdAt, then
-- review, then id (byte order, as SQLite compares): the order undo took them in, with the id breaking ties that had none.
-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN "sequence" INTEGER;
UPDATE "ReviewLog" AS l SET "sequence" = o.n
  FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "userId" ORDER BY "createdAt", "review", "id" COLLATE "C") AS n FROM "ReviewLog") AS o
  WHERE o."id" = l."id";
ALTER TABLE "ReviewLog" ALTER COLUMN "sequence" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ReviewLog_userId_sequence_key" ON "ReviewLog"("userId", "sequence");
