import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { applyPaidPurchase } from "@/lib/payments/apply-paid-purchase";
import { recordPaymentFailure } from "@/lib/payments/record-payment-failure";
import { upsertCustomer } from "@/lib/seed/factories";
import { changeSubscription } from "@/lib/subscriptions/change-subscription";
import type { CurrentUser } from "@/lib/auth/current-user";
import { publishedPlan, subscribe } from "@/tests/support/plan-fixtures";
import { pendingPurchase } from "@/tests/support/stripe-fixtures";
import { adminUser } from "@/tests/support/usage-fixtures";

let admin: CurrentUser;
beforeAll(async () => {
  admin = await adminUser();
});

const customer = () => {
  const t = randomUUID().slice(0, 8);
  return upsertCustomer({ externalId: `producer-${t}`, name: `Producer ${t}` });
};
const events = (customerId: string, kind: string) => prisma.notification.findMany({ where: { customerId, kind }, orderBy: { id: "asc" } });

describe("webhook event producers: each cause once", () => {
  it("credits.purchased once when both Stripe events of a paid checkout apply it", async () => {
    const c = await customer();
    const { purchase } = await pendingPurchase(c.id, { priceMinor: 1500n, creditsMinor: 2000n });
    const ref = { customerId: c.id, purchaseId: purchase.id, kind: "checkout" as const, saveCard: false };
    const paid = { ref, paymentIntentId: `pi_${randomUUID()}`, amountMinor: 1500, currency: "usd", card: null };
    await prisma.$transaction((tx) => applyPaidPurchase(tx, paid));
    await prisma.$transaction((tx) => applyPaidPurchase(tx, paid));
    const got = await events(c.id, "credits.purchased");
    expect(got).toHaveLength(1);
    expect(got[0].payload).toMatchObject({ purchaseId: purchase.id, amountMinor: "1500", creditsMinor: "2000", currency: "USD", paymentIntentId: paid.paymentIntentId });
    expect(await events(c.id, "auto_recharge.succeeded")).toHaveLength(0);
  });

  it("auto_recharge.succeeded (not credits.purchased) for a paid auto-recharge", async () => {
    const c = await customer();
    const { purchase } = await pendingPurchase(c.id, { kind: "AUTO_RECHARGE" });
    const paid = { ref: { customerId: c.id, purchaseId: purchase.id, kind: "auto_recharge" as const, saveCard: false }, paymentIntentId: `pi_${randomUUID()}`, amountMinor: 1000, currency: "usd", card: null };
    await prisma.$transaction((tx) => applyPaidPurchase(tx, paid));
    await prisma.$transaction((tx) => applyPaidPurchase(tx, paid));
    expect(await events(c.id, "auto_recharge.succeeded")).toHaveLength(1);
    expect(await events(c.id, "credits.purchased")).toHaveLength(0);
  });

  it("auto_recharge.failed once per failed charge, auto_recharge.disabled once when it turns itself off", async () => {
    const c = await customer();
    const purchases = [];
    for (let i = 0; i < 3; i++) purchases.push((await pendingPurchase(c.id, { kind: "AUTO_RECHARGE" })).purchase);
    await prisma.creditAutoRecharge.create({ data: { customerId: c.id, enabled: true } });
    for (const p of purchases) {
      const ref = { customerId: c.id, purchaseId: p.id, kind: "auto_recharge" as const, saveCard: false };
      // The job and the payment_intent.payment_failed webhook both report a decline.
      await prisma.$transaction((tx) => recordPaymentFailure(tx, ref, { paymentIntentId: null, message: "Your card was declined." }));
      await prisma.$transaction((tx) => recordPaymentFailure(tx, ref, { paymentIntentId: null, message: "Your card was declined." }));
    }
    const failed = await events(c.id, "auto_recharge.failed");
    expect(failed.map((n) => (n.payload as { consecutiveFailures: number }).consecutiveFailures)).toEqual([1, 2, 3]);
    const disabled = await events(c.id, "auto_recharge.disabled");
    expect(disabled).toHaveLength(1);
    expect(disabled[0].payload).toMatchObject({ consecutiveFailures: 3, reason: expect.stringContaining("turned itself off") });
  });

  it("subscription.plan_changed once per change, now or at the period's end", async () => {
    const c = await customer();
    const first = await subscribe(admin, c.id, { baseFeeMinor: 1000 });
    const second = await publishedPlan(admin, { baseFeeMinor: 5000 }, "Bigger plan");
    await changeSubscription(admin, c.id, { planVersionId: second.versionId, timing: "now" });
    let changed = await events(c.id, "subscription.plan_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0].payload).toMatchObject({
      timing: "now",
      from: { planVersionId: first.versionId, planId: first.planId },
      to: { planVersionId: second.versionId, planId: second.planId, planName: "Bigger plan" },
      proration: { chargeMinor: expect.any(String), creditMinor: expect.any(String) },
    });
    await changeSubscription(admin, c.id, { planVersionId: first.versionId, timing: "period_end" });
    changed = await events(c.id, "subscription.plan_changed");
    expect(changed).toHaveLength(2);
    expect(changed[1].payload).toMatchObject({ timing: "period_end", to: { planVersionId: first.versionId } });
    expect(new Date((changed[1].payload as { effectiveAt: string }).effectiveAt).getTime()).toBeGreaterThan(Date.now());
  });
});
