-- AlterTable
ALTER TABLE "UserSettings" ADD COLUMN     "interfaceLanguage" TEXT NOT NULL DEFAULT 'en';
