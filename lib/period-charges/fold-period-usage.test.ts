import { describe, expect, it } from "vitest";
import type { MeterDefinition } from "@/lib/metering/meters/meter-definition";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";
import type { PriceModel } from "@/lib/rating/price-model";
import { foldPeriodUsage } from "./fold-period-usage";
import type { SubscriptionInForce } from "./subscriptions-in-force";

const meter = (id: string, aggregation: MeterDefinition["aggregation"] = "SUM"): MeterDefinition => ({ id, key: id, eventType: "t", aggregation, valueProperty: "v", groupBy: [], filters: {} });
const TOKENS = meter("00000000-0000-0000-0000-0000000000a1");
const IMAGES = meter("00000000-0000-0000-0000-0000000000a2");
const USERS = meter("00000000-0000-0000-0000-0000000000a3", "UNIQUE_COUNT");
const C = "00000000-0000-0000-0000-0000000000c1";
const perUnit: PriceModel = { kind: "per_unit", unitPrice: "0.001" };

let n = 0;
const event = (at: string, contributions: PreparedEvent["contributions"]): PreparedEvent => ({
  index: n,
  id: `e${n++}`,
  customerId: C,
  externalCustomerId: "c",
  type: "t",
  timestamp: new Date(at),
  properties: {},
  contributions,
});
const sub = (id: string, startedAt: string, endsAt: string | null, over: Partial<SubscriptionInForce> = {}): SubscriptionInForce => ({
  id,
  customerId: C,
  planVersionId: `v-${id}`,
  anchorAt: new Date("2027-01-31T10:00:00.000Z"),
  startedAt: new Date(startedAt),
  endsAt: endsAt ? new Date(endsAt) : null,
  trialEndsAt: null,
  interval: "MONTH",
  ...over,
});

describe("foldPeriodUsage", () => {
  const old = sub("s1", "2027-01-31T10:00:00.000Z", "2027-03-10T00:00:00.000Z");
  const next = sub("s2", "2027-03-10T00:00:00.000Z", null);
  const subs = new Map([[C, [old, next]]]);
  const prices = new Map([
    ["v-s1", new Map([[TOKENS.id, perUnit]])],
    ["v-s2", new Map([[TOKENS.id, perUnit], [USERS.id, perUnit]])],
  ]);

  it("rates each event under the subscription and billing period in force at its timestamp", () => {
    const events = [
      event("2027-02-28T09:59:59.999Z", [{ meter: TOKENS, dimensions: "", value: "5" }]), // s1, period from Jan 31
      event("2027-02-28T10:00:00.000Z", [{ meter: TOKENS, dimensions: "", value: "7" }]), // s1, period from Feb 28
      event("2027-03-09T23:59:59.999Z", [{ meter: TOKENS, dimensions: "", value: "1" }]), // s1, same period
      event("2027-03-10T00:00:00.000Z", [{ meter: TOKENS, dimensions: "", value: "100" }]), // s2 from its start, period from Feb 28
    ];
    const out = foldPeriodUsage(events, subs, prices);
    expect(out.map((u) => [u.subscriptionId, u.periodStart.toISOString(), u.sum.toString(), u.count])).toEqual([
      ["s1", "2027-01-31T10:00:00.000Z", "5", 1],
      ["s1", "2027-02-28T10:00:00.000Z", "8", 2],
      ["s2", "2027-02-28T10:00:00.000Z", "100", 1],
    ]);
    expect(out[1].periodEnd.toISOString()).toBe("2027-03-31T10:00:00.000Z");
  });

  it("skips events with no subscription in force, during a trial, and for meters the version does not price", () => {
    const trial = new Map([[C, [sub("s3", "2027-01-01T00:00:00.000Z", null, { trialEndsAt: new Date("2027-01-15T00:00:00.000Z"), anchorAt: new Date("2027-01-15T00:00:00.000Z") })]]]);
    const trialPrices = new Map([["v-s3", new Map([[TOKENS.id, perUnit]])]]);
    const events = [
      event("2026-12-31T00:00:00.000Z", [{ meter: TOKENS, dimensions: "", value: "1" }]),
      event("2027-01-14T23:59:59.999Z", [{ meter: TOKENS, dimensions: "", value: "2" }]),
      event("2027-01-15T00:00:00.000Z", [{ meter: TOKENS, dimensions: "", value: "3" }, { meter: IMAGES, dimensions: "", value: "9" }]),
    ];
    const out = foldPeriodUsage(events, trial, trialPrices);
    expect(out.map((u) => [u.meterId, u.periodStart.toISOString(), u.sum.toString()])).toEqual([[TOKENS.id, "2027-01-15T00:00:00.000Z", "3"]]);
  });

  it("collects distinct identities for unique counts and the latest value by timestamp", () => {
    const events = [
      event("2027-03-12T00:00:00.000Z", [{ meter: USERS, dimensions: "", value: null, identity: "u1" }]),
      event("2027-03-11T00:00:00.000Z", [{ meter: USERS, dimensions: "", value: null, identity: "u2" }]),
      event("2027-03-13T00:00:00.000Z", [{ meter: USERS, dimensions: "", value: null, identity: "u1" }]),
    ];
    const [u] = foldPeriodUsage(events, subs, prices);
    expect(u.identities).toEqual(["u1", "u2"]);
    expect(u.count).toBe(3);
  });
});
