import { describe, expect, it } from "vitest";
import { majorToMinor } from "./major-units";

describe("majorToMinor", () => {
  it("reads amounts, with commas grouping thousands", () => {
    expect(majorToMinor("49.5", "USD")).toEqual({ ok: true, minor: 4950n });
    expect(majorToMinor("20,000,000", "USD")).toEqual({ ok: true, minor: 2_000_000_000n });
    expect(majorToMinor(" 1,234.50 ", "USD")).toEqual({ ok: true, minor: 123_450n });
    expect(majorToMinor("1234", "JPY")).toEqual({ ok: true, minor: 1234n });
  });

  // Found by the server action fuzz: "1,5" (a decimal comma) was read as 15, "1,2,3" as 123.
  it.each(["1,5", "1,2,3", "12,34", "1,0000", ",100", "100,", "20.000.000,50"])("refuses %s rather than guess", (text) => {
    expect(majorToMinor(text, "USD")).toMatchObject({ ok: false, message: expect.stringContaining("is not an amount") });
  });

  it.each(["1e400", "-0", "-5", "NaN", "Infinity", "0x10", "１２", "$10"])("refuses %s", (text) => {
    expect(majorToMinor(text, "USD").ok).toBe(false);
  });

  it("refuses more decimals than the currency has", () => {
    expect(majorToMinor("0.001", "USD")).toEqual({ ok: false, message: "USD amounts have at most 2 decimal places" });
    expect(majorToMinor("1.5", "JPY").ok).toBe(false);
  });
});
