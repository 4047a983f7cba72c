import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { configureAutoRecharge } from "@/lib/auto-recharge/configure-auto-recharge";
import { chargeAutoRecharge } from "@/lib/auto-recharge/charge-auto-recharge";
import { createCreditPack } from "@/lib/credit-packs/create-credit-pack";
import { prisma } from "@/lib/db/client";
import { runDueJobs } from "@/lib/background/run-due-jobs";
import { getCreditSummary } from "@/lib/ledger/get-credit-summary";
import { runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { ensureStripeCustomer } from "@/lib/payments/ensure-stripe-customer";
import { startCreditPurchase } from "@/lib/payments/start-credit-purchase";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { balanceOf, creditPlan, grant, outcome, soon } from "../support/credit-fixtures";
import { payOnHostedPage, startPaymentsHarness, type PaymentsHarness } from "../support/sandbox-harness";
import { adminUser, customerWithKey, memberOf, tag } from "../support/usage-fixtures";

let h: PaymentsHarness;
let admin: CurrentUser;
beforeAll(async () => {
  h = await startPaymentsHarness();
  admin = await adminUser();
});
afterAll(async () => {
  await h?.close();
});

/** A postpaid customer paying 1 cent a token, a $10 pack, and a way to send usage. */
async function setup() {
  const t = tag();
  const meter = await upsertMeter({ key: `ar_${t}`, eventType: `ar_${t}`, aggregation: "SUM", valueProperty: "tokens" });
  const { customer, key } = await customerWithKey("recharge");
  await creditPlan(admin, customer.id, { meterId: meter.id, model: { kind: "per_unit", unitPrice: "0.01" }, paymentTerms: "PREPAID" });
  const pack = await createCreditPack(admin, { name: `Recharge ${t}`, currency: "USD", priceMinor: 1000, creditsMinor: 1000 });
  let n = 0;
  const use = async (tokens: number) => {
    const res = await callRoute(eventsRoute, { key: key.secret, body: { id: `u${n++}-${t}`, customer: customer.externalId, type: meter.eventType, timestamp: soon().toISOString(), properties: { tokens } } });
    expect(res.status).toBe(202);
  };
  return { customer, member: await memberOf(customer.id), pack, use };
}

const purchases = (customerId: string) => prisma.creditPurchase.findMany({ where: { customerId, kind: "AUTO_RECHARGE" }, orderBy: { createdAt: "asc" } });

describe("auto-recharge", () => {
  it("saves the card at checkout, then charges once per crossing under the threshold; credits land on payment_intent.succeeded", async () => {
    const s = await setup();
    expect(await configureAutoRecharge(s.member, s.customer.id, { enabled: true, threshold: "5.00", packId: s.pack.id })).toEqual({ enabled: true, needsCard: true });
    const started = await startCreditPurchase(s.member, s.customer.id, { packId: s.pack.id, saveCard: true });
    expect((await payOnHostedPage(started.checkoutUrl, "4242424242424242")).status).toBe(303);
    await h.sandbox.webhooksIdle();
    expect(await balanceOf(s.customer.id)).toBe(1000n);
    expect((await getCreditSummary(s.member, s.customer.id)).autoRecharge).toMatchObject({ enabled: true, card: "visa •••• 4242" });

    await s.use(600); // 1000 -> 400: under $5.00, one crossing
    await s.use(100); // 400 -> 300: still under, no new crossing
    const pending = await purchases(s.customer.id);
    expect(pending.map((p) => [p.status, p.crossingSeq])).toEqual([["PENDING", 1]]);
    expect(await prisma.job.count({ where: { key: `recharge:${s.customer.id}:1` } })).toBe(1);

    expect(await runDueJobs()).toBeGreaterThanOrEqual(1);
    await chargeAutoRecharge({ customerId: s.customer.id, purchaseId: pending[0].id }); // a retried job: same idempotency key
    await h.sandbox.webhooksIdle();
    expect(await balanceOf(s.customer.id)).toBe(1300n);
    const [paid] = await purchases(s.customer.id);
    expect(paid.status).toBe("PAID");
    const charges = h.sandbox.events().filter((e) => e.type === "payment_intent.created" && (e.data.object as { metadata?: Record<string, string> }).metadata?.meterly_purchase_id === paid.id);
    expect(charges).toHaveLength(1);
    expect(await prisma.creditGrant.count({ where: { customerId: s.customer.id, kind: "AUTO_RECHARGE" } })).toBe(1);

    await s.use(900); // 1300 -> 400: re-armed by the recharge, a second crossing
    expect((await purchases(s.customer.id)).map((p) => p.crossingSeq)).toEqual([1, 2]);
    expect(await runLedgerCheck(process.env.DATABASE_URL!, [s.customer.externalId])).toEqual([]);
  });

  it("a declined off-session charge is shown and queued for notification; after 3 in a row it turns itself off", async () => {
    const s = await setup();
    const stripeCustomer = await ensureStripeCustomer(s.customer.id);
    const stripe = new Stripe("sk_test_sandbox", { host: "127.0.0.1", port: h.sandbox.port, protocol: "http" });
    const pm = await stripe.paymentMethods.create({ type: "card", card: { number: "4000000000000341", exp_month: 12, exp_year: 2034, cvc: "123" } });
    await stripe.paymentMethods.attach(pm.id, { customer: stripeCustomer });
    await configureAutoRecharge(s.member, s.customer.id, { enabled: true, threshold: "5.00", packId: s.pack.id });
    await prisma.creditAutoRecharge.update({ where: { customerId: s.customer.id }, data: { paymentMethodId: pm.id, cardLabel: "visa •••• 0341" } });
    await grant(s.customer.id, 1000n, { kind: "PURCHASE" });
    for (const tokens of [600, 10, 10]) {
      await s.use(tokens);
      await runDueJobs();
      await h.sandbox.webhooksIdle();
    }
    expect((await purchases(s.customer.id)).map((p) => p.status)).toEqual(["FAILED", "FAILED", "FAILED"]);
    const summary = await getCreditSummary(s.member, s.customer.id);
    expect(summary.autoRecharge).toMatchObject({ enabled: false, consecutiveFailures: 3 });
    expect(summary.autoRecharge?.disabledReason).toMatch(/turned itself off after 3 failed payments in a row/);
    const notes = await prisma.notification.findMany({ where: { customerId: s.customer.id }, orderBy: { id: "asc" } });
    // Each failure: the email notice and the auto_recharge.failed webhook event; the third also turns it off.
    expect(notes.map((n) => n.kind)).toEqual([
      ...["customer.payment_failed", "auto_recharge.failed"],
      ...["customer.payment_failed", "auto_recharge.failed"],
      ...["customer.payment_failed", "customer.auto_recharge_disabled", "auto_recharge.failed", "auto_recharge.disabled"],
    ]);
    await s.use(10);
    expect(await purchases(s.customer.id)).toHaveLength(3);
    expect(await balanceOf(s.customer.id)).toBe(1000n - 630n);
  });

  it("only the customer's own members set auto-recharge, with a pack for sale to them", async () => {
    const s = await setup();
    const stranger = await memberOf((await customerWithKey("recharge-other")).customer.id);
    expect(await outcome(() => configureAutoRecharge(stranger, s.customer.id, { enabled: false }))).toBe(404);
    expect(await outcome(() => configureAutoRecharge(s.member, s.customer.id, { enabled: true, threshold: "x", packId: s.pack.id }))).toBe(422);
    expect(await outcome(() => configureAutoRecharge(s.member, s.customer.id, { enabled: true, threshold: "1", packId: "00000000-0000-4000-8000-000000000000" }))).toBe(422);
    expect(await configureAutoRecharge(s.member, s.customer.id, { enabled: false })).toEqual({ enabled: false, needsCard: false });
  });
});
