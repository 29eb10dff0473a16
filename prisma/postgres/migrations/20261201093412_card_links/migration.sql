-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "links" TEXT NOT NULL DEFAULT '[]';
