import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CurrencyCode } from "./currencies";
import { MoneyDecimal } from "./decimal";
import { fromMinorUnits, toMinorUnits } from "./round";

describe("toMinorUnits: round half-even to the currency's minor unit", () => {
  it.each([
    ["USD", "0.125", 12n], // exact half: to even (12)
    ["USD", "0.135", 14n], // exact half: to even (14)
    ["USD", "0.145", 14n],
    ["USD", "0.1251", 13n], // above half: up
    ["USD", "0.1249", 12n],
    ["USD", "1.005", 100n],
    ["USD", "1.015", 102n],
    ["USD", "-0.125", -12n],
    ["USD", "-0.135", -14n],
    ["USD", "-0.1251", -13n],
    ["USD", "0", 0n],
    ["USD", "0.004999", 0n],
    ["USD", "12.34", 1234n],
    ["EUR", "0.005", 0n],
    ["EUR", "0.015", 2n],
    ["JPY", "2.5", 2n],
    ["JPY", "3.5", 4n],
    ["JPY", "1234.5", 1234n],
    ["JPY", "1234.51", 1235n],
    ["KRW", "999.5", 1000n],
    ["KWD", "0.0005", 0n],
    ["KWD", "0.0015", 2n],
    ["KWD", "1.2345", 1234n],
    ["USD", "123456789012345678.905", 12345678901234567890n],
  ] as [CurrencyCode, string, bigint][])("%s %s → %d minor units", (currency, amount, expected) => {
    expect(toMinorUnits(amount, currency)).toBe(expected);
  });

  it("accepts a Decimal as well as a string", () => {
    expect(toMinorUnits(new MoneyDecimal("2.675"), "USD")).toBe(268n);
    expect(toMinorUnits(new MoneyDecimal("2.665"), "USD")).toBe(266n);
  });

  it("property: is within half a minor unit of the exact amount, and exact halves land on even", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        const amount = new MoneyDecimal(units.toString()).dividedBy(new MoneyDecimal(10).pow(scale));
        const minor = toMinorUnits(amount, "USD");
        const error = new MoneyDecimal(minor.toString()).minus(amount.times(100)).abs();
        expect(error.lte("0.5")).toBe(true);
        if (error.eq("0.5")) expect(minor % 2n).toBe(0n);
      }),
    );
  });

  it("property: fromMinorUnits is its exact inverse", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.constantFrom<CurrencyCode>("USD", "JPY", "KWD"), (minor, currency) => {
        expect(toMinorUnits(fromMinorUnits(minor, currency), currency)).toBe(minor);
      }),
    );
  });

  it("fromMinorUnits gives major units", () => {
    expect(fromMinorUnits(1234n, "USD").toString()).toBe("12.34");
    expect(fromMinorUnits(1500n, "JPY").toString()).toBe("1500");
    expect(fromMinorUnits(-5n, "KWD").toString()).toBe("-0.005");
  });
});
