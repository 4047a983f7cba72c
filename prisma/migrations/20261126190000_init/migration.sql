-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "Aggregation" AS ENUM ('SUM', 'COUNT', 'MAX', 'UNIQUE_COUNT', 'LATEST');

-- CreateEnum
CREATE TYPE "PlanVersionStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "BillingInterval" AS ENUM ('MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "PaymentTerms" AS ENUM ('PREPAID', 'POSTPAID');

-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('SCHEDULED', 'ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "CreditGrantKind" AS ENUM ('PURCHASE', 'TRIAL', 'PROMOTIONAL', 'ADJUSTMENT', 'AUTO_RECHARGE');

-- CreateEnum
CREATE TYPE "CreditEntryKind" AS ENUM ('GRANT', 'BURN', 'EXPIRY', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "CreditPurchaseKind" AS ENUM ('CHECKOUT', 'AUTO_RECHARGE');

-- CreateEnum
CREATE TYPE "CreditPurchaseStatus" AS ENUM ('PENDING', 'PAID', 'FAILED', 'EXPIRED');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "customer_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "external_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "stripe_customer_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "customer_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meters" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "aggregation" "Aggregation" NOT NULL,
    "value_property" TEXT,
    "group_by" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "filters" JSONB NOT NULL DEFAULT '{}',
    "unit" TEXT NOT NULL DEFAULT 'units',
    "allow_negative" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_events" (
    "customer_id" UUID NOT NULL,
    "idempotency_key" VARCHAR(128) NOT NULL,
    "event_type" TEXT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voided_at" TIMESTAMPTZ(3),
    "void_reason" TEXT,
    "voided_by" UUID,

    CONSTRAINT "usage_events_pkey" PRIMARY KEY ("customer_id","idempotency_key")
);

-- CreateTable
CREATE TABLE "usage_rollups" (
    "customer_id" UUID NOT NULL,
    "meter_id" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "dimensions" TEXT NOT NULL DEFAULT '',
    "sum" DECIMAL(38,12) NOT NULL DEFAULT 0,
    "count" BIGINT NOT NULL DEFAULT 0,
    "max" DECIMAL(38,12),
    "latest_value" DECIMAL(38,12),
    "latest_at" TIMESTAMPTZ(3),

    CONSTRAINT "usage_rollups_pkey" PRIMARY KEY ("customer_id","meter_id","bucket","dimensions")
);

-- CreateTable
CREATE TABLE "usage_unique_values" (
    "customer_id" UUID NOT NULL,
    "meter_id" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "dimensions" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL,

    CONSTRAINT "usage_unique_values_pkey" PRIMARY KEY ("customer_id","meter_id","bucket","dimensions","value")
);

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "plan_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "PlanVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "currency" CHAR(3) NOT NULL,
    "interval" "BillingInterval" NOT NULL DEFAULT 'MONTH',
    "base_fee_minor" BIGINT NOT NULL DEFAULT 0,
    "minimum_spend_minor" BIGINT NOT NULL DEFAULT 0,
    "trial_days" INTEGER NOT NULL DEFAULT 0,
    "payment_terms" "PaymentTerms" NOT NULL DEFAULT 'POSTPAID',
    "trial_credits_minor" BIGINT NOT NULL DEFAULT 0,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_prices" (
    "plan_version_id" UUID NOT NULL,
    "meter_id" UUID NOT NULL,
    "price_model" JSONB NOT NULL,

    CONSTRAINT "plan_prices_pkey" PRIMARY KEY ("plan_version_id","meter_id")
);

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "plan_version_id" UUID NOT NULL,
    "status" "SubscriptionStatus" NOT NULL,
    "anchor_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "trial_ends_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
    "replaces_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "period_meter_charges" (
    "customer_id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "meter_id" UUID NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "quantity" DECIMAL(38,12) NOT NULL DEFAULT 0,
    "amount" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "latest_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "period_meter_charges_pkey" PRIMARY KEY ("customer_id","subscription_id","period_start","meter_id")
);

