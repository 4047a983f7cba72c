import { describe, expect, it } from "vitest";
import { parsePriceModel } from "./price-model-schema";

/** The problems of an invalid model as "path: message" lines. */
function problems(input: unknown): string[] {
  const result = parsePriceModel(input);
  if (result.ok) return [];
  return result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const tiers = [
  { upTo: "5", unitPrice: "7" },
  { upTo: "10", unitPrice: "6.5", flatFee: "2" },
  { upTo: null, unitPrice: "6" },
];

describe("priceModelSchema", () => {
  it.each([
    { kind: "per_unit", unitPrice: "0.0000025" },
    { kind: "per_unit", unitPrice: "0", includedUnits: "1000.5" },
    { kind: "package", packageSize: "100", packagePrice: "5", includedUnits: "100" },
    { kind: "graduated", tiers },
    { kind: "volume", tiers, includedUnits: "0" },
    { kind: "volume", tiers: [{ upTo: null, unitPrice: "1" }] },
  ])("accepts a valid $kind model", (model) => {
    const result = parsePriceModel(model);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.model).toEqual(model);
  });

  it("requires tiers to ascend strictly", () => {
    expect(problems({ kind: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }, { upTo: "10", unitPrice: "1" }, { upTo: null, unitPrice: "1" }] })).toEqual([
      "tiers.1.upTo: tiers must ascend strictly: upTo 10 is not above the previous tier's 10",
    ]);
    expect(problems({ kind: "volume", tiers: [{ upTo: "10", unitPrice: "1" }, { upTo: "9.5", unitPrice: "1" }, { upTo: null, unitPrice: "1" }] })[0]).toMatch(/^tiers\.1\.upTo: tiers must ascend strictly/);
  });

  it("requires the last tier, and only it, to be unbounded", () => {
    expect(problems({ kind: "graduated", tiers: [{ upTo: "5", unitPrice: "1" }, { upTo: "10", unitPrice: "1" }] })).toEqual(["tiers.1.upTo: the last tier must be unbounded (upTo: null)"]);
    expect(problems({ kind: "graduated", tiers: [{ upTo: null, unitPrice: "1" }, { upTo: null, unitPrice: "1" }] })).toEqual(["tiers.0.upTo: only the last tier may be unbounded (upTo: null)"]);
  });

  it("requires at least one tier and a positive first bound", () => {
    expect(problems({ kind: "volume", tiers: [] })).toEqual(["tiers: at least one tier is required"]);
    expect(problems({ kind: "volume", tiers: [{ upTo: "0", unitPrice: "1" }, { upTo: null, unitPrice: "1" }] })).toEqual(["tiers.0.upTo: upTo must be greater than 0"]);
  });

  it("refuses negative prices, fees and included units, with the field's path", () => {
    expect(problems({ kind: "per_unit", unitPrice: "-1" })).toEqual(["unitPrice: unitPrice must not be negative"]);
    expect(problems({ kind: "graduated", tiers: [{ upTo: null, unitPrice: "1", flatFee: "-5" }] })).toEqual(["tiers.0.flatFee: flatFee must not be negative"]);
    expect(problems({ kind: "package", packageSize: "10", packagePrice: "-0.5" })).toEqual(["packagePrice: packagePrice must not be negative"]);
    expect(problems({ kind: "per_unit", unitPrice: "1", includedUnits: "-5" })).toEqual(["includedUnits: includedUnits must not be negative"]);
  });

  it.each(["1e-3", "0.5 ", "", "1,5", "01", ".5", "5.", "NaN", "Infinity", "0x10"])("refuses the non-decimal string %j", (text) => {
    expect(problems({ kind: "per_unit", unitPrice: text })).toEqual([`unitPrice: unitPrice must be a decimal string like "0.0025" (digits and one dot only)`]);
  });

  it("refuses numbers: decimal strings only", () => {
    const [problem] = problems({ kind: "per_unit", unitPrice: 0.5 });
    expect(problem).toMatch(/^unitPrice: /);
  });

  it("refuses more than 20 significant digits", () => {
    expect(problems({ kind: "per_unit", unitPrice: "0.000123456789012345678901" })).toEqual(["unitPrice: unitPrice has more than 20 significant digits"]);
  });

  it.each(["0", "2.5", "-1", "1e3", "", "01"])("requires an integer package size ≥ 1, not %j", (size) => {
    expect(problems({ kind: "package", packageSize: size, packagePrice: "5" })).toEqual([`packageSize: packageSize must be an integer string ≥ 1, like "1000"`]);
  });

  it("refuses unknown kinds and unknown fields", () => {
    expect(problems({ kind: "tiered", unitPrice: "1" })[0]).toMatch(/^kind: /);
    expect(problems({ kind: "per_unit", unitPrice: "1", unit_price: "2" })[0]).toMatch(/^: .*unit_price/);
    expect(problems({ kind: "graduated", tiers: [{ upTo: null, unitPrice: "1", flat_fee: "2" }] })[0]).toMatch(/^tiers\.0: .*flat_fee/);
  });

  it("reports several problems at once", () => {
    expect(problems({ kind: "graduated", tiers: [{ upTo: "5", unitPrice: "-1" }, { upTo: "3", unitPrice: "x" }] })).toEqual([
      "tiers.0.unitPrice: unitPrice must not be negative",
      `tiers.1.unitPrice: unitPrice must be a decimal string like "0.0025" (digits and one dot only)`,
      "tiers.1.upTo: the last tier must be unbounded (upTo: null)",
      "tiers.1.upTo: tiers must ascend strictly: upTo 3 is not above the previous tier's 5",
    ]);
  });
});
