import { minorUnitExponent, type CurrencyCode } from "@/lib/money/currencies";
import { toDecimal, type DecimalInput } from "@/lib/money/decimal";

const LOCALE = "en-US";

/**
 * Formats an exact major-unit amount with all its decimals, never rounding: "5" USD → "$5.00",
 * "0.0125" USD → "$0.0125". For prices and unrounded amounts shown as they are; charged amounts are
 * integer minor units and use formatMinor.
 */
export function formatMajor(amount: DecimalInput, currency: CurrencyCode): string {
  const d = toDecimal(amount);
  const digits = Math.max(minorUnitExponent(currency), d.decimalPlaces());
  const f = new Intl.NumberFormat(LOCALE, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  return f.format(d.toFixed() as Intl.StringNumericLiteral);
}

/** A quantity with digit grouping and all its decimals: "1000000" → "1,000,000", "2.5" → "2.5". */
export function formatQuantity(quantity: DecimalInput): string {
  const d = toDecimal(quantity);
  const f = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: Math.max(0, d.decimalPlaces()) });
  return f.format(d.toFixed() as Intl.StringNumericLiteral);
}
