import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MoneyDecimal } from "@/lib/money/decimal";
import { fromUnitPrice, toUnitPrice } from "@/lib/plans/price-per";
import { formatNumberInput, parseNumberInput } from "./parse-number-input";

const value = (t: string, maxDecimals?: number) => {
  const r = parseNumberInput(t, { maxDecimals });
  return r.ok ? r.value : `refused: ${r.message}`;
};

describe("parseNumberInput: one reading of typed numbers for the plan editor and the calculator", () => {
  it.each([
    ["20,000,000", "20000000"],
    ["20_000_000", "20000000"],
    ["20 000 000", "20000000"],
    ["20\u00a0000\u00a0000", "20000000"],
    [" 20000000 ", "20000000"],
    ["1,234.5", "1234.5"],
    ["1,234.50", "1234.5"],
    ["0.0000025", "0.0000025"],
    [".5", "0.5"],
    ["007", "7"],
    ["0", "0"],
    ["999", "999"],
    ["1,000", "1000"],
  ])("%j reads as %s", (typed, want) => {
    expect(value(typed)).toBe(want);
  });

  it.each([
    ["", "enter a number"],
    ["-5", "must not be negative"],
    ["+5", "without a sign"],
    ["2.5e-6", "without an exponent"],
    ["abc", "use only digits"],
    ["$5", "use only digits"],
    ["1.2.3", "more than one"],
    ["1,5", "ambiguous"],
    ["1,50", "ambiguous"],
    ["0,500", "ambiguous"],
    ["1,00,000", "ambiguous"],
    ["20,000_000", "ambiguous"],
    ["1000,000", "ambiguous"],
    ["1,234.567,8", "ambiguous"],
    ["5.", "digits after"],
    [",", "ambiguous"],
  ])("%j is refused (%s)", (typed, why) => {
    expect(value(typed)).toMatch(new RegExp(`^refused: .*${why}`));
  });

  it("limits decimal places when asked", () => {
    expect(value("1.123456", 6)).toBe("1.123456");
    expect(value("1.1234567", 6)).toBe("refused: may have at most 6 decimal places");
  });

  const decimalText = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.option(fc.stringMatching(/^\d{0,11}[1-9]$/), { nil: undefined }))
    .map(([whole, fraction]) => (fraction ? `${whole}.${fraction}` : `${whole}`));

  it("property: format with any separator, then parse, gives the same decimal back", () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom(",", "_", " ", "") as fc.Arbitrary<"," | "_" | " " | "">, (text, sep) => {
        const parsed = parseNumberInput(formatNumberInput(text, sep));
        expect(parsed.ok && parsed.value).toBe(new MoneyDecimal(text).toFixed());
      }),
      { numRuns: 2000 },
    );
  });

  it("property: a price typed per 1K or 1M converts to the stored per-unit price and back exactly", () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom("unit", "1K", "1M") as fc.Arbitrary<"unit" | "1K" | "1M">, (text, per) => {
        const parsed = parseNumberInput(text);
        if (!parsed.ok) throw new Error(parsed.message);
        const stored = toUnitPrice(parsed.decimal, per);
        expect(fromUnitPrice(stored, per)).toBe(parsed.value);
      }),
      { numRuns: 2000 },
    );
    expect(toUnitPrice(new MoneyDecimal("2.5"), "1M")).toBe("0.0000025");
    expect(toUnitPrice(new MoneyDecimal("0.3"), "1K")).toBe("0.0003");
  });
});
