import type Decimal from "decimal.js";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";

/**
 * The p-quantile (0 ≤ p ≤ 1) of exact quantities, interpolated linearly between order statistics (the
 * "type 7" rule of R and NumPy): p = 0.5 is the median, the mean of the two middle values for an even count.
 * Exact in decimal arithmetic; 0 for an empty list.
 */
export function quantile(values: readonly Decimal[], p: number): Decimal {
  if (values.length === 0) return ZERO;
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const pos = new MoneyDecimal(p).times(sorted.length - 1);
  const lower = pos.floor().toNumber();
  const frac = pos.minus(lower);
  if (frac.isZero() || lower + 1 >= sorted.length) return sorted[lower];
  return sorted[lower].plus(sorted[lower + 1].minus(sorted[lower]).times(frac));
}

/** The median of exact quantities. */
export const median = (values: readonly Decimal[]): Decimal => quantile(values, 0.5);
