-- The security log names sessions by a keyed hash; the admin's lookup finds them by it (filled in at start for older rows).
-- AlterTable
ALTER TABLE "GuestSession" ADD COLUMN "logHash" TEXT;

-- AlterTable
ALTER TABLE "UserSession" ADD COLUMN "logHash" TEXT;

-- CreateIndex
CREATE INDEX "GuestSession_logHash_idx" ON "GuestSession"("logHash");

-- CreateIndex
CREATE INDEX "UserSession_logHash_idx" ON "UserSession"("logHash");

