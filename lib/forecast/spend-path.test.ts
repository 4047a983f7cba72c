import { describe, expect, it } from "vitest";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { PriceModel } from "@/lib/rating/price-model";
import { spendPath } from "./spend-path";

const DAY = 86_400_000;
const d = (n: number) => new MoneyDecimal(n);

describe("spendPath", () => {
  // 100 units free, then $0.01 for the first 1,000 billable units, then $0.005.
  const model: PriceModel = {
    kind: "graduated",
    includedUnits: "100",
    tiers: [
      { upTo: "1000", unitPrice: "0.01" },
      { upTo: null, unitPrice: "0.005" },
    ],
  };
  const periodStart = new Date("2026-03-01T00:00:00Z");
  const periodEnd = new Date("2026-03-11T00:00:00Z");
  const now = new Date("2026-03-05T12:00:00Z");
  // 200 units a day for the 4 whole days before today, 100 so far today.
  const unitsByDay = new Map([["m", [d(200), d(200), d(200), d(200), d(100)]]]);
  const histories = new Map([["m", { firstDay: periodStart, totals: [d(200), d(200), d(200), d(200)] }]]);
  const path = spendPath({
    periodStart,
    periodEnd,
    now,
    currency: "USD",
    meters: [{ meterId: "m", priceModel: model }],
    unitsByDay,
    histories,
  });

  it("prices the cumulative units of each day so far through the tiers, then continues with the projection", () => {
    expect(path).toHaveLength(10);
    // Day 1: 200 units, 100 free: $1.00. Day 4: 800: $7.00. Today: 900: $8.00.
    expect(path.slice(0, 5).map((p) => p.actualMinor)).toEqual([100, 300, 500, 700, 800]);
    expect(path.slice(0, 4).every((p) => p.projectedMinor === null)).toBe(true);
    expect(path[4].projectedMinor).toBe(800);
    // The rest of today (half a day, 100) and tomorrow (200) take it to 1,200 units, 1,100 billable:
    // 1,000 x $0.01 + 100 x $0.005 = $10.50.
    expect(path[5]).toEqual({ day: "2026-03-06T00:00:00.000Z", actualMinor: null, projectedMinor: 1050 });
    // Then 200 a day in the cheaper tier: $1.00 a day where it was $2.00, never a straight line through money.
    expect(path.slice(5).map((p) => p.projectedMinor)).toEqual([1050, 1150, 1250, 1350, 1450]);
  });

  it("has one point per day of the period, each day's date at midnight UTC", () => {
    expect(path.map((p) => new Date(p.day).getTime() - periodStart.getTime())).toEqual(
      Array.from({ length: 10 }, (_, i) => i * DAY),
    );
  });
});
