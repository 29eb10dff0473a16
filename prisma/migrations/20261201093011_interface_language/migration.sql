-- The interface language, separate from the cards' display language. Written by hand as one ADD COLUMN (the engine
-- proposed rebuilding the table): every existing row keeps its data and gets 'en'.
ALTER TABLE "UserSettings" ADD COLUMN "interfaceLanguage" TEXT NOT NULL DEFAULT 'en';
