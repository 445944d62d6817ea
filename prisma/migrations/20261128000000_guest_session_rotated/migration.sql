-- A guest session ended by checkout's rotation says so: a request still carrying its id lost a race to that checkout.
-- AlterTable
ALTER TABLE "GuestSession" ADD COLUMN "rotated" BOOLEAN NOT NULL DEFAULT false;
