import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as portalUsage } from "@/app/api/portal/usage/route";
import { createTestApiKey } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, hoursAgo, memberOf, meter, send, usage } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

const range = { from: hoursAgo(10).toISOString(), to: hoursAgo(-1).toISOString() };


/** The answer as text without its meter, whose random key (hex) may itself contain "700". */
const withoutMeter = (json: Record<string, unknown>) => JSON.stringify({ ...json, meter: undefined });

describe("usage queries: GET /api/v1/usage and GET /api/portal/usage", () => {
  let mine: Awaited<ReturnType<typeof customerWithKey>>;
  let theirs: Awaited<ReturnType<typeof customerWithKey>>;
  let m: Awaited<ReturnType<typeof meter>>;

  beforeAll(async () => {
    mine = await customerWithKey("mine");
    theirs = await customerWithKey("theirs");
    m = await meter("SUM", { groupBy: ["model"] });
    await send(mine.key.secret, mine.customer.externalId, m.eventType, [{ at: hoursAgo(2), props: { value: 5, model: "a" } }]);
    await send(theirs.key.secret, theirs.customer.externalId, m.eventType, [{ at: hoursAgo(2), props: { value: 700, model: "a" } }]);
  });

  it("answers buckets, groups and totals in the documented shape", async () => {
    const res = await usage(mine.key.secret, { customer: mine.customer.externalId, meter: m.key, ...range, granularity: "hour", groupBy: "model" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      customer: mine.customer.externalId,
      meter: { key: m.key, aggregation: "SUM", groupBy: ["model"], unit: "units" },
      from: range.from,
      to: range.to,
      granularity: "hour",
      groupBy: "model",
      total: "5",
      groups: [{ group: "a", total: "5" }],
    });
    expect(res.json.buckets).toHaveLength(11);
    expect(res.json.buckets[8]).toEqual({ start: hoursAgo(2).toISOString(), end: hoursAgo(1).toISOString(), total: "5", groups: [{ group: "a", value: "5" }] });
  });

  it("widens a range to whole hours and states the range used", async () => {
    const res = await usage(mine.key.secret, { customer: mine.customer.externalId, meter: m.key, from: hoursAgo(3, 20).toISOString(), to: hoursAgo(2, 1).toISOString(), granularity: "hour" });
    expect(res.json).toMatchObject({ from: hoursAgo(3).toISOString(), to: hoursAgo(1).toISOString(), total: "5" });
  });

  it.each([
    ["no customer", { customer: "" }, "customer", "required"],
    ["no meter", { meter: "" }, "meter", "required"],
    ["a malformed from", { from: "last tuesday" }, "from", "invalid_union"],
    ["a to before from", { from: hoursAgo(1).toISOString(), to: hoursAgo(5).toISOString() }, "to", "after_from"],
    ["an unknown granularity", { granularity: "week" }, "granularity", "invalid_value"],
    ["an hourly range over 31 days", { from: "2020-01-01", to: "2020-03-01", granularity: "hour" }, "from", "range_too_long"],
    ["a groupBy the meter does not have", { groupBy: "region" }, "groupBy", "known_dimension"],
  ])("refuses %s with 422 naming the param", async (_what, over, field, rule) => {
    const params = Object.fromEntries(Object.entries({ customer: mine.customer.externalId, meter: m.key, ...range, ...over }).filter(([, v]) => v !== ""));
    const res = await usage(mine.key.secret, params);
    expect(res.status, JSON.stringify(res.json)).toBe(422);
    expect(res.json.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it("answers 404 for an unknown meter or customer (unrestricted key) and 401 without a key", async () => {
    const any = await createTestApiKey();
    expect((await usage(any.secret, { customer: mine.customer.externalId, meter: "no_such_meter", ...range })).status).toBe(404);
    expect((await usage(any.secret, { customer: "no-such-customer", meter: m.key, ...range })).status).toBe(404);
    expect((await usage("", { customer: mine.customer.externalId, meter: m.key })).status).toBe(401);
  });

  it("a key limited to one customer cannot read another's usage (403), existing or not", async () => {
    const res = await usage(mine.key.secret, { customer: theirs.customer.externalId, meter: m.key, ...range });
    expect(res.status).toBe(403);
    expect(withoutMeter(res.json)).not.toContain("700");
    expect((await usage(mine.key.secret, { customer: "no-such-customer", meter: m.key, ...range })).status).toBe(403);
    const any = await createTestApiKey();
    expect((await usage(any.secret, { customer: theirs.customer.externalId, meter: m.key, ...range })).json.total).toBe("700");
  });

  describe("portal", () => {
    const portal = (params: Record<string, string>) => callRoute(portalUsage, { url: `http://localhost/api/portal/usage?${new URLSearchParams(params)}` });

    it("a member reads their own customer's usage; a customer param is ignored", async () => {
      signInAs(await memberOf(mine.customer.id));
      const res = await portal({ meter: m.key, ...range, customer: theirs.customer.externalId });
      expect(res.status).toBe(200);
      expect(res.json.total).toBe("5");
      expect(withoutMeter(res.json)).not.toContain("700");
      signInAs(await memberOf(theirs.customer.id));
      expect((await portal({ meter: m.key, ...range })).json.total).toBe("700");
    });

    it("validates params with 422s too", async () => {
      signInAs(await memberOf(mine.customer.id));
      const res = await portal({ meter: m.key, granularity: "fortnight" });
      expect(res.status).toBe(422);
      expect(res.json.error.problems).toEqual([expect.objectContaining({ field: "granularity" })]);
    });

    it("answers 401 when signed out and 404 for an admin (who has no customer)", async () => {
      signInAs(null);
      expect((await portal({ meter: m.key })).status).toBe(401);
      signInAs(await adminUser());
      expect((await portal({ meter: m.key })).status).toBe(404);
    });
  });
});
