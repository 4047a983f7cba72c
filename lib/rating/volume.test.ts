import { describe, expect, it } from "vitest";
import type { PriceModel } from "./price-model";
import { priceQuantity } from "./price-quantity";
import { stripeLegacyTiers, stripeTiers } from "./testing/doc-examples";

const amountOf = (model: PriceModel, q: string) => priceQuantity(model, q).amount.toString();

describe("volume", () => {
  it.each([
    ["1", "7"], // Stripe volume table: 1 → 7 USD
    ["5", "35"], // Stripe: "a customer with 5 fonts is charged 35 USD (5 × 7 USD)"
    ["6", "39"], // Stripe: "For December, Typographic charges 39 USD (6 × 6.5 USD)"
    ["20", "120"], // Stripe volume table
    ["25", "150"], // Stripe volume table
  ])("Stripe fonts example: %s fonts cost %s USD", (q, expected) => {
    expect(amountOf({ kind: "volume", tiers: stripeTiers }, q)).toBe(expected);
  });

  it.each([
    ["1", "5"], // Stripe legacy volume table: 1 → $5, 5 → $25, 6 → $24, 20 → $40, 25 → $25
    ["5", "25"],
    ["6", "24"],
    ["20", "40"],
    ["25", "25"],
  ])("Stripe legacy tiers: %s units cost $%s (the total can go down)", (q, expected) => {
    expect(amountOf({ kind: "volume", tiers: stripeLegacyTiers }, q)).toBe(expected);
  });

  // Lago, Volume charge model (https://getlago.com/docs/guide/plans/charges/charge-models/volume):
  // 0-10,000 at $0.0010, 10,001-50,000 at $0.0008, 50,001-100,000 at $0.0006, 100,001+ at $0.0004, each + $10 flat fee.
  const lago: PriceModel = {
    kind: "volume",
    tiers: [
      { upTo: "10000", unitPrice: "0.0010", flatFee: "10" },
      { upTo: "50000", unitPrice: "0.0008", flatFee: "10" },
      { upTo: "100000", unitPrice: "0.0006", flatFee: "10" },
      { upTo: null, unitPrice: "0.0004", flatFee: "10" },
    ],
  };
  it.each([
    ["65000", "49"], // Lago: "65,000 API calls would cost 65,000 x $0.0006 + $10 = $49"
    ["10000", "20"],
    ["10001", "18.0008"],
    ["100001", "50.0004"],
    ["1", "10.001"],
  ])("Lago API calls example: %s calls cost $%s", (q, expected) => {
    expect(amountOf(lago, q)).toBe(expected);
  });

  it("prices every unit at the reached tier in one line with that tier's flat fee", () => {
    const { lines } = priceQuantity(lago, "65000");
    expect(lines).toHaveLength(1);
    expect([lines[0].tierIndex, lines[0].quantity.toString(), lines[0].unitPrice.toString(), lines[0].flatFee.toString()]).toEqual([2, "65000", "0.0006", "10"]);
  });

  it("treats upTo as inclusive", () => {
    const model: PriceModel = { kind: "volume", tiers: stripeTiers };
    expect(priceQuantity(model, "5").lines[0].tierIndex).toBe(0);
    expect(priceQuantity(model, "5.001").lines[0].tierIndex).toBe(1);
  });
});
