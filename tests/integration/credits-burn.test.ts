import { beforeAll, describe, expect, it } from "vitest";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "@/lib/rating/price-model";
import { createTestApiKey, upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { balanceOf, creditPlan, grant, soon } from "../support/credit-fixtures";
import { adminUser, customerWithKey, tag } from "../support/usage-fixtures";

let admin: CurrentUser;
const touched: string[] = [];
const cent: PriceModel = { kind: "per_unit", unitPrice: "0.01" };

beforeAll(async () => {
  admin = await adminUser();
});

/** A customer on a plan charging `model` per token of a fresh meter, with an API key. */
async function setup(paymentTerms: "PREPAID" | "POSTPAID", model: PriceModel = cent) {
  const t = tag();
  const meter = await upsertMeter({ key: `burn_${t}`, eventType: `burn_${t}`, aggregation: "SUM", valueProperty: "tokens" });
  const { customer, key } = await customerWithKey("burn");
  touched.push(customer.externalId);
  await creditPlan(admin, customer.id, { meterId: meter.id, model, paymentTerms });
  let n = 0;
  const post = (tokens: number[], opts: { customer?: string; single?: boolean } = {}) => {
    const events = tokens.map((tk) => ({ id: `e${n++}-${t}`, customer: opts.customer ?? customer.externalId, type: meter.eventType, timestamp: soon().toISOString(), properties: { tokens: tk } }));
    return callRoute(eventsRoute, { key: key.secret, body: opts.single ? events[0] : { events } });
  };
  return { meter, customer, key, post, t };
}

const entries = (customerId: string, kind: "BURN" | "GRANT" | "ADJUSTMENT") => prisma.creditLedgerEntry.findMany({ where: { customerId, kind }, orderBy: { seq: "asc" } });
const storedEvents = (customerId: string) => prisma.usageEvent.count({ where: { customerId } });

describe("usage burns credits in the ingest transaction", () => {
  it("prepaid: burns what the usage costs; refuses with 402 (balance and what was needed) when it cannot, storing nothing", async () => {
    const s = await setup("PREPAID");
    await grant(s.customer.id, 100n);
    expect((await s.post([30, 20])).status).toBe(202);
    expect(await balanceOf(s.customer.id)).toBe(50n);
    const refused = await s.post([40, 11]);
    expect(refused.status).toBe(402);
    expect(refused.json.error).toMatchObject({ code: "PAYMENT_REQUIRED", credits: [{ customer: s.customer.externalId, balance: { amountMinor: 50, formatted: "$0.50" }, needed: { amountMinor: 51, formatted: "$0.51" } }] });
    expect(refused.json.error.message).toContain("the balance is $0.50 and this usage needs $0.51");
    expect(refused.json).toMatchObject({ accepted: 0, refused: 2 });
    expect(refused.json.events.map((e: { status: string }) => e.status)).toEqual(["refused", "refused"]);
    expect(await storedEvents(s.customer.id)).toBe(2);
    expect(await balanceOf(s.customer.id)).toBe(50n);
    const single = await s.post([51], { single: true });
    expect([single.status, single.json.event.status, single.json.error.credits[0].needed.amountMinor]).toEqual([402, "refused", 51]);
    expect((await s.post([50])).status).toBe(202);
    expect(await balanceOf(s.customer.id)).toBe(0n);
    const burns = await entries(s.customer.id, "BURN");
    expect(burns.map((b) => [b.amountMinor, b.ratedMinor, b.eventCount])).toEqual([[-50n, 50n, 2], [-50n, 50n, 1]]);
  });

  it("prepaid without any credits refuses everything; a refused event can be sent again once credits arrive", async () => {
    const s = await setup("PREPAID");
    const first = await s.post([5], { single: true });
    expect(first.status).toBe(402);
    expect(first.json.error.credits[0].balance.amountMinor).toBe(0);
    await grant(s.customer.id, 5n);
    const again = await callRoute(eventsRoute, { key: s.key.secret, body: { id: first.json.event.id, customer: s.customer.externalId, type: s.meter.eventType, timestamp: soon().toISOString(), properties: { tokens: 5 } } });
    expect([again.status, again.json.status]).toEqual([202, "accepted"]);
    expect(await balanceOf(s.customer.id)).toBe(0n);
  });

  it("in a batch for two customers, only the short prepaid customer's events are refused", async () => {
    const short = await setup("PREPAID");
    const other = await customerWithKey("burn-other");
    touched.push(other.customer.externalId);
    const anyCustomer = await createTestApiKey();
    const res = await callRoute(eventsRoute, {
      key: anyCustomer.secret,
      body: {
        events: [
          { id: `x-${short.t}`, customer: short.customer.externalId, type: short.meter.eventType, timestamp: soon().toISOString(), properties: { tokens: 3 } },
          { id: `y-${short.t}`, customer: other.customer.externalId, type: short.meter.eventType, timestamp: soon().toISOString(), properties: { tokens: 3 } },
        ],
      },
    });
    expect(res.status).toBe(402);
    expect(res.json).toMatchObject({ accepted: 1, refused: 1 });
    expect(res.json.events.map((e: { status: string }) => e.status)).toEqual(["refused", "accepted"]);
    expect(await storedEvents(other.customer.id)).toBe(1);
    expect(await storedEvents(short.customer.id)).toBe(0);
  });

  it("postpaid: burns what credits there are and leaves the rest to the invoice; one burn per customer per write", async () => {
    const s = await setup("POSTPAID");
    await grant(s.customer.id, 30n);
    const res = await s.post([10, 10, 10, 10, 10]);
    expect([res.status, res.json.accepted]).toEqual([202, 5]);
    const [burn] = await entries(s.customer.id, "BURN");
    expect([burn.amountMinor, burn.ratedMinor, burn.eventCount, burn.firstEventId, burn.lastEventId]).toEqual([-30n, 50n, 5, `e0-${s.t}`, `e4-${s.t}`]);
    const period = await prisma.usageCreditPeriod.findFirstOrThrow({ where: { customerId: s.customer.id } });
    expect([period.ratedMinor, period.creditedMinor]).toEqual([50n, 30n]);
    expect((await s.post([7])).status).toBe(202);
    expect(await entries(s.customer.id, "BURN")).toHaveLength(1);
  });

  it("customers without a subscription burn nothing", async () => {
    const { customer, key } = await customerWithKey("burn-nosub");
    touched.push(customer.externalId);
    const meter = await upsertMeter({ key: `nosub_${tag()}`, eventType: `nosub_${tag()}`, aggregation: "SUM", valueProperty: "tokens" });
    await grant(customer.id, 100n);
    const res = await callRoute(eventsRoute, { key: key.secret, body: { id: "n1", customer: customer.externalId, type: meter.eventType, properties: { tokens: 50 } } });
    expect(res.status).toBe(202);
    expect(await balanceOf(customer.id)).toBe(100n);
    expect(await prisma.usageCreditPeriod.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("sub-cent charges are carried: many small writes burn exactly round(total)", async () => {
    const s = await setup("PREPAID", { kind: "per_unit", unitPrice: "0.003" });
    await grant(s.customer.id, 1000n);
    for (let i = 0; i < 7; i++) expect((await s.post([1])).status).toBe(202);
    const burned = 1000n - (await balanceOf(s.customer.id));
    const charge = await prisma.periodMeterCharge.findFirstOrThrow({ where: { customerId: s.customer.id } });
    expect(charge.amount.toString()).toBe("0.021");
    expect(burned).toBe(toMinorUnits(charge.amount.toString(), "USD"));
    expect(burned).toBe(2n);
  });

  it("a volume price that drops gives the credits back; voiding usage gives its credits back", async () => {
    const volume: PriceModel = { kind: "volume", tiers: [{ upTo: "100", unitPrice: "0.01" }, { upTo: null, unitPrice: "0.005" }] };
    const s = await setup("PREPAID", volume);
    await grant(s.customer.id, 500n);
    await s.post([100]);
    expect(await balanceOf(s.customer.id)).toBe(400n);
    await s.post([20]);
    expect(await balanceOf(s.customer.id)).toBe(440n);
    const [refund] = await entries(s.customer.id, "GRANT").then((g) => g.slice(1));
    expect([refund.amountMinor, refund.description]).toEqual([40n, "Usage repriced: credits returned"]);
    const { voidEvents } = await import("@/lib/metering/voids/void-events");
    // Voiding the 20 leaves 100 tokens, back in the dearer tier: $1.00, so the correction burns $0.40 more.
    await voidEvents(admin, { customer: s.customer.externalId, eventId: `e1-${s.t}`, reason: "test traffic" });
    expect(await balanceOf(s.customer.id)).toBe(400n);
    const period = await prisma.usageCreditPeriod.findFirstOrThrow({ where: { customerId: s.customer.id } });
    expect([period.ratedMinor, period.creditedMinor]).toEqual([100n, 100n]);
    // Voiding the rest gives every credit back.
    await voidEvents(admin, { customer: s.customer.externalId, eventId: `e0-${s.t}`, reason: "test traffic" });
    expect(await balanceOf(s.customer.id)).toBe(500n);
  });

  it("expired credits do not pay for usage", async () => {
    const s = await setup("PREPAID");
    await grant(s.customer.id, 100n, { expiresAt: new Date(Date.now() + 200) });
    await new Promise((r) => setTimeout(r, 300));
    const res = await s.post([10]);
    expect(res.status).toBe(402);
    expect(res.json.error.credits[0].balance.amountMinor).toBe(0);
  });

  it("ledger:check passes for every customer these tests burned", async () => {
    expect(await runLedgerCheck(process.env.DATABASE_URL!, touched)).toEqual([]);
  });
});
