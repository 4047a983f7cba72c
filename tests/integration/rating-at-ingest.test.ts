import { randomUUID } from "node:crypto";
import { POST as postEvents } from "@/app/api/v1/events/route";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { upsertMeter } from "@/lib/seed/factories";
import { changeSubscription } from "@/lib/subscriptions/change-subscription";
import { recomputePeriodCharges } from "@/lib/period-charges/recompute-period-charges";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { callRoute } from "../support/call-route";
import { publishedPlan, subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey, send, tag } from "../support/usage-fixtures";

const graduated: PriceModel = { kind: "graduated", includedUnits: "1000", tiers: [{ upTo: "5000", unitPrice: "0.0013", flatFee: "0.25" }, { upTo: "20000", unitPrice: "0.0007" }, { upTo: null, unitPrice: "0.00031", flatFee: "1" }] };
const volume: PriceModel = { kind: "volume", tiers: [{ upTo: "10", unitPrice: "0.05" }, { upTo: "40", unitPrice: "0.03", flatFee: "0.1" }, { upTo: null, unitPrice: "0.011" }] };

/** A tokens meter (SUM) and a requests meter (COUNT) on one event type, plus an unpriced images meter (SUM). */
async function meters() {
  const t = tag();
  const type = `llm_${t}`;
  const tokens = await upsertMeter({ key: `tokens_${t}`, eventType: type, aggregation: "SUM", valueProperty: "tokens" });
  const requests = await upsertMeter({ key: `requests_${t}`, eventType: type, aggregation: "COUNT", valueProperty: null });
  const images = await upsertMeter({ key: `images_${t}`, eventType: type, aggregation: "SUM", valueProperty: "images" });
  return { type, tokens, requests, images };
}

const charges = (customerId: string) => prisma.periodMeterCharge.findMany({ where: { customerId }, orderBy: [{ periodStart: "asc" }, { meterId: "asc" }] });
const price = (model: PriceModel, q: string | number) => priceQuantity(model, q).amount.toString();

