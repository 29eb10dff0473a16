-- AlterTable
ALTER TABLE "Deck" ADD COLUMN     "tags" TEXT NOT NULL DEFAULT '{}';
