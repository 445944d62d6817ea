-- The dashboard's running totals (model Tally): triggers append +1/-1 rows as guest sessions and
-- events change, the sweep folds them; deletions (retention) change no total. Retention: a
-- migration outlives its guest session (guestSessionId is set to NULL), so does an order.
-- The indexes the dashboard's old aggregates used are dropped: events are written on every page
-- view, and the totals no longer need them (the funnel's trigger asks the guestSessionId index).
DROP INDEX "GuestSession_exposedAt_variant_idx";
DROP INDEX "Event_name_createdAt_idx";
DROP INDEX "Event_name_guestSessionId_idx";
DROP INDEX "Event_authState_idx";

-- DropForeignKey
ALTER TABLE "Migration" DROP CONSTRAINT "Migration_guestSessionId_fkey";

-- AlterTable
ALTER TABLE "Migration" ALTER COLUMN "guestSessionId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Tally" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "Tally_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
DROP INDEX "GuestSession_status_expiresAt_idx";
CREATE INDEX "GuestSession_status_endedAt_idx" ON "GuestSession"("status", "endedAt");

-- CreateIndex
CREATE INDEX "RestoreToken_guestSessionId_idx" ON "RestoreToken"("guestSessionId");

-- AddForeignKey
ALTER TABLE "Migration" ADD CONSTRAINT "Migration_guestSessionId_fkey" FOREIGN KEY ("guestSessionId") REFERENCES "GuestSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: the totals of the rows there are (lib/journeys/tallies.ts RECOUNT_SQL).
INSERT INTO "Tally" ("key", "count")
SELECT 'status:' || "status"::text, COUNT(*) FROM "GuestSession" GROUP BY "status"
UNION ALL
SELECT 'exposed:' || "variant" || ':' || "status"::text, COUNT(*) FROM "GuestSession" WHERE "exposedAt" IS NOT NULL AND "variant" IS NOT NULL GROUP BY "variant", "status"
UNION ALL
SELECT 'events:' || "authState"::text, COUNT(*) FROM "Event" GROUP BY "authState"
UNION ALL
SELECT 'funnel:cart', COUNT(DISTINCT "guestSessionId") FROM "Event" WHERE "name" IN ('cart_add', 'checkout_started', 'order_placed') AND "guestSessionId" IS NOT NULL
UNION ALL
SELECT 'funnel:checkout', COUNT(DISTINCT "guestSessionId") FROM "Event" WHERE "name" IN ('checkout_started', 'order_placed') AND "guestSessionId" IS NOT NULL
UNION ALL
SELECT 'funnel:order', COUNT(DISTINCT "guestSessionId") FROM "Event" WHERE "name" IN ('order_placed') AND "guestSessionId" IS NOT NULL;

CREATE FUNCTION "GuestSession_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD."status" IS DISTINCT FROM NEW."status" THEN
      INSERT INTO "Tally" ("key", "count") VALUES ('status:' || OLD."status"::text, -1), ('status:' || NEW."status"::text, 1);
    END IF;
    IF OLD."exposedAt" IS NOT NULL AND OLD."variant" IS NOT NULL THEN
      INSERT INTO "Tally" ("key", "count") VALUES ('exposed:' || OLD."variant" || ':' || OLD."status"::text, -1);
    END IF;
  ELSE
    INSERT INTO "Tally" ("key", "count") VALUES ('status:' || NEW."status"::text, 1);
  END IF;
  IF NEW."exposedAt" IS NOT NULL AND NEW."variant" IS NOT NULL THEN
    INSERT INTO "Tally" ("key", "count") VALUES ('exposed:' || NEW."variant" || ':' || NEW."status"::text, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "GuestSession_tally_insert" AFTER INSERT ON "GuestSession"
FOR EACH ROW EXECUTE FUNCTION "GuestSession_tally"();

CREATE TRIGGER "GuestSession_tally_update" AFTER UPDATE OF "status", "exposedAt", "variant" ON "GuestSession"
FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR (OLD."exposedAt" IS NULL) <> (NEW."exposedAt" IS NULL) OR OLD."variant" IS DISTINCT FROM NEW."variant")
EXECUTE FUNCTION "GuestSession_tally"();

-- A journey enters a funnel stage with its first event of that stage or a later one. BEFORE, so
-- that it sees the rows an INSERT of several events wrote before this one, not this one itself.
CREATE FUNCTION "Event_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "Tally" ("key", "count") VALUES ('events:' || NEW."authState"::text, 1);
  IF NEW."guestSessionId" IS NULL THEN
    RETURN NEW;
  END IF;
  IF NEW."name" IN ('cart_add', 'checkout_started', 'order_placed') AND NOT EXISTS (SELECT 1 FROM "Event" WHERE "guestSessionId" = NEW."guestSessionId" AND "name" IN ('cart_add', 'checkout_started', 'order_placed')) THEN
    INSERT INTO "Tally" ("key", "count") VALUES ('funnel:cart', 1);
  END IF;
  IF NEW."name" IN ('checkout_started', 'order_placed') AND NOT EXISTS (SELECT 1 FROM "Event" WHERE "guestSessionId" = NEW."guestSessionId" AND "name" IN ('checkout_started', 'order_placed')) THEN
    INSERT INTO "Tally" ("key", "count") VALUES ('funnel:checkout', 1);
  END IF;
  IF NEW."name" IN ('order_placed') AND NOT EXISTS (SELECT 1 FROM "Event" WHERE "guestSessionId" = NEW."guestSessionId" AND "name" IN ('order_placed')) THEN
    INSERT INTO "Tally" ("key", "count") VALUES ('funnel:order', 1);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Event_tally_insert" BEFORE INSERT ON "Event"
FOR EACH ROW EXECUTE FUNCTION "Event_tally"();
