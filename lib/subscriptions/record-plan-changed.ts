import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { recordNotification } from "@/lib/notifications/record-notification";

type Version = { id: string; planId: string; number: number; plan: { name: string } };

/**
 * The subscription.plan_changed event, once per change, in the change's transaction: from which plan version
 * to which, and when it takes effect (now, or at the period's end for a scheduled downgrade).
 */
export async function recordPlanChanged(
  tx: Prisma.TransactionClient,
  c: { customerId: string; subscriptionId: string; replacesId: string; from: Version; to: Version; timing: "now" | "period_end"; effectiveAt: Date; proration?: { creditMinor: bigint; chargeMinor: bigint } | null },
): Promise<void> {
  const version = (v: Version) => ({ planId: v.planId, planName: v.plan.name, planVersionId: v.id, version: v.number });
  await recordNotification(tx, c.customerId, "subscription.plan_changed", {
    subscriptionId: c.subscriptionId,
    replacesSubscriptionId: c.replacesId,
    from: version(c.from),
    to: version(c.to),
    timing: c.timing,
    effectiveAt: c.effectiveAt.toISOString(),
    ...(c.proration ? { proration: { creditMinor: c.proration.creditMinor.toString(), chargeMinor: c.proration.chargeMinor.toString() } } : {}),
  });
}
