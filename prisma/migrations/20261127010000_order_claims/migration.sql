-- "Find my guest orders": single-use links that attach guest orders to the account by proof of the e-mail.
-- AlterTable
ALTER TABLE "Order" ADD COLUMN "claimId" TEXT;
ALTER TABLE "Order" ADD COLUMN "claimedAt" DATETIME;

-- CreateTable
CREATE TABLE "OrderClaim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "OrderClaim_tokenHash_key" ON "OrderClaim"("tokenHash");

-- CreateIndex
CREATE INDEX "OrderClaim_userId_idx" ON "OrderClaim"("userId");

-- CreateIndex
CREATE INDEX "Order_email_idx" ON "Order"("email");

