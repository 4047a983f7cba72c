-- Every table that grows with usage leads its primary key and unique keys with customer_id, so it can be
-- distributed by customer (Citus). Global uniques become per customer; webhook deliveries and attempts are keyed by customer.

-- DropForeignKey
ALTER TABLE "webhook_attempts" DROP CONSTRAINT "webhook_attempts_delivery_id_fkey";

-- DropIndex
DROP INDEX "credit_grants_payment_intent_id_key";

-- DropIndex
DROP INDEX "credit_purchases_checkout_session_id_key";

-- DropIndex
DROP INDEX "credit_purchases_payment_intent_id_key";

-- DropIndex
DROP INDEX "invoices_number_key";

-- DropIndex
DROP INDEX "invoices_paid_payment_intent_id_key";

-- DropIndex
DROP INDEX "invoice_payment_attempts_payment_intent_id_key";

-- DropIndex
DROP INDEX "invoice_payment_attempts_checkout_session_id_key";

-- DropIndex
DROP INDEX "credit_notes_number_key";

-- DropIndex
DROP INDEX "credit_notes_refund_id_key";

-- DropIndex
DROP INDEX "webhook_deliveries_endpoint_id_customer_id_notification_id_key";

-- DropIndex
DROP INDEX "webhook_attempts_delivery_id_created_at_idx";

-- AlterTable
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_pkey",
ADD CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("customer_id", "id");

-- AlterTable (by hand: an attempt takes its delivery's customer, so existing rows are filled before NOT NULL)
ALTER TABLE "webhook_attempts" ADD COLUMN "customer_id" UUID;
UPDATE "webhook_attempts" a SET "customer_id" = d."customer_id" FROM "webhook_deliveries" d WHERE d."id" = a."delivery_id";
ALTER TABLE "webhook_attempts" ALTER COLUMN "customer_id" SET NOT NULL,
DROP CONSTRAINT "webhook_attempts_pkey",
ADD CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("customer_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_grants_customer_id_payment_intent_id_key" ON "credit_grants"("customer_id", "payment_intent_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_purchases_customer_id_checkout_session_id_key" ON "credit_purchases"("customer_id", "checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_purchases_customer_id_payment_intent_id_key" ON "credit_purchases"("customer_id", "payment_intent_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_customer_id_number_key" ON "invoices"("customer_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_customer_id_paid_payment_intent_id_key" ON "invoices"("customer_id", "paid_payment_intent_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_payment_attempts_customer_id_payment_intent_id_key" ON "invoice_payment_attempts"("customer_id", "payment_intent_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_payment_attempts_customer_id_checkout_session_id_key" ON "invoice_payment_attempts"("customer_id", "checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_notes_customer_id_number_key" ON "credit_notes"("customer_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "credit_notes_customer_id_refund_id_key" ON "credit_notes"("customer_id", "refund_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_customer_id_endpoint_id_notification_id_key" ON "webhook_deliveries"("customer_id", "endpoint_id", "notification_id");

-- CreateIndex
CREATE INDEX "webhook_attempts_customer_id_delivery_id_created_at_idx" ON "webhook_attempts"("customer_id", "delivery_id", "created_at");

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_customer_id_delivery_id_fkey" FOREIGN KEY ("customer_id", "delivery_id") REFERENCES "webhook_deliveries"("customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

