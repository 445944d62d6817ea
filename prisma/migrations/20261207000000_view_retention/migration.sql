-- Old page and product views are deleted by the sweep after VIEW_RETENTION_DAYS: found by name and time.
-- CreateIndex
CREATE INDEX "Event_name_createdAt_idx" ON "Event"("name", "createdAt");
