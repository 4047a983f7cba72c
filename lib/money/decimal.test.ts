import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { MONEY_PRECISION, MoneyDecimal, toDecimal } from "./decimal";

describe("MoneyDecimal", () => {
  it("keeps 40 significant digits and rounds half-even by default, never half-up", () => {
    expect(MoneyDecimal.precision).toBe(MONEY_PRECISION);
    expect(MoneyDecimal.rounding).toBe(Decimal.ROUND_HALF_EVEN);
    expect(new MoneyDecimal(1).dividedBy(3).sd()).toBe(40);
    expect(new MoneyDecimal("0.25").toDecimalPlaces(1).toString()).toBe("0.2");
  });

  it("prints plain notation, never exponents", () => {
    expect(toDecimal("0.0000025").toString()).toBe("0.0000025");
    expect(toDecimal("1e-30").toString()).toBe("0.000000000000000000000000000001");
    expect(toDecimal("2.5e25").toString()).toBe("25000000000000000000000000");
  });
});

describe("toDecimal", () => {
  it.each([
    ["12", "12"],
    ["-0.5", "-0.5"],
    ["0.0000025", "0.0000025"],
    ["1e-7", "0.0000001"],
    [".5", "0.5"],
    ["-0", "0"],
  ])("reads the string %s", (input, expected) => {
    expect(toDecimal(input).toString()).toBe(expected);
  });

  it.each(["NaN", "Infinity", "-Infinity", "0x10", "0b1", " 1", "1 ", "1,000", "", "abc", "1.2.3", "+-1"])("refuses the string %j", (input) => {
    expect(() => toDecimal(input)).toThrow(RangeError);
  });

  it("accepts safe integers and exactly representable numbers", () => {
    expect(toDecimal(42).toString()).toBe("42");
    expect(toDecimal(-7).toString()).toBe("-7");
    expect(toDecimal(0.5).toString()).toBe("0.5");
    expect(toDecimal(0.375).toString()).toBe("0.375");
    expect(toDecimal(2 ** 53).toString()).toBe("9007199254740992");
    expect(toDecimal(2 ** 53 + 2).toString()).toBe("9007199254740994");
    expect(toDecimal(1e21).toString()).toBe("1000000000000000000000");
    expect(toDecimal(-0).toString()).toBe("0");
  });

  // 2 ** 60 prints as 1152921504606847000, which is not its binary value 1152921504606846976
  it.each([0.1, 0.2, 1.1, 2.675, 1e-7, 5e-324, 123456789.123, 2 ** 60])("refuses the number %d that does not print as its exact value", (input) => {
    expect(() => toDecimal(input)).toThrow(/not exactly representable/);
  });

  it.each([NaN, Infinity, -Infinity])("refuses %d", (input) => {
    expect(() => toDecimal(input)).toThrow(RangeError);
  });

  it("reads bigints beyond 2^53 exactly", () => {
    expect(toDecimal(12345678901234567890123n).toString()).toBe("12345678901234567890123");
  });

  it("re-homes a Decimal of another configuration into MoneyDecimal without losing digits", () => {
    const foreign = new Decimal("1.123456789012345678901234567");
    const d = toDecimal(foreign);
    expect(d.constructor).toBe(MoneyDecimal);
    expect(d.toString()).toBe("1.123456789012345678901234567");
    expect(() => toDecimal(new Decimal(NaN))).toThrow(RangeError);
    expect(() => toDecimal(new Decimal(Infinity))).toThrow(RangeError);
  });

  it("returns a MoneyDecimal unchanged", () => {
    const d = new MoneyDecimal("3.5");
    expect(toDecimal(d)).toBe(d);
  });

  it("refuses more significant digits than the precision", () => {
    expect(() => toDecimal("1." + "1".repeat(40))).toThrow(/significant digits/);
    expect(toDecimal("1." + "1".repeat(39)).sd()).toBe(40);
  });

  it("refuses values that are not strings, numbers, bigints or Decimals", () => {
    expect(() => toDecimal({} as unknown as string)).toThrow(TypeError);
  });
});
