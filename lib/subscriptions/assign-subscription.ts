import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { grantTrialCredits } from "@/lib/ledger/grant-trial-credits";
import { assertAssignableVersion } from "./assert-assignable-version";
import { lockCustomer } from "./lock-customer";
import { settleSubscriptions } from "./settle-subscriptions";
import { assignInput } from "./subscription-input";

const DAY_MS = 86_400_000;

/**
 * Puts a customer without a subscription on a published version, starting now. With trial days, the
 * trial runs first and billing periods are anchored at its end; otherwise at the start. A customer
 * already subscribed gets 409 (change or cancel that subscription instead); the database allows one
 * ACTIVE subscription per customer whatever happens here.
 */
export async function assignSubscription(
  actor: Actor,
  customerId: string,
  input: unknown,
): Promise<{ subscriptionId: string }> {
  assertAdmin(actor);
  const { planVersionId } = assignInput.parse(input);
  return prisma.$transaction(async (tx) => {
    const customer = await lockCustomer(tx, customerId);
    const now = new Date();
    await settleSubscriptions(tx, customer.id, now);
    const current = await tx.subscription.findFirst({
      where: { customerId: customer.id, status: "ACTIVE" },
      select: { id: true },
    });
    if (current)
      throw new AppError(
        "CONFLICT",
        `${customer.name} already has a subscription: change or cancel it instead`,
        { details: { subscriptionId: current.id } },
      );
    const version = await assertAssignableVersion(tx, planVersionId, customer.currency);
    const trialEndsAt = version.trialDays > 0 ? new Date(now.getTime() + version.trialDays * DAY_MS) : null;
    const sub = await tx.subscription.create({
      data: {
        customerId: customer.id,
        planVersionId: version.id,
        status: "ACTIVE",
        startedAt: now,
        anchorAt: trialEndsAt ?? now,
        trialEndsAt,
      },
    });
    await recordAudit(
      actor,
      "subscription.created",
      sub.id,
      { customerId: customer.id, planVersionId: version.id, trialEndsAt },
      tx,
    );
    await grantTrialCredits(tx, customer.id, version, now);
    return { subscriptionId: sub.id };
  });
}
