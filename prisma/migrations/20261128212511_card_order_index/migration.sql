-- CreateIndex
CREATE INDEX "Card_retired_position_idx" ON "Card"("retired", "position");
