import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as summaryRoute } from "@/app/api/v1/customers/[externalId]/usage-summary/route";
import { GET as portalSummaryRoute } from "@/app/api/portal/usage-summary/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors/app-error";
import type { PriceModel } from "@/lib/rating/price-model";
import { loadUsageSummary } from "@/lib/period-charges/load-usage-summary";
import { createTestApiKey, upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { subscribe } from "../support/plan-fixtures";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, memberOf, send, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Route = Parameters<typeof callRoute>[0];
const summary = (externalId: string, key: string) => callRoute(summaryRoute as unknown as Route, { key, params: { externalId } });

const graduated: PriceModel = { kind: "graduated", includedUnits: "1000", tiers: [{ upTo: "10000", unitPrice: "0.001" }, { upTo: null, unitPrice: "0.0005" }] };

describe("usage summary: the Plan page's figures", () => {
  let admin: CurrentUser;
  let acme: Awaited<ReturnType<typeof customerWithKey>>;
  let rival: Awaited<ReturnType<typeof customerWithKey>>;
  let type: string;
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    type = `llm_${t}`;
    const tokens = await upsertMeter({ key: `tokens_${t}`, name: "LLM tokens", eventType: type, aggregation: "SUM", valueProperty: "tokens", unit: "tokens" });
    acme = await customerWithKey("acme");
    rival = await customerWithKey("rival");
    await subscribe(admin, acme.customer.id, { baseFeeMinor: 4900, minimumSpendMinor: 10000, prices: [{ meterId: tokens.id, model: graduated }] });
    await subscribe(admin, rival.customer.id, { prices: [{ meterId: tokens.id, model: { kind: "per_unit", unitPrice: "9" } }] });
    const at = new Date(Date.now() + 1000);
    await send(acme.key.secret, acme.customer.externalId, type, [{ at, props: { tokens: 7000 } }, { at, props: { tokens: 5000 } }]);
    await send(rival.key.secret, rival.customer.externalId, type, [{ at, props: { tokens: 3 } }]);
  });
  beforeEach(() => signInAs(null));

  it("answers the plan, each meter's running charge (minor units, rounded once) and the total", async () => {
    const res = await summary(acme.customer.externalId, acme.key.secret);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const s = res.json;
    expect(s.subscription).toMatchObject({ state: "active", plan: { name: "Test plan" }, version: 1, interval: "MONTH", paymentTerms: "POSTPAID" });
    expect(s.meters).toHaveLength(1);
    // 12,000 tokens: 1,000 free; tiers count the 11,000 after them: 10,000 at $0.001 = $10.00, 1,000 at $0.0005 = $0.50.
    expect(s.meters[0]).toMatchObject({
      meter: { name: "LLM tokens", unit: "tokens" },
      price: { summary: "Graduated, 2 tiers: each unit at its tier's price", included: "The first 1,000 tokens each period are free; tiers count the tokens after them", tiers: ["First 10,000: $1.00 per 1K tokens", "Above 10,000: $0.50 per 1K tokens"] },
      quantity: "12000",
      includedUnits: "1000",
      freeUnitsLeft: "0",
      amount: "10.5",
      charge: { amountMinor: 1050, currency: "USD", formatted: "$10.50" },
    });
    expect(s.baseFee.perInterval).toEqual({ amountMinor: 4900, currency: "USD", formatted: "$49.00" });
    expect(s.usage.amountMinor).toBe(1050);
    expect(s.total.amountMinor).toBe(s.baseFee.thisPeriod.amountMinor + 1050);
    expect(s.minimumSpend.perPeriod.amountMinor).toBe(10000);
    expect(s.minimumSpend.toReach.amountMinor).toBe(10000 - s.total.amountMinor);
    expect(new Date(s.period.start).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("a key limited to another customer gets 403; an unrestricted key may read any customer", async () => {
    expect((await summary(acme.customer.externalId, rival.key.secret)).status).toBe(403);
    expect((await summary("no-such-customer", rival.key.secret)).status).toBe(403);
    const any = await createTestApiKey();
    expect((await summary(rival.customer.externalId, any.secret)).json.meters[0].charge.amountMinor).toBe(2700);
    expect((await summary("no-such-customer", any.secret)).status).toBe(404);
    expect((await summary(acme.customer.externalId, "mtr_nope")).status).toBe(401);
  });

  it("a member sees only their own customer's prices and charges, on the page and through the portal route", async () => {
    const member = await memberOf(acme.customer.id);
    signInAs(member);
    const own = await callRoute(portalSummaryRoute as unknown as Route, {});
    expect(own.status).toBe(200);
    expect(own.json.customer.externalId).toBe(acme.customer.externalId);
    expect(own.json.meters[0].charge.amountMinor).toBe(1050);
    const peek = await loadUsageSummary(member, rival.customer.id).catch((e) => e);
    expect(isAppError(peek) && peek.status).toBe(404);
    expect((await callRoute(portalSummaryRoute as unknown as Route, {})).json.meters[0].price.summary).not.toContain("$9");
  });

  it("a customer without a plan gets an empty summary", async () => {
    const lone = await customerWithKey("lone");
    const res = await summary(lone.customer.externalId, lone.key.secret);
    expect(res.json).toMatchObject({ subscription: null, meters: [], total: { amountMinor: 0, currency: "USD", formatted: "$0.00" } });
  });
});
