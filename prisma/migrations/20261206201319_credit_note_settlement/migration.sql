-- CreateEnum
CREATE TYPE "CreditNoteKind" AS ENUM ('CORRECTION', 'MANUAL');

-- CreateEnum
CREATE TYPE "CreditNoteSettlement" AS ENUM ('BALANCE', 'REFUND');

-- CreateEnum
CREATE TYPE "CreditNoteRefundStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "customer_billing_profiles" ADD COLUMN     "credit_note_settlement" "CreditNoteSettlement" NOT NULL DEFAULT 'BALANCE';

-- AlterTable
ALTER TABLE "credit_notes" ADD COLUMN     "created_by_id" UUID,
ADD COLUMN     "kind" "CreditNoteKind" NOT NULL DEFAULT 'CORRECTION',
ADD COLUMN     "refund_failure" TEXT,
ADD COLUMN     "refund_id" TEXT,
ADD COLUMN     "refund_payment_intent_id" TEXT,
ADD COLUMN     "refund_status" "CreditNoteRefundStatus",
ADD COLUMN     "refunded_to_card_minor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "settlement" "CreditNoteSettlement" NOT NULL DEFAULT 'BALANCE';

-- CreateTable
CREATE TABLE "usage_credit_period_grants" (
    "customer_id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "grant_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_credit_period_grants_pkey" PRIMARY KEY ("customer_id","subscription_id","period_start","grant_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credit_notes_refund_id_key" ON "credit_notes"("refund_id");


-- A credit note's amount goes somewhere, all of it, once: back to credits, off the invoice, to the balance or to the card.
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_settled_in_full" CHECK (
  "total_minor" = "credits_returned_minor" + "applied_to_invoice_minor" + "credited_to_balance_minor" + "refunded_to_card_minor"
  AND "refunded_to_card_minor" >= 0 AND "credited_to_balance_minor" >= 0 AND "applied_to_invoice_minor" >= 0);
ALTER TABLE "usage_credit_period_grants" ADD CONSTRAINT "usage_credit_period_grants_not_negative" CHECK ("amount_minor" >= 0);
