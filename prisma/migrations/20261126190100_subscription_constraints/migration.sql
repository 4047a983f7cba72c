-- Constraints Prisma's schema language cannot express. Hand-written: do not regenerate this folder
-- (`db:migration -- --replace-latest` rewrites the latest folder; regenerate the init migration instead).

-- At most one subscription in force and one scheduled (a downgrade at period end) per customer.
CREATE UNIQUE INDEX "subscriptions_one_active_per_customer" ON "subscriptions"("customer_id") WHERE "status" = 'ACTIVE';
CREATE UNIQUE INDEX "subscriptions_one_scheduled_per_customer" ON "subscriptions"("customer_id") WHERE "status" = 'SCHEDULED';

-- A subscription never ends before it starts; a trial ends after the start.
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_ends_after_start" CHECK ("ends_at" IS NULL OR "ends_at" >= "started_at");
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_trial_after_start" CHECK ("trial_ends_at" IS NULL OR "trial_ends_at" > "started_at");

-- Money and terms are never negative.
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_amounts_non_negative" CHECK ("base_fee_minor" >= 0 AND "minimum_spend_minor" >= 0 AND "trial_days" >= 0);
