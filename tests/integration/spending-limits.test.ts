import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postEventsRoute } from "@/app/api/v1/events/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { countActiveAlerts } from "@/lib/limits/count-active-alerts";
import { limitsOverview } from "@/lib/limits/limits-overview";
import { resolveAlerts } from "@/lib/limits/resolve-alerts";
import { setLimit } from "@/lib/limits/set-limit";
import { voidEvents } from "@/lib/metering/voids/void-events";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { outcome } from "../support/credit-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey, memberOf, tag } from "../support/usage-fixtures";

describe("spending limits at ingestion", () => {
  let admin: CurrentUser;
  let images: { id: string; eventType: string };
  let tokens: { id: string; eventType: string };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    images = await upsertMeter({
      key: `lim_img_${t}`,
      name: "Images",
      eventType: `lim_img_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "images",
    });
    tokens = await upsertMeter({
      key: `lim_tok_${t}`,
      name: "Tokens",
      eventType: `lim_tok_${t}`,
      aggregation: "SUM",
      valueProperty: "tokens",
      unit: "tokens",
    });
  });

  /** A customer on a plan: images at $0.25 each, tokens at $0.001 each. */
  async function customer() {
    const c = await customerWithKey("lim");
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: 0,
      prices: [
        { meterId: images.id, model: { kind: "per_unit", unitPrice: "0.25" } },
        { meterId: tokens.id, model: { kind: "per_unit", unitPrice: "0.001" } },
      ],
    });
    return c;
  }

  const post = (key: string, body: unknown) => callRoute(postEventsRoute, { key, body });
  const image = (externalId: string, id = `img-${randomUUID()}`) => ({
    id,
    customer: externalId,
    type: images.eventType,
    properties: {},
  });
  const spend = async (customerId: string) =>
    (await prisma.usageCreditPeriod.aggregate({ where: { customerId }, _sum: { ratedMinor: true } }))._sum
      .ratedMinor ?? 0n;

  it("refuses, per event, what would take the period's spend past a hard cap; 402 when all are refused; raising the cap lets usage in at once", async () => {
    const c = await customer();
    const member = await memberOf(c.customer.id);
    await setLimit(member, c.customer.id, { scope: "spend", amount: "1.00", mode: "hard_cap" });
    const batch = await post(c.key.secret, {
      events: Array.from({ length: 6 }, (_, i) => image(c.customer.externalId, `b-${i}`)),
    });
    expect(batch.status).toBe(202);
    expect(batch.json).toMatchObject({ accepted: 4, rejected: 2 });
    expect(batch.json.events[4]).toMatchObject({
      id: "b-4",
      status: "rejected",
      problems: [{ field: "customer", rule: "spending_limit" }],
    });
    expect(await spend(c.customer.id)).toBe(100n);
    expect(await prisma.usageEvent.count({ where: { customerId: c.customer.id } })).toBe(4);

    const single = await post(c.key.secret, image(c.customer.externalId, "one-more"));
    expect(single.status).toBe(402);
    expect(single.json.error).toMatchObject({
      code: "spending_limit_reached",
      limits: [
        {
          customer: c.customer.externalId,
          scope: "spend",
          cap: { amountMinor: 100, formatted: "$1.00" },
          spendSoFar: { amountMinor: 100 },
          refusedCost: { amountMinor: 25 },
        },
      ],
    });
    expect(await prisma.usageEvent.count({ where: { customerId: c.customer.id } })).toBe(4);

    await setLimit(member, c.customer.id, { scope: "spend", amount: "1.25", mode: "hard_cap" });
    expect((await post(c.key.secret, image(c.customer.externalId, "one-more"))).status).toBe(202);
    expect(await spend(c.customer.id)).toBe(125n);
    const reached = await prisma.notification.findMany({
      where: { customerId: c.customer.id, kind: "spending_limit.reached" },
    });
    expect(reached).toHaveLength(1);
  });

  it("500 concurrent ingestions never take spend past the cap, and accepted usage is the rated spend; each threshold alerts once", async () => {
    const c = await customer();
    await setLimit(admin, c.customer.id, {
      scope: "spend",
      amount: "1.00",
      mode: "hard_cap",
      thresholds: [50, 80, 100],
    });
    // 500 requests of 1..9 tokens ($0.001 each): far more than the $1.00 cap.
    const sizes = Array.from({ length: 500 }, (_, i) => 1 + ((i * 7) % 9));
    const answers = await Promise.all(
      sizes.map((n, i) =>
        post(c.key.secret, {
          id: `t-${i}`,
          customer: c.customer.externalId,
          type: tokens.eventType,
          properties: { tokens: n * 10 },
        }),
      ),
    );
    const accepted = sizes.filter((_, i) => answers[i].status === 202);
    expect(
      answers.every(
        (a) => a.status === 202 || (a.status === 402 && a.json.error.code === "spending_limit_reached"),
      ),
    ).toBe(true);
    const total = accepted.reduce((s, n) => s + n * 10, 0);
    const rated = await spend(c.customer.id);
    expect(rated).toBeLessThanOrEqual(100n);
    expect(rated).toBe(BigInt(Math.round((total / 1000) * 100)));
    expect(rated).toBeGreaterThan(90n);
    expect(await prisma.usageEvent.count({ where: { customerId: c.customer.id } })).toBe(accepted.length);
    const alerts = await prisma.limitAlert.findMany({
      where: { customerId: c.customer.id },
      orderBy: [{ kind: "asc" }, { threshold: "asc" }],
    });
    const expected = [
      ["threshold", 50],
      ["threshold", 80],
    ];
    if (rated === 100n) expected.push(["threshold", 100]);
    expect(alerts.map((a) => [a.kind, a.threshold])).toEqual([["cap_reached", 100], ...expected]);
    const triggered = await prisma.notification.count({
      where: { customerId: c.customer.id, kind: "alert.triggered" },
    });
    expect(triggered).toBe(expected.length);
  });

  it("caps a meter's quantity too, and alert-only limits never refuse", async () => {
    const c = await customer();
    await setLimit(admin, c.customer.id, { scope: images.id, amount: "3", mode: "hard_cap" });
    await setLimit(admin, c.customer.id, { scope: "spend", amount: "0.10", mode: "alert" });
    const res = await post(c.key.secret, {
      events: Array.from({ length: 5 }, () => image(c.customer.externalId)),
    });
    expect(res.json).toMatchObject({ accepted: 3, rejected: 2 });
    expect(res.json.events[3].problems[0].message).toMatch(/hard cap of 3 on this period's usage/);
    const alerts = await prisma.limitAlert.findMany({
      where: { customerId: c.customer.id, kind: "threshold" },
    });
    // Spend $0.75 is 750% of the $0.10 alert-only limit: its three thresholds fired, nothing was refused for it.
    expect(alerts.length).toBeGreaterThanOrEqual(3);
  });

  it("a member's cap may be lower than the admin's, never higher (422 naming the field and the ceiling); others' members are refused", async () => {
    const c = await customer();
    const member = await memberOf(c.customer.id);
    await setLimit(admin, c.customer.id, { scope: "spend", amount: "50", mode: "hard_cap" });
    const higher = await setLimit(member, c.customer.id, {
      scope: "spend",
      amount: "60",
      mode: "hard_cap",
    }).then(
      () => null,
      (e: unknown) => e as { problems?: { field: string; rule: string; message: string }[] },
    );
    expect(higher?.problems).toEqual([
      { field: "amount", rule: "max_ceiling", message: "must be at most $50.00, the cap your provider set" },
    ]);
    await setLimit(member, c.customer.id, { scope: "spend", amount: "40", mode: "hard_cap" });
    expect(
      await outcome(() =>
        setLimit(member, c.customer.id, {
          scope: "spend",
          amount: "10",
          mode: "hard_cap",
          thresholds: [150],
        }),
      ),
    ).toBe(422);
    expect(
      await outcome(() => setLimit(member, c.customer.id, { scope: "spend", amount: "-1", mode: "alert" })),
    ).toBe(422);
    expect(
      await outcome(() => setLimit(member, c.customer.id, { scope: "nope", amount: "1", mode: "alert" })),
    ).toBe(422);
    const other = await customer();
    expect(
      await outcome(() =>
        setLimit(member, other.customer.id, { scope: "spend", amount: "1", mode: "alert" }),
      ),
    ).toBe(404);
    const rows = await prisma.spendingLimit.findMany({
      where: { customerId: c.customer.id },
      orderBy: { setBy: "asc" },
    });
    expect(rows.map((r) => [r.setBy, r.limitMinor])).toEqual([
      ["ADMIN", 5000n],
      ["CUSTOMER", 4000n],
    ]);
    expect(await prisma.spendingLimit.count({ where: { customerId: other.customer.id } })).toBe(0);
    // Reads are sealed too: another customer's member sees neither its limits nor its alerts.
    expect(await outcome(() => limitsOverview(member, other.customer.id))).toBe(404);
    expect(await outcome(() => countActiveAlerts(member, other.customer.id))).toBe(404);
    const own = await limitsOverview(member, c.customer.id);
    expect(own.scopes[0]).toMatchObject({
      scope: "spend",
      limits: [
        { setBy: "admin", amount: "5000" },
        { setBy: "customer", amount: "4000" },
      ],
    });
  });

  it("resolves an alert once when usage falls back under its threshold (a void), and when its limit is raised", async () => {
    const c = await customer();
    await setLimit(admin, c.customer.id, {
      scope: "spend",
      amount: "1.00",
      mode: "alert",
      thresholds: [50, 100],
    });
    await post(c.key.secret, { events: [0, 1, 2, 3].map((i) => image(c.customer.externalId, `v-${i}`)) });
    const open = () =>
      prisma.limitAlert.findMany({
        where: { customerId: c.customer.id, resolvedAt: null },
        orderBy: { threshold: "asc" },
      });
    expect((await open()).map((a) => a.threshold)).toEqual([50, 100]);
    await voidEvents(admin, { customer: c.customer.externalId, eventId: "v-0", reason: "test traffic" });
    await voidEvents(admin, { customer: c.customer.externalId, eventId: "v-1", reason: "test traffic" });
    // Spend is $0.50 now: under 100%, still at 50%. Two sweeps at once resolve it once.
    const counts = await Promise.all([resolveAlerts([c.customer.id]), resolveAlerts([c.customer.id])]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await open()).map((a) => a.threshold)).toEqual([50]);
    const resolved = await prisma.notification.findMany({
      where: { customerId: c.customer.id, kind: "alert.resolved" },
    });
    expect(resolved.map((n) => (n.payload as { threshold: number }).threshold)).toEqual([100]);
    await setLimit(admin, c.customer.id, {
      scope: "spend",
      amount: "2.00",
      mode: "alert",
      thresholds: [50, 100],
    });
    expect(await open()).toEqual([]);
    expect(
      await prisma.notification.count({ where: { customerId: c.customer.id, kind: "alert.resolved" } }),
    ).toBe(2);
    expect(
      await prisma.notification.count({ where: { customerId: c.customer.id, kind: "alert.triggered" } }),
    ).toBe(2);
  });

  it("alerts at once for thresholds already reached when a limit is set, not only at the next event", async () => {
    const c = await customer();
    await post(c.key.secret, { events: [0, 1, 2].map((i) => image(c.customer.externalId, `pre-${i}`)) });
    // $0.75 spent; a $1.00 limit's 50% threshold is already behind it, its 80% is not.
    await setLimit(await memberOf(c.customer.id), c.customer.id, {
      scope: "spend",
      amount: "1.00",
      mode: "alert",
      thresholds: [50, 80],
    });
    const alerts = await prisma.limitAlert.findMany({ where: { customerId: c.customer.id } });
    expect(alerts.map((a) => [a.kind, a.threshold])).toEqual([["threshold", 50]]);
    expect(
      await prisma.notification.count({ where: { customerId: c.customer.id, kind: "alert.triggered" } }),
    ).toBe(1);
  });
});
