import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { grantTrialCredits } from "@/lib/ledger/grant-trial-credits";
import { parseCurrency } from "@/lib/money/currencies";
import { assertAssignableVersion } from "./assert-assignable-version";
import { billingPeriodAt } from "./billing-period";
import { lockCustomer } from "./lock-customer";
import { prorateBaseFee, type Proration } from "./proration";
import { recordPlanChanged } from "./record-plan-changed";
import { settleSubscriptions } from "./settle-subscriptions";
import { changeInput } from "./subscription-input";

export type ChangeResult = { subscriptionId: string; startsAt: Date; proration: Proration | null };

/**
 * Moves a subscribed customer to another published version:
 * - timing "now" (an upgrade): the current subscription ends now and the new one starts now, keeping
 *   the billing anchor (and what is left of a trial); the base fee is prorated to the second
 *   (lib/subscriptions/proration.ts). Usage from now on is rated on the new version from zero for the
 *   rest of the period, with its included units.
 * - timing "period_end" (a downgrade): the current subscription ends when its period ends and the new
 *   one is SCHEDULED to start then. A pending cancellation or earlier scheduled change is replaced.
 */
export async function changeSubscription(
  actor: Actor,
  customerId: string,
  input: unknown,
): Promise<ChangeResult> {
  assertAdmin(actor);
  const { planVersionId, timing } = changeInput.parse(input);
  const result = await prisma.$transaction(async (tx) => {
    const customer = await lockCustomer(tx, customerId);
    const now = new Date();
    await settleSubscriptions(tx, customer.id, now);
    const current = await tx.subscription.findFirst({
      where: { customerId: customer.id, status: "ACTIVE" },
      include: { planVersion: { include: { plan: { select: { name: true } } } } },
    });
    if (!current)
      throw new AppError("CONFLICT", `${customer.name} has no subscription to change: assign a plan first`);
    const next = await assertAssignableVersion(tx, planVersionId, customer.currency);
    if (timing === "now" && next.id === current.planVersionId) {
      throw new AppError("UNPROCESSABLE", "The customer is already on this version", {
        problems: [{ field: "planVersionId", rule: "different_version", message: "already on this version" }],
      });
    }
    await tx.subscription.deleteMany({ where: { customerId: customer.id, status: "SCHEDULED" } });
    const period = billingPeriodAt(current.anchorAt, current.planVersion.interval, now);
    const sameInterval = next.interval === current.planVersion.interval;
    if (timing === "period_end") {
      await tx.subscription.update({
        where: { id: current.id },
        data: { endsAt: period.end, cancelAtPeriodEnd: false },
      });
      const sub = await tx.subscription.create({
        data: {
          customerId: customer.id,
          planVersionId: next.id,
          status: "SCHEDULED",
          startedAt: period.end,
          anchorAt: sameInterval ? current.anchorAt : period.end,
          replacesId: current.id,
        },
      });
      await recordAudit(
        actor,
        "subscription.change_scheduled",
        sub.id,
        { customerId: customer.id, from: current.id, planVersionId: next.id, startsAt: period.end },
        tx,
      );
      await recordPlanChanged(tx, { customerId: customer.id, subscriptionId: sub.id, replacesId: current.id, from: current.planVersion, to: next, timing, effectiveAt: period.end });
      return { subscriptionId: sub.id, startsAt: period.end, proration: null };
    }
    const trialEndsAt = current.trialEndsAt && current.trialEndsAt > now ? current.trialEndsAt : null;
    const proration = prorateBaseFee({
      oldFeeMinor: current.planVersion.baseFeeMinor,
      newFeeMinor: next.baseFeeMinor,
      currency: parseCurrency(next.currency),
      period,
      newPeriod: sameInterval ? undefined : billingPeriodAt(current.anchorAt, next.interval, now),
      at: now,
      inTrial: trialEndsAt !== null,
    });
    await tx.subscription.update({
      where: { id: current.id },
      data: { status: "ENDED", endsAt: now, cancelAtPeriodEnd: false },
    });
    const sub = await tx.subscription.create({
      data: {
        customerId: customer.id,
        planVersionId: next.id,
        status: "ACTIVE",
        startedAt: now,
        anchorAt: current.anchorAt,
        trialEndsAt,
        replacesId: current.id,
      },
    });
    const details = {
      customerId: customer.id,
      from: current.id,
      planVersionId: next.id,
      creditMinor: String(proration.creditMinor),
      chargeMinor: String(proration.chargeMinor),
    };
    await recordAudit(actor, "subscription.changed", sub.id, details, tx);
    await recordPlanChanged(tx, { customerId: customer.id, subscriptionId: sub.id, replacesId: current.id, from: current.planVersion, to: next, timing, effectiveAt: now, proration });
    await grantTrialCredits(tx, customer.id, next, now);
    return { subscriptionId: sub.id, startsAt: now, proration };
  });
  return result;
}
