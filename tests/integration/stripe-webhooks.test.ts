import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { balanceOf } from "../support/credit-fixtures";
import { deliver, pendingPurchase, stripeEvent, TEST_WEBHOOK_SECRET } from "../support/stripe-fixtures";
import { customerWithKey } from "../support/usage-fixtures";

beforeAll(() => {
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
});

async function paidPurchase() {
  const { customer } = await customerWithKey("webhooks");
  const p = await pendingPurchase(customer.id, { priceMinor: 1500n, creditsMinor: 2000n });
  const pi = `pi_test_${p.purchase.id.slice(0, 8)}`;
  const session = { id: `cs_test_${p.purchase.id.slice(0, 8)}`, object: "checkout.session", mode: "payment", status: "complete", payment_status: "paid", amount_total: 1500, currency: "usd", payment_intent: pi, client_reference_id: p.purchase.id, metadata: p.metadata };
  const intent = { id: pi, object: "payment_intent", status: "succeeded", amount: 1500, amount_received: 1500, currency: "usd", payment_method: "pm_card_visa", metadata: p.metadata, last_payment_error: null };
  return { customer, ...p, pi, session, intent };
}

const grantsFor = (customerId: string) => prisma.creditGrant.findMany({ where: { customerId } });

describe("Stripe webhook route", () => {
  it("answers 400 to a bad or missing signature and changes nothing", async () => {
    const t = await paidPurchase();
    const event = stripeEvent("checkout.session.completed", t.session);
    expect((await deliver(event, { secret: "whsec_someone_else_entirely" })).status).toBe(400);
    expect((await deliver(event, { signature: "" })).status).toBe(400);
    expect((await deliver(event, { signature: "t=1,v1=deadbeef" })).status).toBe(400);
    expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(0);
    expect(await grantsFor(t.customer.id)).toEqual([]);
    expect((await prisma.creditPurchase.findFirstOrThrow({ where: { id: t.purchase.id } })).status).toBe("PENDING");
  });

  it("answers 200 to events it does not handle, and records nothing", async () => {
    const event = stripeEvent("customer.created", { id: "cus_ignored", object: "customer" });
    const res = await deliver(event);
    expect([res.status, res.json.outcome]).toEqual([200, "ignored"]);
    expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(0);
  });

  it("credits a completed checkout once; a replayed event changes nothing", async () => {
    const t = await paidPurchase();
    const event = stripeEvent("checkout.session.completed", t.session);
    expect((await deliver(event)).json.outcome).toBe("credited");
    expect((await deliver(event)).json.outcome).toBe("duplicate");
    expect(await balanceOf(t.customer.id)).toBe(2000n);
    const purchase = await prisma.creditPurchase.findFirstOrThrow({ where: { id: t.purchase.id } });
    expect([purchase.status, purchase.paymentIntentId]).toEqual(["PAID", t.pi]);
  });

  it("credits once when payment_intent.succeeded arrives before checkout.session.completed", async () => {
    const t = await paidPurchase();
    expect((await deliver(stripeEvent("payment_intent.succeeded", t.intent))).json.outcome).toBe("credited");
    expect((await deliver(stripeEvent("checkout.session.completed", t.session))).json.outcome).toBe("already_credited");
    const grants = await grantsFor(t.customer.id);
    expect(grants.map((g) => [g.kind, g.amountMinor, g.paymentIntentId])).toEqual([["PURCHASE", 2000n, t.pi]]);
  });

  it("applies concurrent duplicate deliveries once", async () => {
    const t = await paidPurchase();
    const event = stripeEvent("payment_intent.succeeded", t.intent);
    const results = await Promise.all(Array.from({ length: 6 }, () => deliver(event)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.json.outcome === "credited")).toHaveLength(1);
    expect(await balanceOf(t.customer.id)).toBe(2000n);
  });

  it("never credits the same payment twice, even through two different events of the same kind", async () => {
    const t = await paidPurchase();
    await deliver(stripeEvent("payment_intent.succeeded", t.intent));
    await deliver(stripeEvent("payment_intent.succeeded", t.intent));
    await deliver(stripeEvent("checkout.session.completed", t.session));
    expect(await balanceOf(t.customer.id)).toBe(2000n);
    expect(await prisma.creditGrant.count({ where: { paymentIntentId: t.pi } })).toBe(1);
  });

  it("ignores a failure that arrives after the success (out of order), and keeps a checkout decline's message", async () => {
    const t = await paidPurchase();
    const declined = { ...t.intent, id: `${t.pi}_first`, status: "requires_payment_method", last_payment_error: { message: "Your card was declined." } };
    expect((await deliver(stripeEvent("payment_intent.payment_failed", declined))).json.outcome).toBe("checkout_declined");
    expect((await prisma.creditPurchase.findFirstOrThrow({ where: { id: t.purchase.id } })).failureMessage).toBe("Your card was declined.");
    await deliver(stripeEvent("payment_intent.succeeded", t.intent));
    expect((await deliver(stripeEvent("payment_intent.payment_failed", declined))).json.outcome).toBe("ignored");
    const purchase = await prisma.creditPurchase.findFirstOrThrow({ where: { id: t.purchase.id } });
    expect([purchase.status, purchase.failureMessage]).toEqual(["PAID", null]);
    expect(await balanceOf(t.customer.id)).toBe(2000n);
  });

  it("does not credit a payment whose amount differs from the purchase", async () => {
    const t = await paidPurchase();
    const res = await deliver(stripeEvent("payment_intent.succeeded", { ...t.intent, amount: 1, amount_received: 1 }));
    expect(res.json.outcome).toBe("amount_mismatch");
    expect(await balanceOf(t.customer.id)).toBe(0n);
  });

  it("expires a pending purchase when its session expires, yet still credits a payment that lands later", async () => {
    const t = await paidPurchase();
    expect((await deliver(stripeEvent("checkout.session.expired", { ...t.session, status: "expired", payment_status: "unpaid" }))).json.outcome).toBe("expired");
    expect((await prisma.creditPurchase.findFirstOrThrow({ where: { id: t.purchase.id } })).status).toBe("EXPIRED");
    expect((await deliver(stripeEvent("payment_intent.succeeded", t.intent))).json.outcome).toBe("credited");
    expect(await balanceOf(t.customer.id)).toBe(2000n);
  });
});
