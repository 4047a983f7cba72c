import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { callRoute } from "../support/call-route";
import { customerWithKey, hoursAgo, meter, send, usage } from "../support/usage-fixtures";

type World = Awaited<ReturnType<typeof customerWithKey>>;

const range = { from: hoursAgo(60).toISOString(), to: hoursAgo(-1).toISOString() };

async function read(w: World, meterKey: string, extra: Record<string, string> = {}) {
  const res = await usage(w.key.secret, { customer: w.customer.externalId, meter: meterKey, ...range, granularity: "hour", ...extra });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

/** bucket start (ISO) -> value, for the buckets that hold usage. */
function byBucket(json: any): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const b of json.buckets) if (b.total !== "0" && b.total !== null) out[b.start] = b.total;
  return out;
}

describe("usage aggregations, read back through GET /api/v1/usage", () => {
  it("SUM adds exact decimals per hour and over the range", async () => {
    const w = await customerWithKey();
    const m = await meter("SUM");
    await send(w.key.secret, w.customer.externalId, m.eventType, [
      { at: hoursAgo(5, 1), props: { value: "1.5" } },
      { at: hoursAgo(5, 59), props: { value: 2.25 } },
      { at: hoursAgo(3, 0), props: { value: "0.000000000001" } },
    ]);
    const json = await read(w, m.key);
    expect(byBucket(json)).toEqual({ [hoursAgo(5).toISOString()]: "3.75", [hoursAgo(3).toISOString()]: "0.000000000001" });
    expect(json.total).toBe("3.750000000001");
    expect(json.meter).toMatchObject({ key: m.key, aggregation: "SUM" });
  });

  it("COUNT counts events, whatever their properties", async () => {
    const w = await customerWithKey();
    const m = await meter("COUNT");
    await send(w.key.secret, w.customer.externalId, m.eventType, [{ at: hoursAgo(4) }, { at: hoursAgo(4, 30), props: { x: 1 } }, { at: hoursAgo(2) }]);
    const json = await read(w, m.key);
    expect(byBucket(json)).toEqual({ [hoursAgo(4).toISOString()]: "2", [hoursAgo(2).toISOString()]: "1" });
    expect(json.total).toBe("3");
  });

  it("MAX keeps the largest value per hour and over the range; empty hours are null", async () => {
    const w = await customerWithKey();
    const m = await meter("MAX");
    await send(w.key.secret, w.customer.externalId, m.eventType, [
      { at: hoursAgo(6, 5), props: { value: 5 } },
      { at: hoursAgo(6, 6), props: { value: "9.5" } },
      { at: hoursAgo(2, 0), props: { value: 7 } },
    ]);
    const json = await read(w, m.key);
    expect(byBucket(json)).toEqual({ [hoursAgo(6).toISOString()]: "9.5", [hoursAgo(2).toISOString()]: "7" });
    expect(json.total).toBe("9.5");
    expect(json.buckets.find((b: any) => b.start === hoursAgo(4).toISOString()).total).toBeNull();
  });

  it("UNIQUE_COUNT is exact across hours: a range counts each identity once", async () => {
    const w = await customerWithKey();
    const m = await meter("UNIQUE_COUNT", { valueProperty: "user" });
    const ev = (h: number, user: string | number, min = 0) => ({ at: hoursAgo(h, min), props: { user } });
    const events = [ev(30, "u1"), ev(30, "u2", 10), ev(30, "u1", 20), ev(29, "u2"), ev(29, "u3"), ev(5, "u1"), ev(5, 42), ev(4, "42")];
    await send(w.key.secret, w.customer.externalId, m.eventType, events);
    const hourly = await read(w, m.key);
    expect(byBucket(hourly)).toEqual({
      [hoursAgo(30).toISOString()]: "2",
      [hoursAgo(29).toISOString()]: "2",
      [hoursAgo(5).toISOString()]: "2",
      [hoursAgo(4).toISOString()]: "1",
    });
    // u1, u2, u3 and 42 (the number and the string are one identity): 4, not the 7 the hours add up to.
    expect(hourly.total).toBe("4");
    const daily = await read(w, m.key, { granularity: "day" });
    expect(daily.total).toBe("4");
    const byDay = new Map<string, Set<string>>();
    for (const e of events) {
      const day = e.at.toISOString().slice(0, 10);
      byDay.set(day, (byDay.get(day) ?? new Set()).add(String(e.props.user)));
    }
    for (const b of daily.buckets) expect(b.total).toBe(String(byDay.get(b.start.slice(0, 10))?.size ?? 0));
  });

  it("UNIQUE_COUNT by dimension counts distinct identities per group", async () => {
    const w = await customerWithKey();
    const m = await meter("UNIQUE_COUNT", { valueProperty: "user", groupBy: ["model"] });
    await send(w.key.secret, w.customer.externalId, m.eventType, [
      { at: hoursAgo(3), props: { user: "a", model: "x" } },
      { at: hoursAgo(2), props: { user: "a", model: "x" } },
      { at: hoursAgo(2), props: { user: "a", model: "y" } },
      { at: hoursAgo(2), props: { user: "b", model: "y" } },
    ]);
    const json = await read(w, m.key, { groupBy: "model" });
    expect(json.groups).toEqual([
      { group: "y", total: "2" },
      { group: "x", total: "1" },
    ]);
    expect(json.total).toBe("2");
  });

  it("UNIQUE_COUNT rejects an event without its identity property", async () => {
    const w = await customerWithKey();
    const m = await meter("UNIQUE_COUNT", { valueProperty: "user" });
    const res = await callRoute(postEvents, { key: w.key.secret, body: { id: "no-user", customer: w.customer.externalId, type: m.eventType, properties: {} } });
    expect(res.status).toBe(422);
    expect(res.json.error.problems).toEqual([expect.objectContaining({ field: "properties.user", rule: "required" })]);
  });

  it("LATEST is the value of the latest event by timestamp; a late, older event does not override it", async () => {
    const w = await customerWithKey();
    const m = await meter("LATEST");
    await send(w.key.secret, w.customer.externalId, m.eventType, [
      { at: hoursAgo(5, 10), props: { value: 10 } },
      { at: hoursAgo(3, 30), props: { value: 30 } },
    ]);
    expect((await read(w, m.key)).total).toBe("30");
    // Arrives later but happened earlier: lands in its own hour, and the range's latest stays 30.
    await send(w.key.secret, w.customer.externalId, m.eventType, [
      { at: hoursAgo(4, 0), props: { value: 99 } },
      { at: hoursAgo(3, 10), props: { value: 77 } },
    ]);
    const json = await read(w, m.key);
    expect(json.total).toBe("30");
    expect(byBucket(json)).toEqual({ [hoursAgo(5).toISOString()]: "10", [hoursAgo(4).toISOString()]: "99", [hoursAgo(3).toISOString()]: "30" });
    // A newer event does take over.
    await send(w.key.secret, w.customer.externalId, m.eventType, [{ at: hoursAgo(1, 1), props: { value: 5 } }]);
    expect((await read(w, m.key)).total).toBe("5");
  });

  it("a late event updates the bucket of its own timestamp", async () => {
    const w = await customerWithKey();
    const m = await meter("SUM");
    await send(w.key.secret, w.customer.externalId, m.eventType, [{ at: hoursAgo(1), props: { value: 1 } }]);
    await send(w.key.secret, w.customer.externalId, m.eventType, [{ at: hoursAgo(20, 45), props: { value: 4 } }]);
    const json = await read(w, m.key);
    expect(byBucket(json)).toEqual({ [hoursAgo(20).toISOString()]: "4", [hoursAgo(1).toISOString()]: "1" });
    expect(json.total).toBe("5");
  });

  it("filters count only matching events (equality and a list of allowed values)", async () => {
    const w = await customerWithKey();
    const m = await meter("SUM", { filters: { region: "eu", model: ["a", "b"] } });
    await send(w.key.secret, w.customer.externalId, m.eventType, [
      { at: hoursAgo(2), props: { value: 1, region: "eu", model: "a" } },
      { at: hoursAgo(2), props: { value: 2, region: "eu", model: "b" } },
      { at: hoursAgo(2), props: { value: 4, region: "us", model: "a" } },
      { at: hoursAgo(2), props: { value: 8, region: "eu", model: "c" } },
      { at: hoursAgo(2), props: { value: 16, model: "a" } },
    ]);
    expect((await read(w, m.key)).total).toBe("3");
  });

  it("group-by splits buckets and totals by one dimension; a missing property is its own group", async () => {
    const w = await customerWithKey();
    const m = await meter("SUM", { groupBy: ["model", "region"] });
    await send(w.key.secret, w.customer.externalId, m.eventType, [
      { at: hoursAgo(3), props: { value: 1, model: "a", region: "eu" } },
      { at: hoursAgo(3), props: { value: 2, model: "b", region: "eu" } },
      { at: hoursAgo(2), props: { value: 4, model: "a", region: "us" } },
      { at: hoursAgo(2), props: { value: 8, region: "us" } },
    ]);
    const byModel = await read(w, m.key, { groupBy: "model" });
    expect(byModel.groups).toEqual([
      { group: null, total: "8" },
      { group: "a", total: "5" },
      { group: "b", total: "2" },
    ]);
    expect(byModel.total).toBe("15");
    const h2 = byModel.buckets.find((b: any) => b.start === hoursAgo(2).toISOString());
    expect(h2.groups).toEqual([
      { group: "a", value: "4" },
      { group: null, value: "8" },
    ]);
    const byRegion = await read(w, m.key, { groupBy: "region", granularity: "month" });
    expect(byRegion.groups).toEqual([
      { group: "us", total: "12" },
      { group: "eu", total: "3" },
    ]);
  });

  it("day and month totals equal the sum of the hourly buckets", async () => {
    const w = await customerWithKey();
    const sum = await meter("SUM", { groupBy: ["model"] });
    const count = await meter("COUNT");
    const hours = [50, 47, 30, 26, 25, 24, 23, 12, 6, 1];
    await send(w.key.secret, w.customer.externalId, sum.eventType, hours.map((h, i) => ({ at: hoursAgo(h, i), props: { value: `${i}.25`, model: i % 2 ? "a" : "b" } })));
    await send(w.key.secret, w.customer.externalId, count.eventType, hours.map((h) => ({ at: hoursAgo(h) })));
    for (const m of [sum, count]) {
      const totals = await Promise.all(["hour", "day", "month"].map((granularity) => read(w, m.key, { granularity })));
      const sums = totals.map((json) => json.buckets.reduce((acc: Decimal, b: any) => acc.plus(b.total), new Decimal(0)).toFixed());
      expect(new Set(sums).size).toBe(1);
      expect(new Set(totals.map((t) => t.total))).toEqual(new Set([sums[0]]));
    }
    const grouped = await read(w, sum.key, { granularity: "day", groupBy: "model" });
    const groupSum = grouped.groups.reduce((acc: Decimal, g: any) => acc.plus(g.total), new Decimal(0));
    expect(groupSum.toFixed()).toBe(grouped.total);
  });

  it("negative values count only on meters that allow corrections", async () => {
    const w = await customerWithKey();
    const strict = await meter("SUM");
    const corrections = await meter("SUM", { allowNegative: true });
    const refused = await callRoute(postEvents, { key: w.key.secret, body: { id: "neg-1", customer: w.customer.externalId, type: strict.eventType, properties: { value: -5 } } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.problems).toEqual([expect.objectContaining({ field: "properties.value", rule: "non_negative" })]);
    await send(w.key.secret, w.customer.externalId, corrections.eventType, [
      { at: hoursAgo(3), props: { value: 10 } },
      { at: hoursAgo(2), props: { value: "-2.5" } },
    ]);
    const json = await read(w, corrections.key);
    expect(json.total).toBe("7.5");
    expect(byBucket(json)[hoursAgo(2).toISOString()]).toBe("-2.5");
  });
});
