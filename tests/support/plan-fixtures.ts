import type { CurrentUser } from "@/lib/auth/current-user";
import { createPlan } from "@/lib/plans/create-plan";
import { publishPlanVersion } from "@/lib/plans/publish-plan-version";
import { updateDraftVersion } from "@/lib/plans/update-draft-version";
import type { PriceModel } from "@/lib/rating/price-model";
import { assignSubscription } from "@/lib/subscriptions/assign-subscription";

type VersionTerms = {
  currency?: string;
  interval?: "MONTH" | "YEAR";
  baseFeeMinor?: number;
  minimumSpendMinor?: number;
  trialDays?: number;
  paymentTerms?: "PREPAID" | "POSTPAID";
  prices?: { meterId: string; model: PriceModel }[];
};

export const terms = (t: VersionTerms = {}) => ({
  currency: t.currency ?? "USD",
  interval: t.interval ?? "MONTH",
  baseFeeMinor: t.baseFeeMinor ?? 0,
  minimumSpendMinor: t.minimumSpendMinor ?? 0,
  trialDays: t.trialDays ?? 0,
  paymentTerms: t.paymentTerms ?? "POSTPAID",
  prices: t.prices ?? [],
});

/** A plan whose version 1 has these terms and is published; returns its ids. */
export async function publishedPlan(admin: CurrentUser, t: VersionTerms = {}, name = "Test plan") {
  const { planId, draftVersionId } = await createPlan(admin, { name, currency: t.currency ?? "USD" });
  await updateDraftVersion(admin, draftVersionId, terms(t));
  await publishPlanVersion(admin, draftVersionId);
  return { planId, versionId: draftVersionId };
}

/** Publishes a plan with these terms and puts the customer on it now. */
export async function subscribe(admin: CurrentUser, customerId: string, t: VersionTerms = {}) {
  const plan = await publishedPlan(admin, t);
  const { subscriptionId } = await assignSubscription(admin, customerId, { planVersionId: plan.versionId });
  return { ...plan, subscriptionId };
}
