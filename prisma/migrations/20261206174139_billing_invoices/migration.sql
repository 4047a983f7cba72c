-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE');

-- CreateEnum
CREATE TYPE "InvoiceLineKind" AS ENUM ('BASE_FEE', 'USAGE', 'MINIMUM_SPEND', 'CREDITS_APPLIED');

-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "billed_through" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "customer_billing_profiles" (
    "customer_id" UUID NOT NULL,
    "legal_name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "address_line1" TEXT NOT NULL DEFAULT '',
    "address_line2" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "postal_code" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "country" TEXT NOT NULL DEFAULT '',
    "net_terms_days" INTEGER NOT NULL DEFAULT 0,
    "dunning_enabled" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_billing_profiles_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "invoices" (
    "customer_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "status" "InvoiceStatus" NOT NULL DEFAULT 'DRAFT',
    "number" TEXT,
    "currency" CHAR(3) NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "total_minor" BIGINT NOT NULL DEFAULT 0,
    "credits_minor" BIGINT NOT NULL DEFAULT 0,
    "amount_due_minor" BIGINT NOT NULL DEFAULT 0,
    "amount_paid_minor" BIGINT NOT NULL DEFAULT 0,
    "bill_to" JSONB NOT NULL DEFAULT '{}',
    "finalize_after" TIMESTAMPTZ(3) NOT NULL,
    "finalized_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "marked_uncollectible_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("customer_id","id")
);

-- CreateTable
CREATE TABLE "invoice_lines" (
    "customer_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "InvoiceLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    "subscription_id" UUID,
    "meter_id" UUID,
    "from_at" TIMESTAMPTZ(3) NOT NULL,
    "to_at" TIMESTAMPTZ(3) NOT NULL,
    "quantity" DECIMAL(38,12),
    "included_units" DECIMAL(38,12),
    "amount_exact" DECIMAL(65,30) NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "invoice_lines_pkey" PRIMARY KEY ("customer_id","invoice_id","position")
);

-- CreateTable
CREATE TABLE "invoice_number_sequences" (
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "invoice_number_sequences_pkey" PRIMARY KEY ("prefix","year")
);

-- CreateIndex
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices"("number");

-- CreateIndex
CREATE INDEX "invoices_status_finalize_after_idx" ON "invoices"("status", "finalize_after");

-- CreateIndex
CREATE INDEX "invoices_customer_id_period_start_idx" ON "invoices"("customer_id", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_customer_id_period_start_period_end_key" ON "invoices"("customer_id", "period_start", "period_end");

-- AddForeignKey
ALTER TABLE "customer_billing_profiles" ADD CONSTRAINT "customer_billing_profiles_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_customer_id_invoice_id_fkey" FOREIGN KEY ("customer_id", "invoice_id") REFERENCES "invoices"("customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (Prisma's schema language has no CHECK constraints): a draft has no number, a finalized invoice has one.
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_number_iff_final" CHECK (("status" = 'DRAFT') = ("number" IS NULL));
-- The amounts an invoice states agree with each other.
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_amount_due" CHECK ("amount_due_minor" = "total_minor" - "credits_minor" AND "amount_due_minor" >= 0);
