import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { burnPlan, creditedPerPeriod, periodCharges, type PeriodTally, type RatedChange, type SubscriptionTerms } from "./usage-charges";

const C = "c1";
const P1 = new Date("2027-01-01T00:00:00Z");
const terms = new Map<string, SubscriptionTerms>([
  ["pre", { currency: "USD", prepaid: true }],
  ["post", { currency: "USD", prepaid: false }],
]);
const d = (s: string) => new MoneyDecimal(s);
const change = (sub: string, before: string, after: string, periodStart = P1): RatedChange => ({ customerId: C, subscriptionId: sub, periodStart, amountBefore: d(before), amountAfter: d(after) });

describe("periodCharges", () => {
  it("rounds each meter row once, half to even, and sums the moves per period", () => {
    const out = periodCharges([change("pre", "0", "0.004"), change("pre", "0.004", "0.015"), change("post", "1.005", "1.015")], terms);
    expect(out.map((p) => [p.subscriptionId, p.deltaMinor])).toEqual([
      ["post", 2n], // round(1.015) = 102, round(1.005) = 100
      ["pre", 2n], // 0 -> 0 (0.004) and 0 -> 2 (0.015)
    ]);
  });

  it("many small writes never leak: the deltas add up to round(final running charge), whatever the batching", () => {
    const model: PriceModel = { kind: "per_unit", unitPrice: "0.0000025" };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 60 }), (writes) => {
        let usage = ZERO;
        let burned = 0n;
        for (const tokens of writes) {
          const before = priceQuantity(model, usage).amount;
          usage = usage.plus(tokens);
          const after = priceQuantity(model, usage).amount;
          burned += periodCharges([change("pre", before.toFixed(), after.toFixed())], terms)[0].deltaMinor;
        }
        expect(burned).toBe(toMinorUnits(priceQuantity(model, usage).amount, "USD"));
      }),
      { numRuns: 200 },
    );
  });
});

const tally = (sub: string, delta: bigint, rated: bigint, credited: bigint, prepaid = sub === "pre"): PeriodTally => ({ customerId: C, subscriptionId: sub, periodStart: P1, prepaid, deltaMinor: delta, ratedMinor: rated, creditedMinor: credited });

describe("burnPlan and creditedPerPeriod", () => {
  it("prepaid usage is required, postpaid optional, and lower prices give credits back", () => {
    const plan = burnPlan([tally("pre", 30n, 130n, 100n), tally("post", 7n, 7n, 0n), tally("vol", -40n, 60n, 100n, true)]);
    expect(plan.requiredMinor).toBe(30n);
    expect(plan.optionalMinor).toBe(7n);
    expect(plan.refunds.map((r) => [r.period.subscriptionId, r.amountMinor])).toEqual([["vol", 40n]]);
  });

  it("credits prepaid periods in full first, then postpaid ones as far as the burn goes", () => {
    const periods = [tally("post", 50n, 50n, 0n), tally("pre", 30n, 30n, 0n)];
    const credited = creditedPerPeriod(periods, 45n);
    expect(credited.get(`pre|${P1.toISOString()}`)).toBe(30n);
    expect(credited.get(`post|${P1.toISOString()}`)).toBe(15n);
  });
});
