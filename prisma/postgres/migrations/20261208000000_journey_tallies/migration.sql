-- The dashboard counts journeys, not rows (issue 37): a checkout's rotation ends the old row and
-- makes a new one for the same guest, so the ended row leaves every total (status, exposure, day
-- started) instead of counting as a second session "ended by the guest". And per-day totals for
-- the date range (lib/journeys/tallies.ts): journeys started, sign-ups and log-ins, orders and
-- revenue per currency, guest orders, e-mailed carts and restored ones, abandoned carts. Kept by
-- triggers like the all-time ones, so retention deletes no day's figure and a range costs the
-- same at a year of data. A day is the first ten characters of the stored UTC time.

CREATE OR REPLACE FUNCTION "GuestSession_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT OLD."rotated" AND (OLD."status" IS DISTINCT FROM NEW."status" OR NEW."rotated") THEN
      INSERT INTO "Tally" ("key", "count") VALUES ('status:' || OLD."status"::text, -1);
    END IF;
    IF NOT NEW."rotated" AND (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."rotated") THEN
      INSERT INTO "Tally" ("key", "count") VALUES ('status:' || NEW."status"::text, 1);
    END IF;
    IF OLD."exposedAt" IS NOT NULL AND OLD."variant" IS NOT NULL AND NOT OLD."rotated" THEN
      INSERT INTO "Tally" ("key", "count") VALUES ('exposed:' || OLD."variant" || ':' || OLD."status"::text, -1);
    END IF;
    IF NEW."rotated" AND NOT OLD."rotated" THEN
      INSERT INTO "Tally" ("key", "count") VALUES ('day:' || SUBSTR(CAST(OLD."createdAt" AS TEXT), 1, 10) || ':started', -1);
    END IF;
    -- Abandoned: the journey ended (idle, out of time, or ended by the guest) with items in its cart;
  -- counted on the day of its last activity, when the shopper left.
    IF OLD."status" = 'active' AND NEW."status" IN ('expired', 'revoked') AND NOT NEW."rotated"
      AND EXISTS (SELECT 1 FROM "Cart" c JOIN "CartItem" i ON i."cartId" = c."id" WHERE c."guestSessionId" = NEW."id") THEN
      INSERT INTO "Tally" ("key", "count")
        VALUES ('day:' || SUBSTR(CAST(NEW."lastSeenAt" AS TEXT), 1, 10) || ':abandoned', 1);
    END IF;
  ELSE
    INSERT INTO "Tally" ("key", "count") VALUES ('status:' || NEW."status"::text, 1),
      ('day:' || SUBSTR(CAST(NEW."createdAt" AS TEXT), 1, 10) || ':started', 1);
  END IF;
  IF NEW."exposedAt" IS NOT NULL AND NEW."variant" IS NOT NULL AND NOT NEW."rotated" THEN
    INSERT INTO "Tally" ("key", "count") VALUES ('exposed:' || NEW."variant" || ':' || NEW."status"::text, 1);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "GuestSession_tally_update" ON "GuestSession";
CREATE TRIGGER "GuestSession_tally_update" AFTER UPDATE OF "status", "exposedAt", "variant", "rotated" ON "GuestSession"
FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR (OLD."exposedAt" IS NULL) <> (NEW."exposedAt" IS NULL) OR OLD."variant" IS DISTINCT FROM NEW."variant" OR OLD."rotated" <> NEW."rotated")
EXECUTE FUNCTION "GuestSession_tally"();

CREATE FUNCTION "Migration_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "Tally" ("key", "count") VALUES ('day:' || SUBSTR(CAST(NEW."createdAt" AS TEXT), 1, 10) || ':' || NEW."kind"::text, 1);
  RETURN NULL;
END $$;
CREATE TRIGGER "Migration_tally_insert" AFTER INSERT ON "Migration" FOR EACH ROW EXECUTE FUNCTION "Migration_tally"();

