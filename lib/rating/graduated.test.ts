import { describe, expect, it } from "vitest";
import type { PriceModel } from "./price-model";
import { priceQuantity } from "./price-quantity";
import { stripeLegacyTiers, stripeTiers } from "./testing/doc-examples";

const amountOf = (model: PriceModel, q: string) => priceQuantity(model, q).amount.toString();

describe("graduated", () => {
  const stripe: PriceModel = { kind: "graduated", tiers: stripeTiers };
  it.each([
    // Stripe: "5 fonts result in the same charge as volume-based pricing: 35 USD total at 7 USD per font";
    // the other rows apply the page's rule ("the quantity is multiplied by the amount for each tier
    // and the totals for each tier are summed") to the same tiers.
    ["1", "7"],
    ["5", "35"],
    ["6", "41.5"], // 5 × 7 + 1 × 6.5
    ["7", "48"], // 5 × 7 + 2 × 6.5
    ["10", "67.5"],
    ["20", "127.5"], // 35 + 32.5 + 10 × 6
    ["25", "157.5"], // 35 + 32.5 + 15 × 6
  ])("Stripe fonts example: %s fonts cost %s USD", (q, expected) => {
    expect(amountOf(stripe, q)).toBe(expected);
  });

  it.each([
    ["6", "29"], // Stripe: "the total cost for an amount of 6 is $29: $25 for the 5 ... and $4 for the 1"
    ["20", "70"], // derived from the same tiers: 25 + 20 + 15 + 10
    ["25", "75"],
  ])("Stripe legacy tiers: %s units cost $%s", (q, expected) => {
    expect(amountOf({ kind: "graduated", tiers: stripeLegacyTiers }, q)).toBe(expected);
  });

  // Lago, Graduated charge model (https://getlago.com/docs/guide/plans/charges/charge-models/graduated):
  // "$1 per unit for the first 100 units, then $0.50 per unit for the next 100 calls and finally $0.10 for any additional unit".
  const lago: PriceModel = {
    kind: "graduated",
    tiers: [
      { upTo: "100", unitPrice: "1" },
      { upTo: "200", unitPrice: "0.50" },
      { upTo: null, unitPrice: "0.10" },
    ],
  };
  it.each([
    ["50", "50"],
    ["100", "100"],
    ["200", "150"],
    ["201", "150.1"],
    ["250", "155"],
  ])("Lago API calls example: %s calls cost $%s", (q, expected) => {
    expect(amountOf(lago, q)).toBe(expected);
  });

  // Lago, Graduated percentage (https://getlago.com/docs/guide/plans/charges/charge-models/graduated-percentage):
  // tiers 0-1,000 at 1% + $200 flat, 1,001-10,000 at 2% + $300, 10,001+ at 3% + $400; a unit is $1 of volume.
  // "the flat fee is applied to the entire tier": charged once when the first unit enters the tier.
  const lagoFlat: PriceModel = {
    kind: "graduated",
    tiers: [
      { upTo: "1000", unitPrice: "0.01", flatFee: "200" },
      { upTo: "10000", unitPrice: "0.02", flatFee: "300" },
      { upTo: null, unitPrice: "0.03", flatFee: "400" },
    ],
  };
  it.each([
    ["500", "205"], // Lago: "A first transaction at $500 would cost (500 units x 1%) + $200 flat fee = $205.00"
    ["1000", "210"],
    ["1001", "510.02"], // tier 2 entered: its $300 flat fee once
    ["1050", "511"], // 205 + Lago's second transaction $306.00
    ["5050", "591"], // + Lago's third transaction $80.00
    ["10001", "1090.03"], // 10 + 200 + 180 + 300 + 0.03 + 400
  ])("Lago flat fees per tier: %s units cost $%s", (q, expected) => {
    expect(amountOf(lagoFlat, q)).toBe(expected);
  });

  it("breaks the amount down by tier", () => {
    const { amount, lines } = priceQuantity(stripe, "7");
    expect(amount.toString()).toBe("48");
    expect(lines.map((l) => [l.kind, l.tierIndex, l.fromUnits.toString(), l.toUnits.toString(), l.quantity.toString(), l.unitPrice.toString(), l.amount.toString()])).toEqual([
      ["priced", 0, "0", "5", "5", "7", "35"],
      ["priced", 1, "5", "7", "2", "6.5", "13"],
    ]);
  });

  it("charges a tier's flat fee as soon as one unit (or a fraction of one) falls in it", () => {
    const { lines } = priceQuantity(lagoFlat, "1000.5");
    expect(lines.map((l) => [l.tierIndex, l.quantity.toString(), l.flatFee.toString(), l.amount.toString()])).toEqual([
      [0, "1000", "200", "210"],
      [1, "0.5", "300", "300.01"],
    ]);
  });
});
