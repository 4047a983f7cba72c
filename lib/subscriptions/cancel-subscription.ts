import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { billingPeriodAt } from "./billing-period";
import { lockCustomer } from "./lock-customer";
import { settleSubscriptions } from "./settle-subscriptions";

/**
 * Cancels at period end: the subscription stays in force until its current period ends (for a trial,
 * until the trial ends) and a scheduled change is dropped. Usage after that is not rated.
 */
export async function cancelSubscription(actor: Actor, customerId: string): Promise<{ subscriptionId: string; endsAt: Date }> {
  assertAdmin(actor);
  return prisma.$transaction(async (tx) => {
    const customer = await lockCustomer(tx, customerId);
    const now = new Date();
    await settleSubscriptions(tx, customer.id, now);
    const current = await tx.subscription.findFirst({ where: { customerId: customer.id, status: "ACTIVE" }, include: { planVersion: { select: { interval: true } } } });
    if (!current) throw new AppError("CONFLICT", `${customer.name} has no subscription to cancel`);
    const { end } = billingPeriodAt(current.anchorAt, current.planVersion.interval, now);
    await tx.subscription.deleteMany({ where: { customerId: customer.id, status: "SCHEDULED" } });
    await tx.subscription.update({ where: { id: current.id }, data: { endsAt: end, cancelAtPeriodEnd: true } });
    await recordAudit(actor, "subscription.canceled", current.id, { customerId: customer.id, endsAt: end }, tx);
    return { subscriptionId: current.id, endsAt: end };
  });
}
