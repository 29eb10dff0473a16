-- The daily queue's settings and a card's suspended and leech flags (issues #14, #15). Written by hand as ADD COLUMNs
-- (the engine proposed rebuilding both tables): every existing row keeps its data and gets the defaults.
ALTER TABLE "UserSettings" ADD COLUMN "maxReviewsPerDay" INTEGER NOT NULL DEFAULT 200;
ALTER TABLE "UserSettings" ADD COLUMN "desiredRetention" DOUBLE PRECISION NOT NULL DEFAULT 0.9;
ALTER TABLE "UserSettings" ADD COLUMN "learningSteps" TEXT NOT NULL DEFAULT '1m 10m';
ALTER TABLE "UserSettings" ADD COLUMN "relearningSteps" TEXT NOT NULL DEFAULT '10m';
ALTER TABLE "UserSettings" ADD COLUMN "maximumInterval" INTEGER NOT NULL DEFAULT 36500;
ALTER TABLE "UserSettings" ADD COLUMN "burySiblings" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "UserSettings" ADD COLUMN "leechThreshold" INTEGER NOT NULL DEFAULT 8;
ALTER TABLE "UserSettings" ADD COLUMN "newCardOrder" TEXT NOT NULL DEFAULT 'deck';
ALTER TABLE "UserSettings" ADD COLUMN "studyMoreDay" INTEGER NOT NULL DEFAULT -1;
ALTER TABLE "UserSettings" ADD COLUMN "studyMoreNew" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "UserSettings" ADD COLUMN "studyMoreAhead" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CardState" ADD COLUMN "suspended" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "CardState" ADD COLUMN "leech" BOOLEAN NOT NULL DEFAULT false;
