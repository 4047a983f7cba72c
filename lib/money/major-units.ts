import { minorUnitExponent, type CurrencyCode } from "@/lib/money/currencies";

export type MinorParse = { ok: true; minor: bigint } | { ok: false; message: string };

/** Commas that group thousands: "20,000,000" or "1,234.50", never "1,5". */
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * "49.5" USD → 4950n exactly; refuses signs, more decimals than the currency has, and junk. Commas may
 * group thousands; any other comma is refused ("1,5" is not read as 15).
 */
export function majorToMinor(text: string, currency: CurrencyCode): MinorParse {
  const trimmed = text.trim();
  if (trimmed.includes(",") && !GROUPED.test(trimmed))
    return { ok: false, message: `"${text}" is not an amount like 49.00 (a comma may only group thousands, as in 20,000,000)` };
  const t = trimmed.replace(/,/g, "");
  if (t === "") return { ok: true, minor: 0n };
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(t);
  if (!m) return { ok: false, message: `"${text}" is not an amount like 49.00` };
  const exponent = minorUnitExponent(currency);
  const frac = m[2] ?? "";
  if (frac.length > exponent) return { ok: false, message: `${currency} amounts have at most ${exponent} decimal places` };
  return { ok: true, minor: BigInt(m[1] + frac.padEnd(exponent, "0")) };
}

/** 4950 USD → "49.50" (for form fields). */
export function minorToMajorText(minor: number | bigint, currency: CurrencyCode): string {
  const exponent = minorUnitExponent(currency);
  const digits = BigInt(minor).toString().padStart(exponent + 1, "0");
  return exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
