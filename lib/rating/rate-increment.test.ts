import { describe, expect, it } from "vitest";
import type { PriceModel } from "./price-model";
import { rateIncrement } from "./rate-increment";

const inc = (model: PriceModel, usedBefore: string, quantity: string) => rateIncrement(model, usedBefore, quantity).toString();

describe("rateIncrement", () => {
  // Lago, Graduated percentage (https://getlago.com/docs/guide/plans/charges/charge-models/graduated-percentage):
  // tiers 0-1,000 at 1% + $200, 1,001-10,000 at 2% + $300, 10,001+ at 3% + $400 ($1 of volume = 1 unit).
  const lago: PriceModel = {
    kind: "graduated",
    tiers: [
      { upTo: "1000", unitPrice: "0.01", flatFee: "200" },
      { upTo: "10000", unitPrice: "0.02", flatFee: "300" },
      { upTo: null, unitPrice: "0.03", flatFee: "400" },
    ],
  };
  it("reproduces Lago's three transactions: $205.00, $306.00, $80.00", () => {
    expect(inc(lago, "0", "500")).toBe("205"); // "(500 units x 1%) + $200 flat fee = $205.00"
    expect(inc(lago, "500", "550")).toBe("306"); // "[(500 units x 1%) + (50 units x 2%)] + $300 flat fee = $306.00"
    expect(inc(lago, "1050", "4000")).toBe("80"); // "(4,000 x 2%) = $80.00"
  });

  it("charges each tier's flat fee once, on the increment that enters it", () => {
    expect(inc(lago, "0", "20000")).toBe("1390"); // (10 + 200) + (180 + 300) + (300 + 400)
    expect(inc(lago, "999", "1")).toBe("0.01");
    expect(inc(lago, "1000", "1")).toBe("300.02");
    expect(inc(lago, "1001", "1")).toBe("0.02");
  });

  // Stripe fonts tiers (https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing).
  const tiers = [
    { upTo: "5", unitPrice: "7" },
    { upTo: "10", unitPrice: "6.5" },
    { upTo: null, unitPrice: "6" },
  ];
  it("graduated: 5 fonts then 2 more cost 35 then 13 (48 in one shot)", () => {
    const model: PriceModel = { kind: "graduated", tiers };
    expect(inc(model, "0", "5")).toBe("35");
    expect(inc(model, "5", "2")).toBe("13");
    expect(inc(model, "4", "8")).toBe("51.5"); // units 5..12: 1 × 7 + 5 × 6.5 + 2 × 6
  });

  it("volume: the whole quantity is re-priced when a tier changes, and can be a credit", () => {
    const model: PriceModel = { kind: "volume", tiers };
    expect(inc(model, "5", "1")).toBe("4"); // 35 → 39
    expect(inc(model, "3", "1")).toBe("7");
    // Stripe legacy tiers (https://stripe.com/docs/billing/subscriptions/tiers): 5 units $25, 6 units $24.
    const legacy: PriceModel = {
      kind: "volume",
      tiers: [
        { upTo: "5", unitPrice: "5" },
        { upTo: "10", unitPrice: "4" },
        { upTo: null, unitPrice: "1" },
      ],
    };
    expect(inc(legacy, "5", "1")).toBe("-1");
  });

  it("package: charges a package only when a new one is started", () => {
    const model: PriceModel = { kind: "package", packageSize: "5", packagePrice: "10" };
    expect(inc(model, "0", "1")).toBe("10");
    expect(inc(model, "1", "4")).toBe("0");
    expect(inc(model, "5", "1")).toBe("10");
    expect(inc(model, "4", "12")).toBe("30"); // 1 package → 4 packages
  });

  it("included units: free increments cost 0, the one crossing pays only for the units above", () => {
    const model: PriceModel = { kind: "per_unit", unitPrice: "0.5", includedUnits: "100" };
    expect(inc(model, "0", "60")).toBe("0");
    expect(inc(model, "60", "40")).toBe("0");
    expect(inc(model, "90", "20")).toBe("5");
    expect(inc(model, "110", "2")).toBe("1");
  });

  it("zero quantity costs nothing, even entering a tier boundary", () => {
    expect(inc(lago, "1000", "0")).toBe("0");
    expect(inc({ kind: "volume", tiers: [{ upTo: null, unitPrice: "1", flatFee: "9" }] }, "0", "0")).toBe("0");
  });

  it("refuses negative usage or quantity", () => {
    expect(() => rateIncrement(lago, "-1", "1")).toThrow(RangeError);
    expect(() => rateIncrement(lago, "1", "-1")).toThrow(RangeError);
  });
});
