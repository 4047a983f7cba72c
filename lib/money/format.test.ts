import { describe, expect, it } from "vitest";
import type { CurrencyCode } from "./currencies";
import { MoneyDecimal } from "./decimal";
import { formatMinor, formatUnitPrice, type UnitLabel } from "./format";

/** Intl puts no-break spaces in some formats; compare with plain spaces. */
const plain = (s: string) => s.replace(/\s/g, " ");

describe("formatMinor", () => {
  it.each([
    [123456n, "USD", "$1,234.56"],
    [5n, "USD", "$0.05"],
    [0n, "USD", "$0.00"],
    [-123456n, "USD", "-$1,234.56"],
    [100n, "GBP", "£1.00"],
    [123456n, "EUR", "€1,234.56"],
    [1500n, "JPY", "¥1,500"],
    [1500n, "KRW", "₩1,500"],
    [1234n, "KWD", "KWD 1.234"],
    [123456789012345678901n, "USD", "$1,234,567,890,123,456,789.01"],
  ] as [bigint, CurrencyCode, string][])("%d %s → %s", (minor, currency, expected) => {
    expect(plain(formatMinor(minor, currency))).toBe(expected);
  });

  it("uses the locale's separators", () => {
    expect(plain(formatMinor(123456n, "EUR", "de-DE"))).toBe("1.234,56 €");
    expect(plain(formatMinor(1500n, "JPY", "ja-JP"))).toBe("￥1,500");
  });
});

describe("formatUnitPrice", () => {
  it.each([
    ["0.0000025", "USD", "token", "$2.50 per 1M tokens"],
    ["0.000003", "USD", "token", "$3.00 per 1M tokens"],
    ["0.00000015", "USD", "token", "$0.15 per 1M tokens"],
    ["0.0000031234", "USD", "token", "$3.123 per 1M tokens"],
    ["0.002", "USD", "image", "$2.00 per 1K images"],
    ["0.0004", "USD", { singular: "API call", plural: "API calls" }, "$0.40 per 1K API calls"],
    ["0.00002", "USD", "GB", "$0.02 per 1K GB"],
    ["0.05", "USD", "request", "$0.05 per request"],
    ["0.012345", "USD", "request", "$0.01234 per request"],
    ["7", "USD", "font", "$7.00 per font"],
    ["6.5", "EUR", "seat", "€6.50 per seat"],
    ["1234.5678", "USD", "seat", "$1,234.57 per seat"],
    ["0", "USD", "token", "$0.00 per token"],
    ["0.000000000001", "USD", "token", "$0.001 per 1B tokens"],
    ["0.5", "JPY", "token", "¥500 per 1K tokens"],
    ["3", "JPY", "image", "¥3 per image"],
    ["0.0008", "JPY", "call", "¥800 per 1M calls"],
    ["0.00004", "JPY", "call", "¥40 per 1M calls"],
  ] as [string, CurrencyCode, UnitLabel, string][])("%s %s per %j → %s", (price, currency, label, expected) => {
    expect(plain(formatUnitPrice(price, currency, label))).toBe(expected);
  });

  it("accepts a Decimal price", () => {
    expect(formatUnitPrice(new MoneyDecimal("0.0000025"), "USD", "token")).toBe("$2.50 per 1M tokens");
  });

  it("refuses a float price that is not exact", () => {
    expect(() => formatUnitPrice(0.1, "USD", "token")).toThrow(/not exactly representable/);
  });
});
