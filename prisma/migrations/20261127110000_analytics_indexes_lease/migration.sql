-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "until" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "GuestSession_createdAt_idx" ON "GuestSession"("createdAt");

-- CreateIndex
CREATE INDEX "GuestSession_exposedAt_variant_idx" ON "GuestSession"("exposedAt", "variant");

-- CreateIndex
CREATE INDEX "Migration_createdAt_idx" ON "Migration"("createdAt");

-- CreateIndex
CREATE INDEX "Event_name_guestSessionId_idx" ON "Event"("name", "guestSessionId");

-- CreateIndex
CREATE INDEX "Event_authState_idx" ON "Event"("authState");

