-- CreateEnum
CREATE TYPE "InvoicePaymentKind" AS ENUM ('OFF_SESSION', 'CHECKOUT');

-- CreateEnum
CREATE TYPE "InvoicePaymentStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "customer_billing_profiles" ADD COLUMN     "card_label" TEXT,
ADD COLUMN     "payment_method_id" TEXT;

-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "last_payment_error" TEXT,
ADD COLUMN     "next_payment_attempt_at" TIMESTAMPTZ(3),
ADD COLUMN     "paid_payment_intent_id" TEXT,
ADD COLUMN     "payment_failed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "invoice_payment_attempts" (
    "customer_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "kind" "InvoicePaymentKind" NOT NULL,
    "status" "InvoicePaymentStatus" NOT NULL DEFAULT 'PENDING',
    "amount_minor" BIGINT NOT NULL,
    "payment_intent_id" TEXT,
    "checkout_session_id" TEXT,
    "checkout_url" TEXT,
    "card_label" TEXT,
    "failure_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "invoice_payment_attempts_pkey" PRIMARY KEY ("customer_id","invoice_id","attempt")
);

-- CreateIndex
CREATE UNIQUE INDEX "invoice_payment_attempts_payment_intent_id_key" ON "invoice_payment_attempts"("payment_intent_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_payment_attempts_checkout_session_id_key" ON "invoice_payment_attempts"("checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_paid_payment_intent_id_key" ON "invoices"("paid_payment_intent_id");

-- AddForeignKey
ALTER TABLE "invoice_payment_attempts" ADD CONSTRAINT "invoice_payment_attempts_customer_id_invoice_id_fkey" FOREIGN KEY ("customer_id", "invoice_id") REFERENCES "invoices"("customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

