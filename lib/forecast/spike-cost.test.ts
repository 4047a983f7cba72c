import { describe, expect, it } from "vitest";
import { MoneyDecimal } from "@/lib/money/decimal";
import { spikeCost } from "./spike-cost";

const graduated = {
  kind: "graduated",
  includedUnits: "1000",
  tiers: [
    { upTo: "10000", unitPrice: "0.001" },
    { upTo: null, unitPrice: "0.0005" },
  ],
};

describe("spikeCost", () => {
  it("prices the excess where the period stands: free while included units last, then by tier", () => {
    expect(spikeCost(graduated, "0", new MoneyDecimal(1000), "USD")).toBe(0n);
    expect(spikeCost(graduated, "0", new MoneyDecimal(3000), "USD")).toBe(200n);
    // 10,000 units on top of 5,000: 6,000 at $0.001 to the tier's end, 4,000 at $0.0005.
    expect(spikeCost(graduated, "5000", new MoneyDecimal(10_000), "USD")).toBe(800n);
    expect(spikeCost(graduated, "-5", new MoneyDecimal(1500), "USD")).toBe(50n);
  });
});
