-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('STANDARD', 'SUPPLEMENT');

-- DropIndex
DROP INDEX "invoices_customer_id_period_start_period_end_key";

-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "charges_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "credit_notes_minor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "kind" "InvoiceKind" NOT NULL DEFAULT 'STANDARD',
ADD COLUMN     "parent_invoice_id" UUID;

-- CreateTable
CREATE TABLE "credit_notes" (
    "customer_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "invoice_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "total_minor" BIGINT NOT NULL,
    "credits_returned_minor" BIGINT NOT NULL DEFAULT 0,
    "applied_to_invoice_minor" BIGINT NOT NULL DEFAULT 0,
    "credited_to_balance_minor" BIGINT NOT NULL DEFAULT 0,
    "grant_id" UUID,
    "lines" JSONB NOT NULL DEFAULT '[]',
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_notes_pkey" PRIMARY KEY ("customer_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credit_notes_number_key" ON "credit_notes"("number");

-- CreateIndex
CREATE UNIQUE INDEX "credit_notes_customer_id_invoice_id_seq_key" ON "credit_notes"("customer_id", "invoice_id", "seq");

-- CreateIndex
CREATE INDEX "invoices_customer_id_period_start_period_end_idx" ON "invoices"("customer_id", "period_start", "period_end");

-- AddForeignKey
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_customer_id_invoice_id_fkey" FOREIGN KEY ("customer_id", "invoice_id") REFERENCES "invoices"("customer_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (Prisma's schema language has no partial indexes or CHECK constraints):
-- one STANDARD invoice per customer and period (supplements share their parent's period).
CREATE UNIQUE INDEX "invoices_one_per_period" ON "invoices"("customer_id", "period_start", "period_end") WHERE "kind" = 'STANDARD';
-- Credit notes lower an unpaid invoice's amount due.
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_amount_due";
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_amount_due" CHECK ("amount_due_minor" = "total_minor" - "credits_minor" - "credit_notes_minor" AND "amount_due_minor" >= 0);
-- A supplement names its parent.
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_supplement_parent" CHECK (("kind" = 'SUPPLEMENT') = ("parent_invoice_id" IS NOT NULL));
