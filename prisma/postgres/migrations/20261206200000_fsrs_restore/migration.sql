-- Additive: what "Restore previous parameters" puts back after an optimization or a reset of the FSRS parameters
-- (issue #35). Written by hand as ADD COLUMN.
ALTER TABLE "UserSettings" ADD COLUMN "fsrsRestore" TEXT;
