-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
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