-- CreateTable
CREATE TABLE "period_unique_values" (
    "customer_id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "meter_id" UUID NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "period_unique_values_pkey" PRIMARY KEY ("customer_id","subscription_id","period_start","meter_id","value")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" TEXT,
    "actor_kind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_balances" (
    "customer_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "balance_minor" BIGINT NOT NULL DEFAULT 0,
    "last_entry_seq" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_balances_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "credit_grants" (
    "customer_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "CreditGrantKind" NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "remaining_minor" BIGINT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "expires_at" TIMESTAMPTZ(3),
    "description" TEXT NOT NULL DEFAULT '',
    "payment_intent_id" TEXT,
    "source_key" TEXT,
    "purchase_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_grants_pkey" PRIMARY KEY ("customer_id","id")
);

-- CreateTable
CREATE TABLE "credit_ledger_entries" (
    "customer_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "kind" "CreditEntryKind" NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "balance_after_minor" BIGINT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "grant_id" UUID,
    "rated_minor" BIGINT,
    "event_count" INTEGER,
    "first_event_id" TEXT,
    "last_event_id" TEXT,
    "actor_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_ledger_entries_pkey" PRIMARY KEY ("customer_id","seq")
);

-- CreateTable
CREATE TABLE "credit_grant_movements" (
    "customer_id" UUID NOT NULL,
    "entry_seq" BIGINT NOT NULL,
    "grant_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,

    CONSTRAINT "credit_grant_movements_pkey" PRIMARY KEY ("customer_id","entry_seq","grant_id")
);

-- CreateTable
CREATE TABLE "usage_credit_periods" (
    "customer_id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "rated_minor" BIGINT NOT NULL DEFAULT 0,
    "credited_minor" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_credit_periods_pkey" PRIMARY KEY ("customer_id","subscription_id","period_start")
);

-- CreateTable
CREATE TABLE "credit_packs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "price_minor" BIGINT NOT NULL,
    "credits_minor" BIGINT NOT NULL,
    "bonus_credits_minor" BIGINT NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_packs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_purchases" (
    "customer_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "CreditPurchaseKind" NOT NULL,
    "status" "CreditPurchaseStatus" NOT NULL DEFAULT 'PENDING',
    "pack_id" UUID NOT NULL,
    "pack_name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "price_minor" BIGINT NOT NULL,
    "credits_minor" BIGINT NOT NULL,
    "checkout_session_id" TEXT,
    "checkout_url" TEXT,
    "payment_intent_id" TEXT,
    "save_card" BOOLEAN NOT NULL DEFAULT false,
    "crossing_seq" INTEGER,
    "failure_message" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "credit_purchases_pkey" PRIMARY KEY ("customer_id","id")
);

-- CreateTable
CREATE TABLE "credit_auto_recharges" (
    "customer_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "threshold_minor" BIGINT NOT NULL DEFAULT 0,
    "pack_id" UUID,
    "payment_method_id" TEXT,
    "card_label" TEXT,
    "armed" BOOLEAN NOT NULL DEFAULT true,
    "crossings" INTEGER NOT NULL DEFAULT 0,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_message" TEXT,
    "last_failure_at" TIMESTAMPTZ(3),
    "disabled_reason" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_auto_recharges_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "stripe_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "object_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 5,
    "locked_until" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "customer_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("customer_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_customer_id_idx" ON "users"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "customers_external_id_key" ON "customers"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "customers_stripe_customer_id_key" ON "customers"("stripe_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "meters_key_key" ON "meters"("key");

-- CreateIndex
CREATE INDEX "meters_event_type_idx" ON "meters"("event_type");

-- CreateIndex
CREATE INDEX "usage_events_customer_id_event_type_timestamp_idx" ON "usage_events"("customer_id", "event_type", "timestamp");

-- CreateIndex
CREATE INDEX "usage_rollups_meter_id_idx" ON "usage_rollups"("meter_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_versions_plan_id_number_key" ON "plan_versions"("plan_id", "number");

-- CreateIndex
CREATE INDEX "plan_prices_meter_id_idx" ON "plan_prices"("meter_id");

-- CreateIndex
CREATE INDEX "subscriptions_customer_id_started_at_idx" ON "subscriptions"("customer_id", "started_at");

-- CreateIndex
CREATE INDEX "subscriptions_plan_version_id_idx" ON "subscriptions"("plan_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "subscriptions_customer_id_id_key" ON "subscriptions"("customer_id", "id");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "credit_grants_payment_intent_id_key" ON "credit_grants"("payment_intent_id");

-- CreateIndex
CREATE INDEX "credit_grants_customer_id_expires_at_priority_created_at_idx" ON "credit_grants"("customer_id", "expires_at", "priority", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "credit_grants_customer_id_source_key_key" ON "credit_grants"("customer_id", "source_key");

-- CreateIndex
CREATE INDEX "credit_grant_movements_customer_id_grant_id_idx" ON "credit_grant_movements"("customer_id", "grant_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_purchases_checkout_session_id_key" ON "credit_purchases"("checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_purchases_payment_intent_id_key" ON "credit_purchases"("payment_intent_id");

-- CreateIndex
CREATE INDEX "credit_purchases_customer_id_created_at_idx" ON "credit_purchases"("customer_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "credit_purchases_customer_id_crossing_seq_key" ON "credit_purchases"("customer_id", "crossing_seq");

-- CreateIndex
CREATE INDEX "credit_auto_recharges_pack_id_idx" ON "credit_auto_recharges"("pack_id");

-- CreateIndex
CREATE UNIQUE INDEX "jobs_key_key" ON "jobs"("key");

-- CreateIndex
CREATE INDEX "notifications_created_at_idx" ON "notifications"("created_at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_rollups" ADD CONSTRAINT "usage_rollups_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_rollups" ADD CONSTRAINT "usage_rollups_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_unique_values" ADD CONSTRAINT "usage_unique_values_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_unique_values" ADD CONSTRAINT "usage_unique_values_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_prices" ADD CONSTRAINT "plan_prices_plan_version_id_fkey" FOREIGN KEY ("plan_version_id") REFERENCES "plan_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_prices" ADD CONSTRAINT "plan_prices_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_plan_version_id_fkey" FOREIGN KEY ("plan_version_id") REFERENCES "plan_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "period_meter_charges" ADD CONSTRAINT "period_meter_charges_customer_id_subscription_id_fkey" FOREIGN KEY ("customer_id", "subscription_id") REFERENCES "subscriptions"("customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_balances" ADD CONSTRAINT "credit_balances_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_grants" ADD CONSTRAINT "credit_grants_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "credit_balances"("customer_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_ledger_entries" ADD CONSTRAINT "credit_ledger_entries_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "credit_balances"("customer_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_grant_movements" ADD CONSTRAINT "credit_grant_movements_customer_id_entry_seq_fkey" FOREIGN KEY ("customer_id", "entry_seq") REFERENCES "credit_ledger_entries"("customer_id", "seq") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_grant_movements" ADD CONSTRAINT "credit_grant_movements_customer_id_grant_id_fkey" FOREIGN KEY ("customer_id", "grant_id") REFERENCES "credit_grants"("customer_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "credit_balances"("customer_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_pack_id_fkey" FOREIGN KEY ("pack_id") REFERENCES "credit_packs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_auto_recharges" ADD CONSTRAINT "credit_auto_recharges_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "credit_balances"("customer_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_auto_recharges" ADD CONSTRAINT "credit_auto_recharges_pack_id_fkey" FOREIGN KEY ("pack_id") REFERENCES "credit_packs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

