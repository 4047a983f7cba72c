import { describe, expect, it } from "vitest";
import { contributionFor } from "./meter-contribution";
import type { MeterDefinition } from "./meter-definition";
import { uniqueValueRows } from "@/lib/metering/rollups/unique-value-rows";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";

const meter = (over: Partial<MeterDefinition>): MeterDefinition => ({ id: "m", key: "m", eventType: "t", aggregation: "SUM", valueProperty: "v", groupBy: [], filters: {}, ...over });

describe("contributionFor", () => {
  it("refuses negative values unless the meter allows corrections", () => {
    expect(contributionFor(meter({}), { v: -1 })).toEqual({ ok: false, problem: expect.objectContaining({ field: "properties.v", rule: "non_negative" }) });
    expect(contributionFor(meter({ allowNegative: true }), { v: "-1.5" })).toEqual({ ok: true, contribution: expect.objectContaining({ value: "-1.5" }) });
    expect(contributionFor(meter({ aggregation: "MAX", allowNegative: true }), { v: -3 })).toEqual({ ok: true, contribution: expect.objectContaining({ value: "-3" }) });
  });

  it("reads a UNIQUE_COUNT identity from strings and numbers alike", () => {
    const m = meter({ aggregation: "UNIQUE_COUNT", valueProperty: "user" });
    expect(contributionFor(m, { user: 42 })).toEqual({ ok: true, contribution: expect.objectContaining({ identity: "42", value: null }) });
    expect(contributionFor(m, { user: "42" })).toEqual({ ok: true, contribution: expect.objectContaining({ identity: "42" }) });
    expect(contributionFor(m, { user: "" })).toEqual({ ok: false, problem: expect.objectContaining({ rule: "required" }) });
    expect(contributionFor(m, { user: { id: 1 } })).toEqual({ ok: false, problem: expect.objectContaining({ rule: "identity" }) });
    expect(contributionFor(m, { user: "x".repeat(257) })).toEqual({ ok: false, problem: expect.objectContaining({ rule: "max_length" }) });
  });

  it("leaves out events the filters do not match, before reading values", () => {
    expect(contributionFor(meter({ filters: { region: ["eu"] } }), { region: "us", v: "not a number" })).toEqual({ ok: true, contribution: null });
  });

  it("COUNT needs no value", () => {
    expect(contributionFor(meter({ aggregation: "COUNT", valueProperty: null, groupBy: ["model"] }), { model: "a" })).toEqual({
      ok: true,
      contribution: expect.objectContaining({ value: null, dimensions: '["a"]' }),
    });
  });
});

describe("uniqueValueRows", () => {
  it("keeps one row per customer, meter, hour, dimensions and identity", () => {
    const m = meter({ aggregation: "UNIQUE_COUNT", valueProperty: "user" });
    const ev = (ts: string, user: string): PreparedEvent => ({
      index: 0,
      id: ts + user,
      customerId: "c",
      externalCustomerId: "c",
      type: "t",
      timestamp: new Date(ts),
      properties: { user },
      contributions: [{ meter: m, dimensions: "", value: null, identity: user }],
    });
    const rows = uniqueValueRows([ev("2026-01-01T10:05:00Z", "b"), ev("2026-01-01T10:59:00Z", "b"), ev("2026-01-01T10:10:00Z", "a"), ev("2026-01-01T11:00:00Z", "b")]);
    expect(rows.map((r) => [r.bucket.toISOString(), r.value])).toEqual([
      ["2026-01-01T10:00:00.000Z", "a"],
      ["2026-01-01T10:00:00.000Z", "b"],
      ["2026-01-01T11:00:00.000Z", "b"],
    ]);
  });
});
