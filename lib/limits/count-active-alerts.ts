import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { prisma } from "@/lib/db/client";
import { periodInForce } from "@/lib/subscriptions/period-in-force";
import { ACTIVE_ALERT_KINDS } from "./alert-kinds";

/** How many of a customer's alerts of the billing period in force are active (not resolved), for the portal header. */
export async function countActiveAlerts(actor: Actor, customerId: string, now = new Date()): Promise<number> {
  assertCanActForCustomer(actor, customerId);
  const inForce = await periodInForce(customerId, now);
  if (!inForce) return 0;
  const { period } = inForce;
  return prisma.limitAlert.count({
    where: {
      customerId,
      resolvedAt: null,
      periodStart: period.start,
      kind: { in: [...ACTIVE_ALERT_KINDS] },
    },
  });
}
