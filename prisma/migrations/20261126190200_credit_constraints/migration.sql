-- Credit constraints Prisma's schema language cannot express. Hand-written: do not regenerate this folder
-- (`db:migration -- --replace-latest` rewrites the latest folder; regenerate the init migration instead and
-- copy schema.prisma into every later folder's snapshot).

-- A grant never has less than nothing left nor more than it gave; a wallet never goes below zero.
ALTER TABLE "credit_grants" ADD CONSTRAINT "credit_grants_remaining_within_amount" CHECK ("amount_minor" > 0 AND "remaining_minor" >= 0 AND "remaining_minor" <= "amount_minor");
ALTER TABLE "credit_balances" ADD CONSTRAINT "credit_balances_not_negative" CHECK ("balance_minor" >= 0);
ALTER TABLE "usage_credit_periods" ADD CONSTRAINT "usage_credit_periods_credited_not_negative" CHECK ("credited_minor" >= 0);

-- Packs cost and give something; purchases and trial credits are never negative.
ALTER TABLE "credit_packs" ADD CONSTRAINT "credit_packs_amounts_positive" CHECK ("price_minor" > 0 AND "credits_minor" > 0 AND "bonus_credits_minor" >= 0);
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_amounts_positive" CHECK ("price_minor" > 0 AND "credits_minor" > 0);
ALTER TABLE "credit_auto_recharges" ADD CONSTRAINT "credit_auto_recharges_threshold_not_negative" CHECK ("threshold_minor" >= 0);
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_trial_credits_non_negative" CHECK ("trial_credits_minor" >= 0);

-- The expiry sweep and the job runner read only what is still to do.
CREATE INDEX "credit_grants_to_expire" ON "credit_grants"("expires_at") WHERE "remaining_minor" > 0 AND "expires_at" IS NOT NULL;
CREATE INDEX "jobs_pending" ON "jobs"("run_at") WHERE "done_at" IS NULL AND "failed_at" IS NULL;
