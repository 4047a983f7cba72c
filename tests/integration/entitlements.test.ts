import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postEventsRoute } from "@/app/api/v1/events/route";
import { GET as entitlementsRoute } from "@/app/api/v1/customers/[externalId]/entitlements/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { setLimit } from "@/lib/limits/set-limit";
import { createTestApiKey, upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { grant } from "../support/credit-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey, tag } from "../support/usage-fixtures";

describe("GET /api/v1/customers/{id}/entitlements", () => {
  let admin: CurrentUser;
  let images: { id: string; key: string; eventType: string };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    images = await upsertMeter({
      key: `ent_img_${t}`,
      name: "Images",
      eventType: `ent_img_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "images",
    });
  });

  async function customer(opts: { paymentTerms?: "PREPAID" | "POSTPAID" } = {}) {
    const c = await customerWithKey("ent");
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: 0,
      paymentTerms: opts.paymentTerms,
      prices: [{ meterId: images.id, model: { kind: "per_unit", unitPrice: "0.25" } }],
    });
    return c;
  }
  const check = (key: string, externalId: string, query = "") =>
    callRoute(entitlementsRoute, {
      key,
      url: `http://localhost/api/v1/customers/${externalId}/entitlements${query}`,
      params: { externalId },
    });
  const use = (key: string, externalId: string, n: number) =>
    callRoute(postEventsRoute, {
      key,
      body: {
        events: Array.from({ length: n }, () => ({
          id: randomUUID(),
          customer: externalId,
          type: images.eventType,
          properties: {},
        })),
      },
    });

  it("says allowed with what is left, then refused at the hard cap, from the state ingestion wrote", async () => {
    const c = await customer();
    await setLimit(admin, c.customer.id, { scope: "spend", amount: "0.50", mode: "hard_cap" });
    await setLimit(admin, c.customer.id, { scope: images.id, amount: "10", mode: "alert" });
    const before = await check(c.key.secret, c.customer.externalId, `?meter=${images.key}`);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({
      customer: c.customer.externalId,
      allowed: true,
      reason: null,
      spendThisPeriod: { amountMinor: 0 },
      meterThisPeriod: { meter: images.key, quantity: "0", unit: "images" },
      limits: [
        {
          kind: "spend",
          mode: "hard_cap",
          setBy: "admin",
          cap: { amountMinor: 50 },
          remaining: { amountMinor: 50 },
        },
        {
          kind: "meter",
          meter: images.key,
          mode: "alert",
          cap: { quantity: "10" },
          remaining: { quantity: "10" },
        },
      ],
    });
    expect(new Date(before.json.resetsAt).getTime()).toBeGreaterThan(Date.now());
    expect((await use(c.key.secret, c.customer.externalId, 1)).status).toBe(202);
    expect((await check(c.key.secret, c.customer.externalId)).json).toMatchObject({
      allowed: true,
      spendThisPeriod: { amountMinor: 25 },
      limits: [{ remaining: { amountMinor: 25 } }],
    });
    expect((await use(c.key.secret, c.customer.externalId, 1)).status).toBe(202);
    const after = await check(c.key.secret, c.customer.externalId, `?meter=${images.key}`);
    expect(after.json).toMatchObject({
      allowed: false,
      reason: "spending_limit_reached",
      spendThisPeriod: { amountMinor: 50 },
      meterThisPeriod: { quantity: "2" },
      limits: [{ remaining: { amountMinor: 0 } }, { remaining: { quantity: "8" } }],
    });
    // And ingestion agrees.
    expect((await use(c.key.secret, c.customer.externalId, 1)).status).toBe(402);
  });

  it("refuses a prepaid customer with no credits left, and a suspended one", async () => {
    const prepaid = await customer({ paymentTerms: "PREPAID" });
    expect((await check(prepaid.key.secret, prepaid.customer.externalId)).json).toMatchObject({
      allowed: false,
      reason: "insufficient_credits",
      balance: { amountMinor: 0 },
    });
    await grant(prepaid.customer.id, 100n);
    expect((await check(prepaid.key.secret, prepaid.customer.externalId)).json).toMatchObject({
      allowed: true,
      balance: { amountMinor: 100 },
    });
    const suspended = await customer();
    await prisma.customer.update({
      where: { id: suspended.customer.id },
      data: { suspendedAt: new Date(), suspensionReason: "invoice MTR-1 is unpaid" },
    });
    expect((await check(suspended.key.secret, suspended.customer.externalId)).json).toMatchObject({
      allowed: false,
      reason: "account_suspended",
      message: "Suspended: invoice MTR-1 is unpaid",
    });
  });

  it("refuses a key limited to another customer (403, existing or not), names an unknown meter (404), and needs a key (401)", async () => {
    const a = await customer();
    const b = await customer();
    expect((await check(a.key.secret, b.customer.externalId)).status).toBe(403);
    expect((await check(a.key.secret, "no-such-customer")).status).toBe(403);
    const any = await createTestApiKey({ name: "unrestricted" });
    expect((await check(any.secret, b.customer.externalId)).status).toBe(200);
    expect((await check(any.secret, "no-such-customer")).status).toBe(404);
    const unknown = await check(a.key.secret, a.customer.externalId, "?meter=nope");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.problems).toEqual([
      expect.objectContaining({ field: "meter", rule: "known_meter" }),
    ]);
    expect((await check(a.key.secret, a.customer.externalId, "?meter=")).status).toBe(422);
    expect(
      (
        await callRoute(entitlementsRoute, {
          url: "http://localhost/x",
          params: { externalId: a.customer.externalId },
        })
      ).status,
    ).toBe(401);
  });
});
