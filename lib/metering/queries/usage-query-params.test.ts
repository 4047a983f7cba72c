import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { customerParam, parseUsageQueryParams } from "./usage-query-params";

const now = new Date("2026-03-15T10:20:00Z");
const parse = (q: string) => parseUsageQueryParams(new URLSearchParams(q), now);
const problem = (q: string) => {
  try {
    parse(q);
  } catch (e) {
    if (isAppError(e)) return { status: e.status, ...e.problems[0] };
    throw e;
  }
  throw new Error("expected a 422");
};

describe("parseUsageQueryParams", () => {
  it("defaults to this month so far, by day", () => {
    expect(parse("meter=m")).toEqual({ meter: "m", from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-15T11:00:00Z"), granularity: "day", groupBy: null });
  });

  it("accepts dates and offset date-times, widened to whole hours", () => {
    expect(parse("meter=m&from=2026-03-01&to=2026-03-02T05:30:00%2B02:00&granularity=hour&groupBy=model")).toEqual({
      meter: "m",
      from: new Date("2026-03-01T00:00:00Z"),
      to: new Date("2026-03-02T04:00:00Z"),
      granularity: "hour",
      groupBy: "model",
    });
  });

  it.each([
    ["", "meter", "required"],
    ["meter=m&from=2026-13-01", "from", "invalid_union"],
    ["meter=m&to=2026-03-01T00:00:00", "to", "invalid_union"],
    ["meter=m&from=2026-03-02&to=2026-03-02", "to", "after_from"],
    ["meter=m&granularity=minute", "granularity", "invalid_value"],
    ["meter=m&from=2026-01-01&to=2026-02-02&granularity=hour", "from", "range_too_long"],
    ["meter=m&from=2024-01-01&to=2026-01-01&granularity=day", "from", "range_too_long"],
    ["meter=m&groupBy=", "groupBy", "too_small"],
  ])("%j -> 422 on %s (%s)", (q, field, rule) => {
    expect(problem(q)).toMatchObject({ status: 422, field, rule });
  });

  it("allows exactly 31 days hourly", () => {
    expect(parse("meter=m&from=2026-01-01&to=2026-02-01&granularity=hour").granularity).toBe("hour");
  });

  it("reads the customer param, required", () => {
    expect(customerParam(new URLSearchParams("customer=acme"))).toBe("acme");
    expect(() => customerParam(new URLSearchParams("customer="))).toThrow(/customer/);
  });
});
