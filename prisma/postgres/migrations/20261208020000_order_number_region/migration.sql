-- Orders get a short number for shoppers (and a region, for the US state). Orders placed before
-- this get their place in time in hex: unique, eight characters like the new random ones.
-- AlterTable
ALTER TABLE "Order" ADD COLUMN "number" TEXT;
ALTER TABLE "Order" ADD COLUMN "region" TEXT;
UPDATE "Order" SET "number" = numbered.n
  FROM (SELECT "id", lpad(upper(to_hex(row_number() OVER (ORDER BY "createdAt", "id"))), 8, '0') AS n FROM "Order") AS numbered
  WHERE "Order"."id" = numbered."id";
ALTER TABLE "Order" ALTER COLUMN "number" SET NOT NULL;
-- CreateIndex
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");
