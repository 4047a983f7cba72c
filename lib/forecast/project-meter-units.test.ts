import type Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MoneyDecimal } from "@/lib/money/decimal";
import { projectMeterUnits } from "./project-meter-units";

const DAY = 86_400_000;
const d = (n: number | string) => new MoneyDecimal(n);
// 2026-03-02 is a Monday.
const monday = new Date("2026-03-02T00:00:00Z");
const history = (totals: (number | Decimal)[], firstDay = monday) => ({
  firstDay,
  totals: totals.map((t) => (typeof t === "number" ? d(t) : t)),
});
const after = (h: { firstDay: Date; totals: unknown[] }, days: number) =>
  new Date(h.firstDay.getTime() + (h.totals.length + days) * DAY);
const str = (r: { low: Decimal; mid: Decimal; high: Decimal } | null) =>
  r && { low: r.low.toFixed(), mid: r.mid.toFixed(), high: r.high.toFixed() };

const dailyTotals = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: min, maxLength: max });

describe("projectMeterUnits", () => {
  it("projects nothing before 3 whole days of history", () => {
    fc.assert(
      fc.property(dailyTotals(0, 2), (totals) => {
        const h = history(totals);
        expect(projectMeterUnits(h, after(h, 0), after(h, 10))).toBeNull();
      }),
    );
    const h = history([5, 5, 5]);
    expect(projectMeterUnits(h, after(h, 0), after(h, 10))).not.toBeNull();
  });

  it("projects the median day, robust to one burst, for each day (or part of a day) ahead", () => {
    const h = history([100, 90, 110, 100, 5000, 100, 95, 105]);
    // The last 7 days: 90 110 100 5000 100 95 105 → median 100; all 8 days' quartiles 98.75 and 106.25.
    const r = projectMeterUnits(h, after(h, 0), after(h, 10));
    expect(str(r)).toEqual({ low: "987.5", mid: "1000", high: "1062.5" });
    const half = projectMeterUnits(h, new Date(after(h, 0).getTime() + DAY / 2), after(h, 2));
    expect(half?.mid.toFixed()).toBe("150");
  });

  it("follows the weekday pattern once 3 weeks of history exist", () => {
    // Weekdays 100, weekends 20, for 3 weeks from a Monday; the next day is a Monday.
    const week = [100, 100, 100, 100, 100, 20, 20];
    const h = history([...week, ...week, ...week]);
    const from = after(h, 0);
    expect(projectMeterUnits(h, from, after(h, 1))?.mid.toFixed()).toBe("100");
    expect(projectMeterUnits(h, after(h, 5), after(h, 7))?.mid.toFixed()).toBe("40");
    expect(projectMeterUnits(h, from, after(h, 7))?.mid.toFixed()).toBe("540");
    // No usage on Sundays: Sundays are projected at nothing, the other days at their own level.
    const quietSunday = history([...week.slice(0, 6), 0, ...week.slice(0, 6), 0, ...week.slice(0, 6), 0]);
    expect(projectMeterUnits(quietSunday, after(quietSunday, 6), after(quietSunday, 7))?.mid.toFixed()).toBe(
      "0",
    );
    expect(projectMeterUnits(quietSunday, after(quietSunday, 0), after(quietSunday, 1))?.mid.toFixed()).toBe(
      "100",
    );
    // Two weeks only: no weekday factors, every day at the median (100).
    const short = history([...week, ...week]);
    expect(projectMeterUnits(short, after(short, 5), after(short, 7))?.mid.toFixed()).toBe("200");
  });

  it("never projects less when recent usage is higher (before weekday factors: any day raised)", () => {
    fc.assert(
      fc.property(
        dailyTotals(3, 20),
        fc.nat(19),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 40 }),
        (totals, at, extra, days) => {
          const h = history(totals);
          const raised = history(totals.map((t, i) => (i === at % totals.length ? t + extra : t)));
          const a = projectMeterUnits(h, after(h, 0), after(h, days))!;
          const b = projectMeterUnits(raised, after(h, 0), after(h, days))!;
          expect(b.low.gte(a.low) && b.mid.gte(a.mid) && b.high.gte(a.high)).toBe(true);
          expect(a.low.lte(a.mid) && a.mid.lte(a.high)).toBe(true);
        },
      ),
    );
  });

  it("with weekday factors, scales with usage: k times the usage projects k times the units", () => {
    fc.assert(
      fc.property(
        dailyTotals(21, 28),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 1, max: 31 }),
        (totals, k, days) => {
          const h = history(totals);
          const a = projectMeterUnits(h, after(h, 0), after(h, days))!;
          const b = projectMeterUnits(history(totals.map((t) => t * k)), after(h, 0), after(h, days))!;
          const close = (x: Decimal, y: Decimal) => x.times(k).minus(y).abs().lte("0.00001");
          expect(close(a.mid, b.mid) && close(a.low, b.low) && close(a.high, b.high)).toBe(true);
          expect(a.low.lte(a.mid) && a.mid.lte(a.high)).toBe(true);
        },
      ),
    );
  });
});
