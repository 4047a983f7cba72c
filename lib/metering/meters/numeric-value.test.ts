import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNumericValue } from "./numeric-value";

const read = (raw: unknown, allowNegative = true) => readNumericValue(raw, "properties.v", allowNegative);
const refused = (rule: string) => ({ ok: false, rule, message: expect.stringContaining("properties.v") });

describe("readNumericValue", () => {
  it("takes short plain decimals as they are", () => {
    expect(read(1200)).toEqual({ ok: true, value: "1200" });
    expect(read(" 0.25 ")).toEqual({ ok: true, value: "0.25" });
    expect(read("1.50")).toEqual({ ok: true, value: "1.50" });
    expect(read(-3)).toEqual({ ok: true, value: "-3" });
  });

  it("writes exponent forms out as plain decimals", () => {
    expect(read("1.5e3")).toEqual({ ok: true, value: "1500" });
    expect(read("-2.5E-2")).toEqual({ ok: true, value: "-0.025" });
    expect(read("12e-1")).toEqual({ ok: true, value: "1.2" });
    expect(read(5e-7)).toEqual({ ok: true, value: "0.0000005" });
    expect(read(1e19)).toEqual({ ok: true, value: "10000000000000000000" });
    expect(read("0.0e99999")).toEqual({ ok: true, value: "0" });
  });

  it("accepts values up to 20 integer digits and 12 fractional digits", () => {
    expect(read("99999999999999999999.999999999999")).toEqual({ ok: true, value: "99999999999999999999.999999999999" });
    expect(read("-99999999999999999999.999999999999")).toEqual({ ok: true, value: "-99999999999999999999.999999999999" });
    expect(read("9.99999999999999999999e19")).toEqual({ ok: true, value: "99999999999999999999.9" });
    expect(read("0.000000000001")).toEqual({ ok: true, value: "0.000000000001" });
    expect(read("1e-12")).toEqual({ ok: true, value: "0.000000000001" });
  });

  it("refuses 10^20 and beyond in absolute value", () => {
    expect(read("100000000000000000000")).toEqual(refused("max_magnitude"));
    expect(read("-100000000000000000000")).toEqual(refused("max_magnitude"));
    expect(read(1e20)).toEqual(refused("max_magnitude"));
    expect(read(1e30)).toEqual(refused("max_magnitude"));
    expect(read("1e99999999999999999999")).toEqual(refused("max_magnitude"));
    expect(read("1e20")).toEqual({ ok: false, rule: "max_magnitude", message: expect.stringMatching(/less than 10\^20/) });
  });

  it("refuses more than 12 digits after the point, not counting trailing zeros", () => {
    expect(read("0.0000000000001")).toEqual(refused("max_scale"));
    expect(read("1.1234567890123456")).toEqual(refused("max_scale"));
    expect(read(0.1 + 0.2)).toEqual(refused("max_scale")); // 0.30000000000000004
    expect(read("1e-13")).toEqual(refused("max_scale"));
    expect(read("1e-99999999999999999999")).toEqual(refused("max_scale"));
    expect(read("1.5000000000000000")).toEqual({ ok: true, value: "1.5" });
    expect(read("1234567.1234567891230000e-0")).toEqual({ ok: true, value: "1234567.123456789123" });
  });

  it("keeps the other rules", () => {
    expect(read("lots")).toEqual(refused("numeric"));
    expect(read("1e")).toEqual(refused("numeric"));
    expect(read("01")).toEqual(refused("numeric"));
    expect(read(Infinity)).toEqual(refused("finite_number"));
    expect(read(undefined)).toEqual(refused("required"));
    expect(read({})).toEqual(refused("numeric"));
    expect(read(-5, false)).toEqual(refused("non_negative"));
    expect(read("-1e-3", false)).toEqual(refused("non_negative"));
    expect(read("-0.0", false)).toEqual({ ok: true, value: "-0.0" });
    expect(read("-0e5", false)).toEqual({ ok: true, value: "0" });
  });

  it("agrees with Decimal on the value and the range for generated decimal texts", () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: max });
    const decimalText = fc
      .tuple(fc.boolean(), digits(26), fc.option(digits(18)), fc.option(fc.integer({ min: -30, max: 30 })), fc.boolean())
      .map(([neg, int, frac, exp, upper]) => {
        const i = int.replace(/^0+(?=\d)/, "");
        return `${neg ? "-" : ""}${i}${frac === null ? "" : `.${frac}`}${exp === null ? "" : `${upper ? "E" : "e"}${exp}`}`;
      });
    fc.assert(
      fc.property(decimalText, (text) => {
        const d = new Decimal(text);
        const inRange = d.abs().lt("1e20") && d.decimalPlaces() <= 12;
        const result = read(text);
        expect(result.ok).toBe(inRange);
        if (result.ok) {
          expect(result.value).toMatch(/^-?\d+(\.\d+)?$/);
          expect(new Decimal(result.value).eq(d)).toBe(true);
        } else {
          expect(result.rule).toBe(d.abs().lt("1e20") ? "max_scale" : "max_magnitude");
        }
      }),
      { numRuns: 2000 },
    );
  });
});
