import { minorUnitExponent, type CurrencyCode } from "@/lib/money/currencies";

export type MinorParse = { ok: true; minor: bigint } | { ok: false; message: string };

/** "49.5" USD → 4950n exactly; refuses signs, more decimals than the currency has, and junk. */
export function majorToMinor(text: string, currency: CurrencyCode): MinorParse {
  const t = text.trim().replace(/,/g, "");
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
