import { describe, expect, it } from "vitest";
import type { PriceModel } from "./price-model";
import { priceQuantity } from "./price-quantity";

const amountOf = (model: PriceModel, q: string) => priceQuantity(model, q).amount.toString();

describe("package", () => {
  // Stripe, Quantity transformation (https://stripe.com/docs/billing/subscriptions/quantity-transformation):
  // "$10 for every 5 users (or portion thereof)": 1, 3, 5 users → $10; 6, 7 users → $20.
  const stripe: PriceModel = { kind: "package", packageSize: "5", packagePrice: "10" };
  it.each([
    ["1", "10"],
    ["3", "10"],
    ["5", "10"],
    ["6", "20"],
    ["7", "20"],
    ["0.5", "10"],
  ])("Stripe per-5-users example: %s users cost $%s", (q, expected) => {
    expect(amountOf(stripe, q)).toBe(expected);
  });

  it("Stripe car rental: 10 USD per started hour, 150 minutes cost 30 USD", () => {
    // https://docs.stripe.com/billing/subscriptions/usage-based/transform-quantities
    expect(amountOf({ kind: "package", packageSize: "60", packagePrice: "10" }, "150")).toBe("30");
  });

  // Lago, Package charge model (https://getlago.com/docs/guide/plans/charges/charge-models/package):
  // "$5 per 100 units and offer the first 100 units ... 201 units would cost $0 + $5 + $5 = $10".
  const lago: PriceModel = { kind: "package", packageSize: "100", packagePrice: "5", includedUnits: "100" };
  it.each([
    ["201", "10"],
    ["100", "0"],
    ["101", "5"],
    ["200", "5"],
  ])("Lago free units example: %s units cost $%s", (q, expected) => {
    expect(amountOf(lago, q)).toBe(expected);
  });

  it("reports the started packages on the line", () => {
    const line = priceQuantity(lago, "201").lines[1];
    expect([line.quantity.toString(), line.packages?.toString(), line.unitPrice.toString(), line.amount.toString()]).toEqual(["101", "2", "5", "10"]);
  });
});
