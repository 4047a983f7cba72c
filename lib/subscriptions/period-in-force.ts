import "server-only";
import { prisma } from "@/lib/db/client";
import { billingPeriodAt, type BillingPeriod } from "./billing-period";

/**
 * The customer's subscription in force at `now` and its billing period then (the period the upcoming
 * invoice, the limits, the dashboard and the forecast speak of); null without one.
 */
export async function periodInForce(
  customerId: string,
  now: Date,
): Promise<{ subscriptionId: string; planVersionId: string; period: BillingPeriod } | null> {
  const sub = await prisma.subscription.findFirst({
    where: { customerId, startedAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    select: { id: true, planVersionId: true, anchorAt: true, planVersion: { select: { interval: true } } },
  });
  if (!sub) return null;
  return {
    subscriptionId: sub.id,
    planVersionId: sub.planVersionId,
    period: billingPeriodAt(sub.anchorAt, sub.planVersion.interval, now),
  };
}
