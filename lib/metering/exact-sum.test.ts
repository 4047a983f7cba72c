import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactSum } from "./exact-sum";

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
        const sum = values.reduce((acc, v) => acc.plus(v), new Decimal(0));
        expect(s.sum.toFixed()).toBe(sum.toFixed());
        const max = values.length === 0 ? null : Decimal.max(...values);
        expect(s.max?.toFixed() ?? null).toBe(max?.toFixed() ?? null);
      }),
      { numRuns: 300 },
    );
  });

  it("stays exact when small integers add up past 2^53", () => {
    const s = new ExactSum();
    for (let i = 0; i < 1000; i++) s.add("999999999999999");
    s.add("1");
    expect(s.sum.toFixed()).toBe("999999999999999001");
  });
});
