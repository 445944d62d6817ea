-- Orders get a short number for shoppers (and a region, for the US state). SQLite cannot add a
-- NOT NULL column without a default, so the empty default stands in (a row inserted without a
-- number fails the unique index on its second try). Orders placed before this get their row's
-- sequence in hex: unique, eight characters like the new random ones.
-- AlterTable
ALTER TABLE "Order" ADD COLUMN "number" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Order" ADD COLUMN "region" TEXT;
UPDATE "Order" SET "number" = printf('%08X', rowid);
-- CreateIndex
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");
