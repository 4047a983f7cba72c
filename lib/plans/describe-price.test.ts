import { describe, expect, it } from "vitest";
import { describePrice } from "./describe-price";
import { formatMajor, formatQuantity } from "../money/format-major";
import { majorToMinor, minorToMajorText } from "../money/major-units";

describe("describePrice", () => {
  it("says per-unit prices the way people think about them", () => {
    expect(describePrice({ kind: "per_unit", unitPrice: "0.0000025" }, "USD", "token")).toEqual({ summary: "$2.50 per 1M tokens", included: null, tiers: [] });
    expect(describePrice({ kind: "per_unit", unitPrice: "0.04", includedUnits: "100" }, "USD", "image").included).toBe("The first 100 images each period are free");
  });

  it("says packages and tiers in plain words", () => {
    expect(describePrice({ kind: "package", packageSize: "1000", packagePrice: "5" }, "USD", "call").summary).toBe("$5.00 per 1,000 calls (each started block)");
    const graduated = describePrice(
      { kind: "graduated", tiers: [{ upTo: "1000000", unitPrice: "0.000003" }, { upTo: "10000000", unitPrice: "0.0000025", flatFee: "5" }, { upTo: null, unitPrice: "0.000002" }] },
      "USD",
      "tokens",
    );
    expect(graduated.summary).toBe("Graduated, 3 tiers: each unit at its tier's price");
    expect(graduated.tiers).toEqual(["First 1,000,000: $3.00 per 1M tokens", "1,000,000 to 10,000,000: $2.50 per 1M tokens + $5.00 flat fee", "Above 10,000,000: $2.00 per 1M tokens"]);
    expect(describePrice({ kind: "volume", tiers: [{ upTo: "10", unitPrice: "1" }, { upTo: null, unitPrice: "0.5" }] }, "EUR", "GB").tiers).toEqual(["Up to 10: €1.00 per GB", "Above 10: €0.50 per GB"]);
  });
});

describe("money and quantity text", () => {
  it("formats exact amounts without rounding", () => {
    expect(formatMajor("5", "USD")).toBe("$5.00");
    expect(formatMajor("0.0125", "USD")).toBe("$0.0125");
    expect(formatMajor("1500", "JPY")).toBe("¥1,500");
    expect(formatQuantity("12345678.25")).toBe("12,345,678.25");
  });

  it("reads major-unit amounts exactly, refusing more decimals than the currency has", () => {
    expect(majorToMinor("49.5", "USD")).toEqual({ ok: true, minor: 4950n });
    expect(majorToMinor("1,200", "JPY")).toEqual({ ok: true, minor: 1200n });
    expect(majorToMinor("", "USD")).toEqual({ ok: true, minor: 0n });
    expect(majorToMinor("0.001", "USD")).toEqual({ ok: false, message: "USD amounts have at most 2 decimal places" });
    expect(majorToMinor("-1", "USD").ok).toBe(false);
    expect(minorToMajorText(4950, "USD")).toBe("49.50");
    expect(minorToMajorText(5, "KWD")).toBe("0.005");
  });
});
