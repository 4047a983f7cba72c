import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactSum } from "./exact-sum";
import { MoneyDecimal } from "@/lib/money/decimal";

/** Meter values as they reach rollups: small integers, huge integers, decimals, negatives. */
const valueText = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 19n }).map(String),
  fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 999_999_999 })).map(([i, f]) => `${i}.${String(f).padStart(9, "0")}`),
);

describe("ExactSum", () => {
  it("sums and maximises exactly what Decimal does, whatever the mix of values", () => {
    fc.assert(
      fc.property(fc.array(valueText, { maxLength: 200 }), (values) => {
        const s = new ExactSum();
        for (const v of values) s.add(v);
        const sum = values.reduce((acc, v) => acc.plus(v), new MoneyDecimal(0));
        expect(s.sum.toFixed()).toBe(sum.toFixed());
        const max = values.length === 0 ? null : MoneyDecimal.max(...values);
        expect(s.max?.toFixed() ?? null).toBe(max?.toFixed() ?? null);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every digit a NUMERIC(38,12) column holds (decimal.js' default 20 significant digits would not)", () => {
    const s = new ExactSum();
    for (const v of ["0.05", "9999999999999920071", "79929", "-1.000000000"]) s.add(v);
    expect(s.sum.toFixed()).toBe("9999999999999999999.05");
    const t = new ExactSum();
    t.add("99999999999999999999.999999999999");
    t.add("0.000000000001");
    expect(t.sum.toFixed()).toBe("100000000000000000000");
  });

  it("stays exact when small integers add up past 2^53", () => {
    const s = new ExactSum();
    for (let i = 0; i < 1000; i++) s.add("999999999999999");
    s.add("1");
    expect(s.sum.toFixed()).toBe("999999999999999001");
  });
});
