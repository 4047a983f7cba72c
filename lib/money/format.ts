import type Decimal from "decimal.js";
import { minorUnitExponent, type CurrencyCode } from "./currencies";
import { MoneyDecimal, toDecimal, type DecimalInput } from "./decimal";

const DEFAULT_LOCALE = "en-US";

/** Formats an integer minor-unit amount: 123456n USD → "$1,234.56", 1500n JPY → "¥1,500". Exact (no floats). */
export function formatMinor(amountMinor: bigint, currency: CurrencyCode, locale = DEFAULT_LOCALE): string {
  const exponent = minorUnitExponent(currency);
  return formatDecimalText(minorToText(amountMinor, exponent), currency, exponent, locale);
}

export type UnitLabel = string | { singular: string; plural: string };

const SCALES = [
  { factor: new MoneyDecimal(1), prefix: "" },
  { factor: new MoneyDecimal(1_000), prefix: "1K " },
  { factor: new MoneyDecimal(1_000_000), prefix: "1M " },
  { factor: new MoneyDecimal(1_000_000_000), prefix: "1B " },
] as const;

const MAX_SIGNIFICANT = 4;

/**
 * Shows a per-unit price the way people think about it, scaling to per 1, 1K, 1M or 1B units:
 * the smallest scale at which the price reaches one minor unit ($0.01, ¥1), shown with the
 * currency's decimals and at most ~4 significant digits (display-only, half-even):
 *   0.0000025 USD per "token" → "$2.50 per 1M tokens";  0.002 USD per "image" → "$2.00 per 1K images";
 *   7 USD per "font" → "$7.00 per font".
 * A plain string label is pluralised by adding "s" unless it ends in "s" or is upper-case ("GB").
 */
export function formatUnitPrice(unitPrice: DecimalInput, currency: CurrencyCode, unitLabel: UnitLabel, locale = DEFAULT_LOCALE): string {
  const exponent = minorUnitExponent(currency);
  const price = toDecimal(unitPrice);
  const minorUnit = new MoneyDecimal(1).dividedBy(new MoneyDecimal(10).pow(exponent));
  const scale = price.isZero() ? SCALES[0] : (SCALES.find((s) => price.abs().times(s.factor).gte(minorUnit)) ?? SCALES[SCALES.length - 1]);
  const scaled = price.times(scale.factor);
  const digits = Math.max(exponent, Math.min(Math.max(scaled.decimalPlaces(), 0), fractionDigitsForSignificant(scaled)));
  const shown = scaled.toDecimalPlaces(digits, MoneyDecimal.ROUND_HALF_EVEN);
  const money = formatDecimalText(shown.toString(), currency, digits, locale);
  const label = scale.prefix === "" ? singularOf(unitLabel) : pluralOf(unitLabel);
  return `${money} per ${scale.prefix}${label}`;
}

function fractionDigitsForSignificant(value: Decimal): number {
  if (value.isZero()) return 0;
  // value = d.ddd × 10^e, so MAX_SIGNIFICANT digits end at fraction digit (MAX_SIGNIFICANT - 1 - e)
  return Math.max(0, MAX_SIGNIFICANT - 1 - value.abs().e);
}

function singularOf(label: UnitLabel): string {
  return typeof label === "string" ? label : label.singular;
}

function pluralOf(label: UnitLabel): string {
  if (typeof label !== "string") return label.plural;
  return label.endsWith("s") || /^[A-Z0-9]+$/.test(label) ? label : `${label}s`;
}

/** "-1234.56" from -123456n with exponent 2. */
function minorToText(amountMinor: bigint, exponent: number): string {
  const sign = amountMinor < 0n ? "-" : "";
  const digits = (amountMinor < 0n ? -amountMinor : amountMinor).toString().padStart(exponent + 1, "0");
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats exact decimal text with Intl (string input: no conversion to a JS float). */
function formatDecimalText(text: string, currency: CurrencyCode, fractionDigits: number, locale: string): string {
  const key = `${locale}|${currency}|${fractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    formatters.set(key, f);
  }
  return f.format(text as Intl.StringNumericLiteral);
}
