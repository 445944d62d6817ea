-- The dashboard's running totals (model Tally): triggers append +1/-1 rows as guest sessions and
-- events change, the sweep folds them; deletions (retention) change no total. Retention: a
-- migration outlives its guest session (guestSessionId is set to NULL), so does an order.
-- The indexes the dashboard's old aggregates used are dropped: events are written on every page
-- view, and the totals no longer need them (the funnel's trigger asks the guestSessionId index).
DROP INDEX "GuestSession_exposedAt_variant_idx";
DROP INDEX "Event_name_createdAt_idx";
DROP INDEX "Event_name_guestSessionId_idx";
DROP INDEX "Event_authState_idx";

-- CreateTable
CREATE TABLE "Tally" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Migration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "guestSessionId" TEXT,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cartChoice" TEXT NOT NULL,
    "cartItems" INTEGER NOT NULL,
    "savedForLater" INTEGER NOT NULL,
    "preferences" BOOLEAN NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "details" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Migration_guestSessionId_fkey" FOREIGN KEY ("guestSessionId") REFERENCES "GuestSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Migration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Migration" ("cartChoice", "cartItems", "createdAt", "details", "events", "guestSessionId", "id", "kind", "orders", "preferences", "savedForLater", "userId") SELECT "cartChoice", "cartItems", "createdAt", "details", "events", "guestSessionId", "id", "kind", "orders", "preferences", "savedForLater", "userId" FROM "Migration";
DROP TABLE "Migration";
ALTER TABLE "new_Migration" RENAME TO "Migration";
CREATE UNIQUE INDEX "Migration_guestSessionId_key" ON "Migration"("guestSessionId");
CREATE INDEX "Migration_userId_createdAt_idx" ON "Migration"("userId", "createdAt");
CREATE INDEX "Migration_createdAt_idx" ON "Migration"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
DROP INDEX "GuestSession_status_expiresAt_idx";
CREATE INDEX "GuestSession_status_endedAt_idx" ON "GuestSession"("status", "endedAt");

-- CreateIndex
CREATE INDEX "RestoreToken_guestSessionId_idx" ON "RestoreToken"("guestSessionId");


-- Backfill: the totals of the rows there are (lib/journeys/tallies.ts RECOUNT_SQL).
INSERT INTO "Tally" ("key", "count")
SELECT 'status:' || "status", COUNT(*) FROM "GuestSession" GROUP BY "status"
UNION ALL
SELECT 'exposed:' || "variant" || ':' || "status", COUNT(*) FROM "GuestSession" WHERE "exposedAt" IS NOT NULL AND "variant" IS NOT NULL GROUP BY "variant", "status"
UNION ALL
SELECT 'events:' || "authState", COUNT(*) FROM "Event" GROUP BY "authState"
UNION ALL
SELECT 'funnel:cart', COUNT(DISTINCT "guestSessionId") FROM "Event" WHERE "name" IN ('cart_add', 'checkout_started', 'order_placed') AND "guestSessionId" IS NOT NULL
UNION ALL
SELECT 'funnel:checkout', COUNT(DISTINCT "guestSessionId") FROM "Event" WHERE "name" IN ('checkout_started', 'order_placed') AND "guestSessionId" IS NOT NULL
UNION ALL
SELECT 'funnel:order', COUNT(DISTINCT "guestSessionId") FROM "Event" WHERE "name" IN ('order_placed') AND "guestSessionId" IS NOT NULL;

CREATE TRIGGER "GuestSession_tally_insert" AFTER INSERT ON "GuestSession"
BEGIN
  INSERT INTO "Tally" ("key", "count") VALUES ('status:' || NEW."status", 1);
  INSERT INTO "Tally" ("key", "count") SELECT 'exposed:' || NEW."variant" || ':' || NEW."status", 1
    WHERE NEW."exposedAt" IS NOT NULL AND NEW."variant" IS NOT NULL;
END;

CREATE TRIGGER "GuestSession_tally_update" AFTER UPDATE OF "status", "exposedAt", "variant" ON "GuestSession"
WHEN OLD."status" IS NOT NEW."status" OR (OLD."exposedAt" IS NULL) <> (NEW."exposedAt" IS NULL) OR OLD."variant" IS NOT NEW."variant"
BEGIN
  INSERT INTO "Tally" ("key", "count") SELECT 'status:' || OLD."status", -1 WHERE OLD."status" IS NOT NEW."status";
  INSERT INTO "Tally" ("key", "count") SELECT 'status:' || NEW."status", 1 WHERE OLD."status" IS NOT NEW."status";
  INSERT INTO "Tally" ("key", "count") SELECT 'exposed:' || OLD."variant" || ':' || OLD."status", -1
    WHERE OLD."exposedAt" IS NOT NULL AND OLD."variant" IS NOT NULL;
  INSERT INTO "Tally" ("key", "count") SELECT 'exposed:' || NEW."variant" || ':' || NEW."status", 1
    WHERE NEW."exposedAt" IS NOT NULL AND NEW."variant" IS NOT NULL;
END;

-- A journey enters a funnel stage with its first event of that stage or a later one (the
-- guestSessionId index answers the NOT EXISTS).
CREATE TRIGGER "Event_tally_insert" BEFORE INSERT ON "Event"
BEGIN
  INSERT INTO "Tally" ("key", "count") VALUES ('events:' || NEW."authState", 1);
  INSERT INTO "Tally" ("key", "count") SELECT 'funnel:cart', 1
    WHERE NEW."guestSessionId" IS NOT NULL AND NEW."name" IN ('cart_add', 'checkout_started', 'order_placed')
    AND NOT EXISTS (SELECT 1 FROM "Event" WHERE "guestSessionId" = NEW."guestSessionId" AND "name" IN ('cart_add', 'checkout_started', 'order_placed'));
  INSERT INTO "Tally" ("key", "count") SELECT 'funnel:checkout', 1
    WHERE NEW."guestSessionId" IS NOT NULL AND NEW."name" IN ('checkout_started', 'order_placed')
    AND NOT EXISTS (SELECT 1 FROM "Event" WHERE "guestSessionId" = NEW."guestSessionId" AND "name" IN ('checkout_started', 'order_placed'));
  INSERT INTO "Tally" ("key", "count") SELECT 'funnel:order', 1
    WHERE NEW."guestSessionId" IS NOT NULL AND NEW."name" IN ('order_placed')
    AND NOT EXISTS (SELECT 1 FROM "Event" WHERE "guestSessionId" = NEW."guestSessionId" AND "name" IN ('order_placed'));
END;
