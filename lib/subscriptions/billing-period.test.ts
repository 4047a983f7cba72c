import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsClamped, billingPeriodAt, periodStart } from "./billing-period";

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe("billing periods", () => {
  it("clamps the anchor day to short months and returns to it: Jan 31 → Feb 28 → Mar 31 → Apr 30 → May 31", () => {
    const anchor = at("2027-01-31T10:00:00.000Z");
    expect([0, 1, 2, 3, 4].map((n) => iso(periodStart(anchor, "MONTH", n)))).toEqual([
      "2027-01-31T10:00:00.000Z",
      "2027-02-28T10:00:00.000Z",
      "2027-03-31T10:00:00.000Z",
      "2027-04-30T10:00:00.000Z",
      "2027-05-31T10:00:00.000Z",
    ]);
  });

  it("uses Feb 29 in a leap year", () => {
    expect(iso(addMonthsClamped(at("2028-01-31T00:00:00.000Z"), 1))).toBe("2028-02-29T00:00:00.000Z");
    expect(iso(addMonthsClamped(at("2028-01-30T23:59:59.999Z"), 1))).toBe("2028-02-29T23:59:59.999Z");
  });

  it("yearly periods from Feb 29 fall on Feb 28 and come back to Feb 29 in the next leap year", () => {
    const anchor = at("2028-02-29T12:00:00.000Z");
    expect([0, 1, 2, 3, 4].map((n) => iso(periodStart(anchor, "YEAR", n)).slice(0, 10))).toEqual(["2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"]);
  });

  it("crosses year ends", () => {
    expect(iso(addMonthsClamped(at("2026-12-31T05:00:00.000Z"), 2))).toBe("2027-02-28T05:00:00.000Z");
    expect(iso(addMonthsClamped(at("2026-11-30T05:00:00.000Z"), -11))).toBe("2025-12-30T05:00:00.000Z");
  });

  it("finds the period holding a moment: the start is in it, the end is not", () => {
    const anchor = at("2027-01-31T10:00:00.000Z");
    expect(billingPeriodAt(anchor, "MONTH", at("2027-02-28T09:59:59.999Z"))).toEqual({ index: 0, start: anchor, end: at("2027-02-28T10:00:00.000Z") });
    expect(billingPeriodAt(anchor, "MONTH", at("2027-02-28T10:00:00.000Z"))).toEqual({ index: 1, start: at("2027-02-28T10:00:00.000Z"), end: at("2027-03-31T10:00:00.000Z") });
    expect(billingPeriodAt(anchor, "MONTH", at("2027-03-15T00:00:00.000Z")).index).toBe(1);
    expect(billingPeriodAt(anchor, "YEAR", at("2029-06-01T00:00:00.000Z"))).toMatchObject({ index: 2, start: at("2029-01-31T10:00:00.000Z"), end: at("2030-01-31T10:00:00.000Z") });
  });

  it("before the anchor (a trial, which ends at the anchor) the period ends at the anchor", () => {
    const anchor = at("2027-03-15T08:00:00.000Z");
    expect(billingPeriodAt(anchor, "MONTH", at("2027-03-01T00:00:00.000Z"))).toEqual({ index: -1, start: at("2027-02-15T08:00:00.000Z"), end: anchor });
  });

  it("periods tile time: every moment is in exactly one, which holds it, and the next starts where it ends", () => {
    const moment = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }).map((t) => new Date(t));
    fc.assert(
      fc.property(moment, moment, fc.constantFrom("MONTH" as const, "YEAR" as const), (anchor, t, interval) => {
        const p = billingPeriodAt(anchor, interval, t);
        expect(p.start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(p.end.getTime());
        expect(billingPeriodAt(anchor, interval, p.end).start).toEqual(p.end);
        expect(p.start).toEqual(periodStart(anchor, interval, p.index));
        const days = (p.end.getTime() - p.start.getTime()) / 86_400_000;
        if (interval === "MONTH") expect(days).toBeGreaterThanOrEqual(28 - 3);
        if (interval === "MONTH") expect(days).toBeLessThanOrEqual(31 + 3);
      }),
      { numRuns: 500 },
    );
  });
});
