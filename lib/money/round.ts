import type Decimal from "decimal.js";
import { minorUnitExponent, type CurrencyCode } from "./currencies";
import { MoneyDecimal, toDecimal, type DecimalInput } from "./decimal";

/**
 * THE ONE ROUNDING RULE OF METERLY.
 *
 * An unrounded amount in major units (dollars, euros, yen) becomes a chargeable integer number of
 * minor units (cents; yen for JPY) by rounding to the currency's exponent with ROUND HALF EVEN
 * (banker's rounding): exact halves go to the even neighbour, everything else to the nearest.
 *   USD 0.125 → 12¢   USD 0.135 → 14¢   USD 0.1251 → 13¢   USD -0.125 → -12¢   JPY 2.5 → ¥2
 * Half-even has no upward bias, so many rounded amounts do not drift from their exact sum.
 * No other code may round money: callers keep amounts unrounded (Decimal) and call this once,
 * or use RemainderCarry (./remainder-carry) when charging a running total piece by piece.
 */
export function toMinorUnits(amountMajor: DecimalInput, currency: CurrencyCode): bigint {
  const scaled = toDecimal(amountMajor).times(pow10(minorUnitExponent(currency)));
  const rounded = scaled.toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_EVEN);
  return BigInt(rounded.toString());
}

/** The exact major-unit value of an integer minor-unit amount: 1234n USD → 12.34. */
export function fromMinorUnits(amountMinor: bigint, currency: CurrencyCode): Decimal {
  return new MoneyDecimal(amountMinor.toString()).dividedBy(pow10(minorUnitExponent(currency)));
}

const powers = new Map<number, Decimal>();

function pow10(exponent: number): Decimal {
  let p = powers.get(exponent);
  if (!p) {
    p = new MoneyDecimal(10).pow(exponent);
    powers.set(exponent, p);
  }
  return p;
}
