import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { PriceModel } from "./price-model";
import { priceQuantity } from "./price-quantity";
import { stripeTiers } from "./testing/doc-examples";

const amountOf = (model: PriceModel, q: string) => priceQuantity(model, q).amount.toString();

describe("per unit", () => {
  it("multiplies exactly, with sub-cent prices and fractional quantities", () => {
    expect(amountOf({ kind: "per_unit", unitPrice: "0.0000025" }, "1000000")).toBe("2.5");
    expect(amountOf({ kind: "per_unit", unitPrice: "0.1" }, "2.5")).toBe("0.25");
    expect(amountOf({ kind: "per_unit", unitPrice: "0.1" }, "3")).toBe("0.3");
  });
});

describe("included units", () => {
  const model: PriceModel = { kind: "per_unit", unitPrice: "0.002", includedUnits: "1000" };

  it("costs nothing below the included units", () => {
    expect(amountOf(model, "999")).toBe("0");
    expect(amountOf(model, "1000")).toBe("0");
    expect(priceQuantity(model, "999").lines.map((l) => [l.kind, l.quantity.toString()])).toEqual([["included", "999"]]);
  });

  it("prices only the units above them, shown after the free line", () => {
    const { amount, lines } = priceQuantity(model, "1500");
    expect(amount.toString()).toBe("1");
    expect(lines.map((l) => [l.kind, l.fromUnits.toString(), l.toUnits.toString(), l.amount.toString()])).toEqual([
      ["included", "0", "1000", "0"],
      ["priced", "1000", "1500", "1"],
    ]);
  });

  it("shifts tiers: tiers count billable units after the free ones", () => {
    const graduated: PriceModel = { kind: "graduated", includedUnits: "10", tiers: stripeTiers };
    expect(amountOf(graduated, "17")).toBe("48");
    expect(priceQuantity(graduated, "17").lines.map((l) => [l.tierIndex, l.fromUnits.toString(), l.toUnits.toString()])).toEqual([
      [null, "0", "10"],
      [0, "10", "15"],
      [1, "15", "17"],
    ]);
  });
});

describe("zero and invalid input", () => {
  const models: PriceModel[] = [
    { kind: "per_unit", unitPrice: "1" },
    { kind: "package", packageSize: "10", packagePrice: "5" },
    { kind: "graduated", tiers: [{ upTo: null, unitPrice: "1", flatFee: "100" }] },
    { kind: "volume", tiers: [{ upTo: "10", unitPrice: "1", flatFee: "100" }, { upTo: null, unitPrice: "0.5", flatFee: "50" }] },
  ];
  it.each(models)("zero quantity costs 0 with no flat fee and no lines ($kind)", (model) => {
    const { amount, lines } = priceQuantity(model, "0");
    expect(amount.isZero()).toBe(true);
    expect(lines).toEqual([]);
  });

  it("refuses a negative quantity", () => {
    expect(() => priceQuantity(models[0], "-1")).toThrow(RangeError);
  });

  it("refuses an invalid model", () => {
    const bad = { kind: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }] } as PriceModel;
    expect(() => priceQuantity(bad, "1")).toThrow(ZodError);
  });

  it("accepts a Decimal quantity", () => {
    expect(priceQuantity(models[0], new MoneyDecimal("2.5")).amount.toString()).toBe("2.5");
  });
});