describe("rating at ingest", () => {
  let admin: CurrentUser;
  beforeAll(async () => {
    admin = await adminUser();
  });

  it("keeps each period's running charge equal to the one-shot price, whatever the batching and concurrency", async () => {
    const m = await meters();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 12 }),
        async (tokens, sizes) => {
          const { customer, key } = await customerWithKey("rated");
          await subscribe(admin, customer.id, { prices: [{ meterId: m.tokens.id, model: graduated }, { meterId: m.requests.id, model: volume }] });
          const at = new Date(Date.now() + 1000);
          const events = tokens.map((n) => ({ at, props: { tokens: n, images: 1 } }));
          const batches: (typeof events)[] = [];
          for (let i = 0, b = 0; i < events.length; b++) {
            const size = sizes[b % sizes.length];
            batches.push(events.slice(i, i + size));
            i += size;
          }
          await Promise.all(batches.map((b) => send(key.secret, customer.externalId, m.type, b)));
          const total = tokens.reduce((a, b) => a + b, 0);
          const rows = await charges(customer.id);
          const byMeter = new Map(rows.map((r) => [r.meterId, r]));
          expect(rows).toHaveLength(2); // images has no price: nothing is rated for it
          expect(byMeter.get(m.tokens.id)!.quantity.toString()).toBe(String(total));
          expect(new MoneyDecimal(byMeter.get(m.tokens.id)!.amount.toString()).toString()).toBe(price(graduated, total));
          expect(byMeter.get(m.requests.id)!.quantity.toString()).toBe(String(tokens.length));
          expect(new MoneyDecimal(byMeter.get(m.requests.id)!.amount.toString()).toString()).toBe(price(volume, tokens.length));
        },
      ),
      { numRuns: 12 },
    );
  });

  it("costs nothing and writes nothing for a customer without a subscription, and never rates a duplicate twice", async () => {
    const m = await meters();
    const { customer, key } = await customerWithKey();
    await send(key.secret, customer.externalId, m.type, [{ at: new Date(), props: { tokens: 500, images: 1 } }]);
    expect(await charges(customer.id)).toEqual([]);

    await subscribe(admin, customer.id, { prices: [{ meterId: m.tokens.id, model: { kind: "per_unit", unitPrice: "0.01" } }] });
    const id = `dup-${randomUUID()}`;
    const at = new Date(Date.now() + 1000);
    await send(key.secret, customer.externalId, m.type, [{ id, at, props: { tokens: 100, images: 1 } }, { at, props: { tokens: 1, images: 1 } }]);
    const dup = await callRoute(postEvents, { key: key.secret, body: { id, customer: customer.externalId, type: m.type, timestamp: at.toISOString(), properties: { tokens: 100, images: 1 } } });
    expect(dup.json.status).toBe("duplicate");
    const [row] = await charges(customer.id);
    expect([row.quantity.toString(), row.amount.toString()]).toEqual(["101", "1.01"]);
  });

  it("rates each event under the subscription in force at its timestamp, in its billing period, and trial usage is free", async () => {
    const m = await meters();
    const { customer, key } = await customerWithKey();
    const model: PriceModel = { kind: "per_unit", unitPrice: "0.5" };
    const { versionId } = await publishedPlan(admin, { prices: [{ meterId: m.tokens.id, model }] });
    const DAY = 86_400_000;
    const now = Date.now();
    // Started 40 days ago with a 5-day trial: periods are anchored at the trial's end (35 days ago).
    const startedAt = new Date(now - 40 * DAY);
    const anchorAt = new Date(now - 35 * DAY + 3_600_000);
    const sub = await prisma.subscription.create({ data: { customerId: customer.id, planVersionId: versionId, status: "ACTIVE", startedAt, anchorAt, trialEndsAt: anchorAt } });
    const inTrial = new Date(anchorAt.getTime() - 60_000);
    const firstPeriod = new Date(anchorAt.getTime() + DAY);
    const current = new Date(now - DAY);
    await send(key.secret, customer.externalId, m.type, [
      { at: inTrial, props: { tokens: 1000, images: 1 } },
      { at: firstPeriod, props: { tokens: 10, images: 1 } },
      { at: current, props: { tokens: 4, images: 1 } },
    ]);
    const rows = await charges(customer.id);
    const p0 = billingPeriodAt(anchorAt, "MONTH", firstPeriod);
    const p1 = billingPeriodAt(anchorAt, "MONTH", current);
    expect(p0.start).not.toEqual(p1.start);
    expect(rows.map((r) => [r.subscriptionId, r.periodStart.toISOString(), r.periodEnd.toISOString(), r.quantity.toString(), r.amount.toString()])).toEqual([
      [sub.id, p0.start.toISOString(), p0.end.toISOString(), "10", "5"],
      [sub.id, p1.start.toISOString(), p1.end.toISOString(), "4", "2"],
    ]);
  });

  it("after an upgrade, usage before the change stays on the old subscription and later usage is rated on the new one", async () => {
    const m = await meters();
    const { customer, key } = await customerWithKey();
    const cheap: PriceModel = { kind: "per_unit", unitPrice: "0.001" };
    const dear: PriceModel = { kind: "per_unit", unitPrice: "0.002", includedUnits: "100" };
    const { subscriptionId: oldId } = await subscribe(admin, customer.id, { prices: [{ meterId: m.tokens.id, model: cheap }] });
    await send(key.secret, customer.externalId, m.type, [{ at: new Date(Date.now() + 500), props: { tokens: 1000, images: 1 } }]);
    await new Promise((r) => setTimeout(r, 1000));
    const next = await publishedPlan(admin, { prices: [{ meterId: m.tokens.id, model: dear }] });
    const change = await changeSubscription(admin, customer.id, { planVersionId: next.versionId, timing: "now" });
    const before = new Date(change.startsAt.getTime() - 200);
    await send(key.secret, customer.externalId, m.type, [
      { at: before, props: { tokens: 50, images: 1 } },
      { at: new Date(Date.now() + 1000), props: { tokens: 600, images: 1 } },
    ]);
    const rows = await charges(customer.id);
    const bySub = Object.fromEntries(rows.map((r) => [r.subscriptionId, [r.quantity.toString(), r.amount.toString()]]));
    expect(bySub).toEqual({ [oldId]: ["1050", "1.05"], [change.subscriptionId]: ["600", "1"] });
  });

  it("a backdated event from before the first subscription is not rated", async () => {
    const m = await meters();
    const { customer, key } = await customerWithKey();
    await subscribe(admin, customer.id, { prices: [{ meterId: m.tokens.id, model: { kind: "per_unit", unitPrice: "1" } }] });
    await send(key.secret, customer.externalId, m.type, [{ at: new Date(Date.now() - 3_600_000), props: { tokens: 7, images: 1 } }]);
    expect(await charges(customer.id)).toEqual([]);
    const sum = (await prisma.usageRollup.aggregate({ where: { customerId: customer.id, meterId: m.tokens.id }, _sum: { sum: true } }))._sum.sum;
    expect(sum?.toString()).toBe("7"); // still metered
  });

  it("recomputing a period from its stored events gives what ingest kept, and follows voids", async () => {
    const t = tag();
    const type = `mixed_${t}`;
    const tokens = await upsertMeter({ key: `tok_${t}`, eventType: type, aggregation: "SUM", valueProperty: "n" });
    const peak = await upsertMeter({ key: `peak_${t}`, eventType: type, aggregation: "MAX", valueProperty: "n" });
    const users = await upsertMeter({ key: `users_${t}`, eventType: type, aggregation: "UNIQUE_COUNT", valueProperty: "user" });
    const { customer, key } = await customerWithKey();
    await subscribe(admin, customer.id, { prices: [{ meterId: tokens.id, model: volume }, { meterId: peak.id, model: graduated }, { meterId: users.id, model: { kind: "per_unit", unitPrice: "1.5" } }] });
    const at = new Date(Date.now() + 1000);
    const sent = [
      { id: `a-${t}`, n: 30, user: "u1" },
      { id: `b-${t}`, n: 15, user: "u2" },
      { id: `c-${t}`, n: 2, user: "u1" },
    ];
    for (const e of sent) await send(key.secret, customer.externalId, type, [{ id: e.id, at, props: { n: e.n, user: e.user } }]);
    const state = async () => (await charges(customer.id)).map((r) => [r.meterId, r.quantity.toString(), new MoneyDecimal(r.amount.toString()).toString()]);
    const kept = await state();
    expect(kept).toContainEqual([tokens.id, "47", price(volume, 47)]);
    expect(kept).toContainEqual([peak.id, "30", price(graduated, 30)]);
    expect(kept).toContainEqual([users.id, "2", "3"]);
    await prisma.$transaction((tx) => recomputePeriodCharges(tx, customer.id, type, [at]));
    expect(await state()).toEqual(kept);

    await prisma.usageEvent.update({ where: { customerId_idempotencyKey: { customerId: customer.id, idempotencyKey: `b-${t}` } }, data: { voidedAt: new Date() } });
    await prisma.$transaction((tx) => recomputePeriodCharges(tx, customer.id, type, [at]));
    const after = await state();
    expect(after).toContainEqual([tokens.id, "32", price(volume, 32)]);
    expect(after).toContainEqual([users.id, "1", "1.5"]);
  });
});
