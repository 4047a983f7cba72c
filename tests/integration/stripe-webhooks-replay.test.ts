import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import type { CurrentUser } from "@/lib/auth/current-user";
import { invoicePaymentMetadata } from "@/lib/billing/collection/invoice-payment-ref";
import { prisma } from "@/lib/db/client";
import { WEBHOOK_HANDLERS } from "@/lib/stripe-webhooks";
import { runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { startStripeSandbox, type StripeSandbox } from "@/tools/stripe-sandbox/server";
import { prng } from "@/tools/bench/prng";
import { closeAt, upcoming } from "../support/billing-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { deliver, pendingPurchase, stripeEvent, TEST_WEBHOOK_SECRET } from "../support/stripe-fixtures";
import { adminUser, customerWithKey } from "../support/usage-fixtures";

/**
 * Every event type the webhook handler allow-lists, for each of the objects it acts on (a checkout pack, an
 * auto-recharge, an invoice), shuffled and each delivered 10 times through the real route with real
 * signatures: the balance, ledger, purchases, invoice and payments end exactly as after one delivery of
 * each event in the same order (a twin customer gets that), and as the payment says.
 */
let sandbox: StripeSandbox;
let admin: CurrentUser;
let stripe: Stripe;
beforeAll(async () => {
  // Stripe objects the handlers read back (the card of an invoice's Checkout payment) live in a sandbox that posts no webhooks of its own.
  sandbox = await startStripeSandbox({ port: 0 });
  process.env.STRIPE_SECRET_KEY = "sk_test_sandbox";
  process.env.STRIPE_API_BASE = sandbox.url;
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
  const base = new URL(sandbox.url);
  stripe = new Stripe("sk_test_sandbox", { host: base.hostname, port: Number(base.port), protocol: "http" });
  admin = await adminUser();
});
afterAll(async () => {
  await sandbox?.close();
});

type Scenario = { customerId: string; externalId: string; events: ReturnType<typeof stripeEvent>[] };
const declined = { message: "Your card was declined." };

/** A checkout pack: an earlier declined attempt, the session expiring, then paid (intent and session). */
async function checkoutPack(): Promise<Scenario> {
  const { customer } = await customerWithKey("replay-pack");
  const p = await pendingPurchase(customer.id, { priceMinor: 1500n, creditsMinor: 2000n });
  const pi = `pi_replay_${p.purchase.id.slice(0, 8)}`;
  const session = { id: `cs_replay_${p.purchase.id.slice(0, 8)}`, object: "checkout.session", mode: "payment", status: "complete", payment_status: "paid", amount_total: 1500, currency: "usd", payment_intent: pi, client_reference_id: p.purchase.id, metadata: p.metadata };
  const intent = { id: pi, object: "payment_intent", status: "succeeded", amount: 1500, amount_received: 1500, currency: "usd", payment_method: "pm_card_visa", metadata: p.metadata, last_payment_error: null };
  return {
    customerId: customer.id,
    externalId: customer.externalId,
    events: [
      stripeEvent("payment_intent.payment_failed", { ...intent, id: `${pi}_first`, status: "requires_payment_method", last_payment_error: declined }),
      stripeEvent("checkout.session.expired", { ...session, status: "expired", payment_status: "unpaid", payment_intent: null }),
      stripeEvent("payment_intent.succeeded", intent),
      stripeEvent("checkout.session.completed", session),
    ],
  };
}

/** Auto-recharge: one crossing's charge declined, the next one's paid. */
async function autoRecharge(): Promise<Scenario> {
  const { customer } = await customerWithKey("replay-recharge");
  const first = await pendingPurchase(customer.id, { kind: "AUTO_RECHARGE", priceMinor: 1000n, creditsMinor: 1000n });
  const second = await pendingPurchase(customer.id, { kind: "AUTO_RECHARGE", priceMinor: 1000n, creditsMinor: 1200n });
  await prisma.creditAutoRecharge.create({ data: { customerId: customer.id, enabled: true, thresholdMinor: 500n, packId: first.pack.id, paymentMethodId: "pm_card_visa", cardLabel: "visa •••• 4242" } });
  const intent = (id: string, metadata: Record<string, string>) => ({ id, object: "payment_intent", status: "succeeded", amount: 1000, amount_received: 1000, currency: "usd", payment_method: "pm_card_visa", metadata, last_payment_error: null });
  return {
    customerId: customer.id,
    externalId: customer.externalId,
    events: [
      stripeEvent("payment_intent.payment_failed", { ...intent(`pi_rc_${first.purchase.id.slice(0, 8)}`, first.metadata), status: "requires_payment_method", amount_received: 0, last_payment_error: declined }),
      stripeEvent("payment_intent.succeeded", intent(`pi_rc_${second.purchase.id.slice(0, 8)}`, second.metadata)),
    ],
  };
}

/** An open $25.00 invoice: the first off-session attempt declined, then paid through the portal's Checkout. */
async function invoicePaid(): Promise<Scenario> {
  const { customer } = await customerWithKey("replay-invoice");
  await subscribe(admin, customer.id, { baseFeeMinor: 2500 });
  const { period } = await upcoming(admin, customer.id);
  await closeAt(customer.id, period.end, 25);
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
  expect(invoice.status).toBe("OPEN");
  const meta = (attempt: number) => invoicePaymentMetadata({ customerId: customer.id, invoiceId: invoice.id, attempt }, invoice.number ?? "");
  const paid = await stripe.paymentIntents.create({ amount: 2500, currency: "usd", payment_method: "pm_card_visa", confirm: true, metadata: meta(2) });
  const session = { id: `cs_inv_${invoice.id.slice(0, 8)}`, object: "checkout.session", mode: "payment", status: "complete", payment_status: "paid", amount_total: 2500, currency: "usd", payment_intent: paid.id, metadata: meta(2) };
  const failedIntent = { id: `pi_inv_${invoice.id.slice(0, 8)}_1`, object: "payment_intent", status: "requires_payment_method", amount: 2500, amount_received: 0, currency: "usd", payment_method: "pm_card_chargeDeclined", metadata: meta(1), last_payment_error: declined };
  return {
    customerId: customer.id,
    externalId: customer.externalId,
    events: [
      stripeEvent("payment_intent.payment_failed", failedIntent),
      stripeEvent("payment_intent.succeeded", { ...paid, status: "succeeded", amount_received: 2500, metadata: meta(2) }),
      stripeEvent("checkout.session.completed", session),
    ],
  };
}

/** What the events may change, without the ids and times that differ between two customers. */
async function snapshot(customerId: string) {
  const wallet = await prisma.creditBalance.findUnique({ where: { customerId } });
  const entries = await prisma.creditLedgerEntry.findMany({ where: { customerId }, orderBy: { seq: "asc" } });
  const grants = await prisma.creditGrant.findMany({ where: { customerId }, orderBy: { amountMinor: "asc" } });
  const purchases = await prisma.creditPurchase.findMany({ where: { customerId }, orderBy: { creditsMinor: "asc" } });
  const recharge = await prisma.creditAutoRecharge.findUnique({ where: { customerId } });
  const invoices = await prisma.invoice.findMany({ where: { customerId }, include: { payments: { orderBy: { attempt: "asc" } } } });
  const notifications = await prisma.notification.groupBy({ by: ["kind"], where: { customerId }, _count: true, orderBy: { kind: "asc" } });
  return {
    balance: wallet?.balanceMinor ?? 0n,
    entries: entries.map((e) => [e.seq, e.kind, e.amountMinor, e.balanceAfterMinor]),
    grants: grants.map((g) => [g.kind, g.amountMinor, g.remainingMinor]),
    purchases: purchases.map((p) => [p.kind, p.status, p.creditsMinor, p.failureMessage]),
    recharge: recharge && [recharge.enabled, recharge.consecutiveFailures, recharge.lastFailureMessage],
    invoices: invoices.map((i) => [i.status, i.amountDueMinor, i.amountPaidMinor, i.nextPaymentAttemptAt === null, i.payments.map((p) => [p.attempt, p.kind, p.status, p.amountMinor])]),
    notifications: notifications.map((n) => [n.kind, n._count]),
  };
}

function shuffled<T>(xs: T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The first delivery of each event, in the order the shuffled stream first delivers it. */
const firstDeliveries = <T extends { id: string }>(stream: T[]) => stream.filter((e, i) => stream.findIndex((f) => f.id === e.id) === i);

describe("Stripe webhooks replayed 10 times, out of order", () => {
  it("the scenarios cover every event type the handler acts on", async () => {
    const types = new Set([...(await checkoutPack()).events, ...(await autoRecharge()).events, ...(await invoicePaid()).events].map((e) => e.type));
    expect([...types].sort()).toEqual(Object.keys(WEBHOOK_HANDLERS).sort());
  });

  for (const [name, make, expected] of [
    ["a checkout pack", checkoutPack, { balance: 2000n, purchases: [["CHECKOUT", "PAID", 2000n, null]] }],
    ["auto-recharge", autoRecharge, { balance: 1200n }],
    ["an invoice", invoicePaid, { balance: 0n, invoices: [["PAID", 2500n, 2500n, true, expect.any(Array)]] }],
  ] as const) {
    it(`${name}: ten shuffled deliveries of each event change it as one delivery does`, async () => {
      for (const seed of [1, 2]) {
        const replayed = await make();
        const once = await make();
        const stream = shuffled(replayed.events.flatMap((e) => Array.from({ length: 10 }, () => e)), prng(seed));
        for (const event of stream) expect((await deliver(event)).status).toBe(200);
        for (const event of firstDeliveries(stream)) expect((await deliver(asTwinEvent(event, replayed, once))).status).toBe(200);
        const after = await snapshot(replayed.customerId);
        expect(after).toEqual(await snapshot(once.customerId));
        expect(after).toMatchObject(expected);
        expect(await prisma.stripeEvent.count({ where: { id: { in: replayed.events.map((e) => e.id) } } })).toBeLessThanOrEqual(replayed.events.length);
        expect(await runLedgerCheck(process.env.DATABASE_URL!, [replayed.externalId, once.externalId])).toEqual([]);
      }
    }, 120_000);
  }
});

/** One of `from`'s events as the same event of `to` (its twin): `to` was made by the same scenario, so its events line up. */
function asTwinEvent(event: Scenario["events"][number], from: Scenario, to: Scenario) {
  const i = from.events.findIndex((e) => e.id === event.id);
  return to.events[i];
}
