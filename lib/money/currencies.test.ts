import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, isKnownCurrency, minorUnitExponent, parseCurrency, type CurrencyCode } from "./currencies";

describe("currencies", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["CAD", 2],
    ["AUD", 2],
    ["CHF", 2],
    ["INR", 2],
    ["BRL", 2],
    ["KWD", 3],
  ] as [CurrencyCode, number][])("%s has %i minor-unit decimals", (code, exponent) => {
    expect(isKnownCurrency(code)).toBe(true);
    expect(minorUnitExponent(code)).toBe(exponent);
  });

  it("agrees with Intl's currency digits for every known currency", () => {
    for (const code of CURRENCY_CODES) {
      const digits = new Intl.NumberFormat("en-US", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits;
      expect([code, minorUnitExponent(code)]).toEqual([code, digits]);
    }
  });

  it("knows only upper-case ISO codes it lists", () => {
    expect(isKnownCurrency("usd")).toBe(false);
    expect(isKnownCurrency("XXX")).toBe(false);
    expect(isKnownCurrency("toString")).toBe(false);
    expect(isKnownCurrency("")).toBe(false);
  });

  it("parses codes case-insensitively and refuses unknown ones", () => {
    expect(parseCurrency(" jpy ")).toBe("JPY");
    expect(() => parseCurrency("XYZ")).toThrow(/Unknown currency/);
    expect(() => minorUnitExponent("XYZ" as CurrencyCode)).toThrow(/Unknown currency/);
  });
});
