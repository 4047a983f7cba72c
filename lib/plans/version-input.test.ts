import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors/to-app-error";
import { parseVersionContent } from "./parse-version-content";

const METER = "6f1c1b7e-4a44-4c59-9d6c-0b6f9c1d2e3f";
const valid = {
  currency: "USD",
  interval: "MONTH",
  baseFeeMinor: 4900,
  minimumSpendMinor: "0",
  trialDays: 14,
  paymentTerms: "POSTPAID",
  prices: [
    {
      meterId: METER,
      model: {
        kind: "graduated",
        includedUnits: "1000",
        tiers: [
          { upTo: "10000", unitPrice: "0.001" },
          { upTo: null, unitPrice: "0.0005", flatFee: "5" },
        ],
      },
    },
  ],
};

/** The "field: message" problems of refused content, or [] if accepted. */
function problems(over: Record<string, unknown>): string[] {
  try {
    parseVersionContent({ ...valid, ...over });
    return [];
  } catch (thrown) {
    const e = toAppError(thrown);
    if (!e) throw thrown;
    expect(e.status).toBe(422);
    return e.problems.map((p) => `${p.field}: ${p.message}`);
  }
}
const price = (model: unknown) => ({ prices: [{ meterId: METER, model }] });

describe("plan version content", () => {
  it("accepts a complete version and reads minor amounts as bigint", () => {
    const v = parseVersionContent(valid);
    expect(v.baseFeeMinor).toBe(4900n);
    expect(v.minimumSpendMinor).toBe(0n);
    expect(v.prices[0].model.kind).toBe("graduated");
  });

  it.each([
    ["an unknown currency", { currency: "XXX" }, "currency: currency must be a known ISO code, like USD"],
    ["a lower-case currency", { currency: "usd" }, "currency: currency must be a known ISO code, like USD"],
    ["a negative base fee", { baseFeeMinor: -1 }, "baseFeeMinor: baseFeeMinor must not be negative"],
    [
      "a fractional base fee",
      { baseFeeMinor: 49.5 },
      "baseFeeMinor: baseFeeMinor must be a whole number of minor units (cents)",
    ],
    ["negative trial days", { trialDays: -3 }, "trialDays: trialDays must not be negative"],
    ["an unknown interval", { interval: "WEEK" }, "interval: interval must be MONTH or YEAR"],
  ])("refuses %s", (_name, over, expected) => {
    expect(problems(over)).toContain(expected);
  });

  it("refuses tiers that do not ascend or do not end unbounded, naming the tier", () => {
    expect(
      problems(
        price({
          kind: "volume",
          tiers: [
            { upTo: "100", unitPrice: "1" },
            { upTo: "50", unitPrice: "1" },
            { upTo: null, unitPrice: "1" },
          ],
        }),
      ),
    ).toEqual([
      "prices.0.model.tiers.1.upTo: tiers must ascend strictly: upTo 50 is not above the previous tier's 100",
    ]);
    expect(problems(price({ kind: "graduated", tiers: [{ upTo: "100", unitPrice: "1" }] }))).toEqual([
      "prices.0.model.tiers.0.upTo: the last tier must be unbounded (upTo: null)",
    ]);
  });

  it("refuses negative prices, a package size under 1 and prices finer than 18 decimal places", () => {
    expect(problems(price({ kind: "per_unit", unitPrice: "-0.01" }))).toEqual([
      "prices.0.model.unitPrice: unitPrice must not be negative",
    ]);
    expect(problems(price({ kind: "package", packageSize: "0", packagePrice: "5" }))[0]).toMatch(
      /^prices\.0\.model\.packageSize: packageSize must be an integer string ≥ 1/,
    );
    expect(problems(price({ kind: "per_unit", unitPrice: "0.0000000000000000001" }))).toEqual([
      "prices.0.model.unitPrice: unitPrice may have at most 18 decimal places",
    ]);
    expect(problems(price({ kind: "per_unit", unitPrice: 0.5 }))[0]).toMatch(
      /^prices\.0\.model\.unitPrice: /,
    );
  });

  it("refuses two prices for one meter and an id that is not a meter id", () => {
    const p = { meterId: METER, model: { kind: "per_unit", unitPrice: "1" } };
    expect(problems({ prices: [p, p] })).toEqual([
      "prices.1.meterId: this meter already has a price in this version",
    ]);
    expect(problems({ prices: [{ ...p, meterId: "tokens" }] })).toEqual([
      "prices.0.meterId: meterId must be a meter id",
    ]);
  });
});
