-- Signed-in sessions get a public handle (shown and ended by it, never by the id) and the
-- User-Agent they signed in with, for "Your sessions".
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UserSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'active',
    "endedAt" DATETIME,
    "migratedFrom" TEXT,
    "publicId" TEXT NOT NULL,
    "userAgent" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Sessions from before this migration get a random handle of their own.
INSERT INTO "new_UserSession" ("createdAt", "endedAt", "expiresAt", "id", "lastSeenAt", "migratedFrom", "status", "userId", "publicId") SELECT "createdAt", "endedAt", "expiresAt", "id", "lastSeenAt", "migratedFrom", "status", "userId", 'ses_' || lower(hex(randomblob(12))) FROM "UserSession";
DROP TABLE "UserSession";
ALTER TABLE "new_UserSession" RENAME TO "UserSession";
CREATE UNIQUE INDEX "UserSession_publicId_key" ON "UserSession"("publicId");
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

