import { formatMinor } from "@/lib/money/format";
import { isKnownCurrency } from "@/lib/money/currencies";
import { MoneyDecimal } from "@/lib/money/decimal";

export type Payload = Record<string, unknown>;

/** A payload field as text, or null when absent or not a scalar. */
export function payloadText(p: Payload, key: string): string | null {
  const v = p[key];
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return null;
}

/** The first of these fields that holds an integer amount in minor units, formatted in the payload's currency. */
export function payloadMoney(p: Payload, keys: string[], currencyKey = "currency"): string | null {
  const currency = payloadText(p, currencyKey)?.toUpperCase() ?? "";
  for (const key of keys) {
    const v = payloadText(p, key);
    if (v === null || !/^-?\d+$/.test(v)) continue;
    return isKnownCurrency(currency)
      ? formatMinor(BigInt(v), currency)
      : `${v} (minor units${currency ? ` of ${currency}` : ""})`;
  }
  return null;
}

/** A payload timestamp as a UTC date and time ("2026-12-07 14:00 UTC"), or null. */
export function payloadTime(p: Payload, key: string): string | null {
  const v = payloadText(p, key);
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A path segment from the payload (an invoice number, an id), encoded for a URL; null when absent. */
export function payloadSegment(p: Payload, key: string): string | null {
  const v = payloadText(p, key);
  return v ? encodeURIComponent(v) : null;
}

/**
 * A spending limit's figure (`limit`, `cap`, `value`): money when the limit's scope is "spend" (minor units, maybe
 * fractional, shown rounded half-even to the cent for reading only), else a quantity with the meter's unit.
 */
export function payloadLimitFigure(p: Payload, key: string): string | null {
  const v = payloadText(p, key);
  if (v === null || !/^-?\d+(\.\d+)?$/.test(v)) return v;
  const amount = new MoneyDecimal(v);
  if (payloadText(p, "scope") === "spend") {
    const currency = payloadText(p, "currency")?.toUpperCase() ?? "";
    const minor = BigInt(amount.toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_EVEN).toFixed(0));
    return isKnownCurrency(currency) ? formatMinor(minor, currency) : `${minor} minor units`;
  }
  const [whole, fraction] = amount.toFixed().split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}${fraction ? `.${fraction}` : ""} ${payloadText(p, "meterUnit") ?? "units"}`;
}
