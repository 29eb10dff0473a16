-- AlterTable
ALTER TABLE "UserSettings" ADD COLUMN "studyEpoch" INTEGER NOT NULL DEFAULT 0;
