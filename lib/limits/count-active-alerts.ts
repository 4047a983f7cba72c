import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { prisma } from "@/lib/db/client";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";

/** How many of a customer's alerts of the billing period in force are active (not resolved), for the portal header. */
export async function countActiveAlerts(actor: Actor, customerId: string, now = new Date()): Promise<number> {
  assertCanActForCustomer(actor, customerId);
  const sub = await prisma.subscription.findFirst({
    where: { customerId, startedAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    select: { anchorAt: true, planVersion: { select: { interval: true } } },
  });
  if (!sub) return 0;
  const period = billingPeriodAt(sub.anchorAt, sub.planVersion.interval, now);
  return prisma.limitAlert.count({
    where: {
      customerId,
      resolvedAt: null,
      periodStart: period.start,
      kind: { in: ["threshold", "cap_reached", "forecast"] },
    },
  });
}
