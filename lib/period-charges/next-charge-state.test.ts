import type Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { anyModel, decimalString, increment, volumeModel } from "@/lib/rating/testing/arbitraries";
import { nextChargeState, type ChargeState, type UsageChange } from "./next-charge-state";

const d = (s: string | number) => new MoneyDecimal(s);
const fresh: ChargeState = { quantity: ZERO, amount: ZERO, latestAt: null };
const change = (over: Partial<UsageChange>): UsageChange => ({ sum: ZERO, count: 0, max: null, latest: null, newIdentities: 0, ...over });
const price = (model: PriceModel, q: Decimal) => priceQuantity(model, q.isNegative() ? 0 : q).amount;

/** Splits values into consecutive batches at the given cut points. */
function batches<T>(values: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (values.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const p of [...points, values.length]) {
    if (p > from) out.push(values.slice(from, p));
    from = Math.max(from, p);
  }
  return out;
}

describe("nextChargeState", () => {
  it("SUM: any batching of a period's usage ends at exactly the one-shot price of the total", () => {
    fc.assert(
      fc.property(anyModel, fc.array(increment, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (model, values, cuts) => {
        let state = fresh;
        for (const batch of batches(values, cuts)) state = nextChargeState(model, "SUM", state, change({ sum: batch.reduce((a, b) => a.plus(b), ZERO) }));
        const total = values.reduce((a, b) => a.plus(b), ZERO);
        expect(state.quantity.eq(total)).toBe(true);
        expect(state.amount.eq(price(model, total))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("volume pricing: an increment that drops the total into a cheaper tier is negative, and the sum still telescopes", () => {
    const model: PriceModel = { kind: "volume", tiers: [{ upTo: "100", unitPrice: "1" }, { upTo: null, unitPrice: "0.5" }] };
    const a = nextChargeState(model, "SUM", fresh, change({ sum: d(100) }));
    expect(a.amount.toString()).toBe("100");
    const b = nextChargeState(model, "SUM", a, change({ sum: d(20) }));
    expect(b.amount.toString()).toBe("60");
    expect(b.amount.minus(a.amount).isNegative()).toBe(true);
  });

  it("negative corrections and LATEST going down re-price the lower quantity; below zero costs nothing", () => {
    fc.assert(
      fc.property(volumeModel, fc.array(decimalString(5_000, 2).map((s) => (Number(s) % 3 === 0 ? d(s).negated() : d(s))), { minLength: 1, maxLength: 30 }), (model, values) => {
        let state = fresh;
        for (const v of values) state = nextChargeState(model, "SUM", state, change({ sum: v }));
        expect(state.amount.eq(price(model, state.quantity))).toBe(true);
      }),
      { numRuns: 200 },
    );
    const model: PriceModel = { kind: "per_unit", unitPrice: "2" };
    const t = (m: number) => new Date(Date.UTC(2027, 0, 1, 0, m));
    let s = nextChargeState(model, "LATEST", fresh, change({ latest: { value: d(10), at: t(5) } }));
    s = nextChargeState(model, "LATEST", s, change({ latest: { value: d(3), at: t(2) } })); // older: ignored
    expect([s.quantity.toString(), s.amount.toString()]).toEqual(["10", "20"]);
    s = nextChargeState(model, "LATEST", s, change({ latest: { value: d(4), at: t(9) } }));
    expect([s.quantity.toString(), s.amount.toString()]).toEqual(["4", "8"]);
  });

  it("COUNT adds events, MAX keeps the peak, UNIQUE_COUNT adds only new identities", () => {
    const model: PriceModel = { kind: "per_unit", unitPrice: "0.5", includedUnits: "2" };
    expect(nextChargeState(model, "COUNT", fresh, change({ count: 5 })).amount.toString()).toBe("1.5");
    const peak = nextChargeState(model, "MAX", nextChargeState(model, "MAX", fresh, change({ max: d(9) })), change({ max: d(4) }));
    expect([peak.quantity.toString(), peak.amount.toString()]).toEqual(["9", "3.5"]);
    expect(nextChargeState(model, "UNIQUE_COUNT", fresh, change({ count: 7, newIdentities: 3 })).amount.toString()).toBe("0.5");
  });

  it("keeps quantity to the 12 decimal places it is stored with, and the amount to the price of that", () => {
    const model: PriceModel = { kind: "per_unit", unitPrice: "1" };
    const s = nextChargeState(model, "SUM", fresh, change({ sum: d("0.0000000000005") }));
    expect([s.quantity.toFixed(), s.amount.toFixed()]).toEqual(["0.000000000001", "0.000000000001"]);
  });
});
