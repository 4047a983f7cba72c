import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PeriodSubscription } from "@/lib/billing/invoice-types";
import { MoneyDecimal } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { anyModel, quantity } from "@/lib/rating/testing/arbitraries";
import { priceProjectedUsage } from "./price-projected-usage";

const start = new Date("2026-03-01T00:00:00Z");
const end = new Date("2026-04-01T00:00:00Z");
const meter = { key: "tok", name: "Tokens", unit: "tokens" };

function inputs(model: PriceModel, soFar: string, o: { fee?: bigint; minimum?: bigint } = {}) {
  const sub: PeriodSubscription = {
    id: "s1",
    startedAt: start,
    endsAt: null,
    trialEndsAt: null,
    version: {
      planName: "Pro",
      number: 1,
      interval: "MONTH",
      baseFeeMinor: o.fee ?? 0n,
      minimumSpendMinor: o.minimum ?? 0n,
      prices: [{ meterId: "m", priceModel: model, meter }],
    },
    charges: [{ meterId: "m", quantity: soFar, amount: priceQuantity(model, soFar).amount.toFixed() }],
    creditedMinor: 0n,
    creditGrants: [],
  };
  return { currency: "USD" as const, periodStart: start, periodEnd: end, subscriptions: [sub] };
}

const graduated: PriceModel = {
  kind: "graduated",
  includedUnits: "1000",
  tiers: [
    { upTo: "10000", unitPrice: "0.001" },
    { upTo: null, unitPrice: "0.0005" },
  ],
};

describe("priceProjectedUsage", () => {
  it("prices the projected period total through the tiers, never scaling the amount so far", () => {
    // 6,000 tokens so far cost $5.00 (1,000 free, 5,000 at $0.001); 6,000 more reach the cheaper tier:
    // 12,000 → 10,000 × $0.001 + 1,000 × $0.0005 = $10.50, not 2 × $5.00.
    const inv = priceProjectedUsage(
      inputs(graduated, "6000", { fee: 4900n }),
      new Map([["m", new MoneyDecimal(6000)]]),
    );
    expect(inv.lines.map((l) => [l.kind, l.quantity, l.amountMinor])).toEqual([
      ["BASE_FEE", null, 4900n],
      ["USAGE", "12000", 1050n],
    ]);
    expect(inv.totalMinor).toBe(5950n);
  });

  it("tops up to the minimum spend when the projection stays under it", () => {
    const inv = priceProjectedUsage(
      inputs(graduated, "0", { minimum: 2000n }),
      new Map([["m", new MoneyDecimal(2000)]]),
    );
    expect(inv.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ["USAGE", 100n],
      ["MINIMUM_SPEND", 1900n],
    ]);
    expect(inv.totalMinor).toBe(2000n);
  });

  it("equals the rating engine's price of the same units, rounded once, for every price model", () => {
    fc.assert(
      fc.property(anyModel, quantity, quantity, (model, soFar, more) => {
        const inv = priceProjectedUsage(inputs(model, soFar.toFixed()), new Map([["m", more]]));
        const expected = toMinorUnits(priceQuantity(model, soFar.plus(more)).amount, "USD");
        expect(inv.totalMinor).toBe(expected);
        expect(inv.lines[0].quantity).toBe(soFar.plus(more).toFixed());
      }),
    );
  });

  it("leaves meters without a projection as they are", () => {
    const inv = priceProjectedUsage(inputs(graduated, "6000"), new Map());
    expect(inv.totalMinor).toBe(500n);
  });
});