CREATE FUNCTION "Order_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d text := 'day:' || SUBSTR(CAST(NEW."createdAt" AS TEXT), 1, 10);
BEGIN
  INSERT INTO "Tally" ("key", "count") VALUES (d || ':orders:' || NEW."currency"::text, 1),
    (d || ':revenue:' || NEW."currency"::text, NEW."totalAmount");
  IF NEW."guestSessionId" IS NOT NULL THEN
    INSERT INTO "Tally" ("key", "count") VALUES (d || ':guest-orders', 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Order_tally_insert" AFTER INSERT ON "Order" FOR EACH ROW EXECUTE FUNCTION "Order_tally"();

CREATE FUNCTION "RestoreToken_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "Tally" ("key", "count") VALUES ('day:' || SUBSTR(CAST(NEW."createdAt" AS TEXT), 1, 10) || ':emailed', 1);
  ELSE
    INSERT INTO "Tally" ("key", "count") VALUES ('day:' || SUBSTR(CAST(NEW."usedAt" AS TEXT), 1, 10) || ':restored', 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "RestoreToken_tally_insert" AFTER INSERT ON "RestoreToken" FOR EACH ROW EXECUTE FUNCTION "RestoreToken_tally"();
CREATE TRIGGER "RestoreToken_tally_update" AFTER UPDATE OF "usedAt" ON "RestoreToken"
FOR EACH ROW WHEN (OLD."usedAt" IS NULL AND NEW."usedAt" IS NOT NULL) EXECUTE FUNCTION "RestoreToken_tally"();

-- Backfill. The rotated rows there are leave the all-time totals (those already retired are gone).
INSERT INTO "Tally" ("key", "count")
SELECT 'status:' || "status"::text, -COUNT(*) FROM "GuestSession" WHERE "rotated" GROUP BY "status"
UNION ALL
SELECT 'exposed:' || "variant" || ':' || "status"::text, -COUNT(*) FROM "GuestSession"
  WHERE "rotated" AND "exposedAt" IS NOT NULL AND "variant" IS NOT NULL GROUP BY "variant", "status";
-- Per day: the rows there are (lib/journeys/tallies.ts DAY_RECOUNT_SQL), and the retired guest
-- sessions tallied per day they started, which now count under the day's "started".
INSERT INTO "Tally" ("key", "count")
SELECT 'day:' || SUBSTR(CAST("createdAt" AS TEXT), 1, 10) || ':started', COUNT(*) FROM "GuestSession" WHERE NOT "rotated" GROUP BY 1
UNION ALL
SELECT 'day:' || SUBSTR("key", 17) || ':started', SUM("count") FROM "Tally" WHERE "key" LIKE 'retired-started:%' GROUP BY 1
UNION ALL
SELECT 'day:' || SUBSTR(CAST(g."lastSeenAt" AS TEXT), 1, 10) || ':abandoned', COUNT(*) FROM "GuestSession" g
  WHERE g."status" IN ('expired', 'revoked') AND NOT g."rotated"
  AND EXISTS (SELECT 1 FROM "Cart" c JOIN "CartItem" i ON i."cartId" = c."id" WHERE c."guestSessionId" = g."id") GROUP BY 1
UNION ALL
SELECT 'day:' || SUBSTR(CAST("createdAt" AS TEXT), 1, 10) || ':' || "kind"::text, COUNT(*) FROM "Migration" GROUP BY 1
UNION ALL
SELECT 'day:' || SUBSTR(CAST("createdAt" AS TEXT), 1, 10) || ':orders:' || "currency"::text, COUNT(*) FROM "Order" GROUP BY 1
UNION ALL
SELECT 'day:' || SUBSTR(CAST("createdAt" AS TEXT), 1, 10) || ':revenue:' || "currency"::text, SUM("totalAmount") FROM "Order" GROUP BY 1
UNION ALL
SELECT 'day:' || SUBSTR(CAST("createdAt" AS TEXT), 1, 10) || ':guest-orders', COUNT(*) FROM "Order" WHERE "guestSessionId" IS NOT NULL GROUP BY 1
UNION ALL
SELECT 'day:' || SUBSTR(CAST("createdAt" AS TEXT), 1, 10) || ':emailed', COUNT(*) FROM "RestoreToken" GROUP BY 1
UNION ALL
SELECT 'day:' || SUBSTR(CAST("usedAt" AS TEXT), 1, 10) || ':restored', COUNT(*) FROM "RestoreToken" WHERE "usedAt" IS NOT NULL GROUP BY 1;
DELETE FROM "Tally" WHERE "key" LIKE 'retired-started:%';
