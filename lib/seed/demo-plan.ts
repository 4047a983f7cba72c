import "server-only";
import type { UserActor } from "@/lib/auth/actor";
import { createPlan } from "@/lib/plans/create-plan";
import { publishPlanVersion } from "@/lib/plans/publish-plan-version";
import { updateDraftVersion } from "@/lib/plans/update-draft-version";
import { prisma } from "@/lib/db/client";
import { assignSubscription } from "@/lib/subscriptions/assign-subscription";
import { seedDemoBillingHistory } from "./demo-billing-history";

const DEMO_PLAN = "AI Starter";

/**
 * A published demo plan (graduated token pricing with a free tier) with Acme on it since two months ago, with
 * the usage and invoices of those months (demo-billing-history.ts); skipped if the plan exists.
 */
export async function seedDemoPlan(
  admin: UserActor,
  customerId: string,
  tokensMeterId: string,
): Promise<void> {
  if (await prisma.plan.findFirst({ where: { name: DEMO_PLAN }, select: { id: true } })) return;
  const { draftVersionId } = await createPlan(admin, { name: DEMO_PLAN, currency: "USD" });
  await updateDraftVersion(admin, draftVersionId, {
    currency: "USD",
    interval: "MONTH",
    baseFeeMinor: 2000,
    minimumSpendMinor: 0,
    trialDays: 0,
    paymentTerms: "POSTPAID",
    prices: [
      {
        meterId: tokensMeterId,
        model: {
          kind: "graduated",
          includedUnits: "100000",
          tiers: [
            { upTo: "10000000", unitPrice: "0.0000025" },
            { upTo: null, unitPrice: "0.000002" },
          ],
        },
      },
    ],
  });
  await publishPlanVersion(admin, draftVersionId);
  const active = await prisma.subscription.findFirst({
    where: { customerId, status: "ACTIVE" },
    select: { id: true },
  });
  if (active) return;
  const { subscriptionId } = await assignSubscription(admin, customerId, { planVersionId: draftVersionId });
  await seedDemoBillingHistory(admin, customerId, subscriptionId);
}
