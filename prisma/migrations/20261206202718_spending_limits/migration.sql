-- CreateEnum
CREATE TYPE "LimitOwner" AS ENUM ('ADMIN', 'CUSTOMER');

-- CreateEnum
CREATE TYPE "LimitMode" AS ENUM ('ALERT', 'HARD_CAP');

-- CreateTable
CREATE TABLE "spending_limits" (
    "customer_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "scope" TEXT NOT NULL,
    "meter_id" UUID,
    "set_by" "LimitOwner" NOT NULL,
    "mode" "LimitMode" NOT NULL,
    "limit_minor" BIGINT,
    "limit_quantity" DECIMAL(38,12),
    "thresholds" INTEGER[] DEFAULT ARRAY[50, 80, 100]::INTEGER[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spending_limits_pkey" PRIMARY KEY ("customer_id","id")
);

-- CreateTable
CREATE TABLE "limit_alerts" (
    "customer_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "limit_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "limit_value" DECIMAL(38,12) NOT NULL,
    "value" DECIMAL(38,12) NOT NULL,
    "triggered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "limit_alerts_pkey" PRIMARY KEY ("customer_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "spending_limits_customer_id_scope_set_by_key" ON "spending_limits"("customer_id", "scope", "set_by");

-- CreateIndex
CREATE INDEX "limit_alerts_customer_id_resolved_at_idx" ON "limit_alerts"("customer_id", "resolved_at");

-- CreateIndex
CREATE UNIQUE INDEX "limit_alerts_customer_id_limit_id_period_start_kind_thresho_key" ON "limit_alerts"("customer_id", "limit_id", "period_start", "kind", "threshold");


-- A spend limit is money (minor units), a meter's limit a quantity; either is positive.
ALTER TABLE "spending_limits" ADD CONSTRAINT "spending_limits_amount" CHECK (
  (scope = 'spend' AND meter_id IS NULL AND limit_minor > 0 AND limit_quantity IS NULL)
  OR (scope <> 'spend' AND meter_id IS NOT NULL AND scope = meter_id::text AND limit_quantity > 0 AND limit_minor IS NULL));
