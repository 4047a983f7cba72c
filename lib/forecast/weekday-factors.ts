import type Decimal from "decimal.js";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import { median } from "./quantile";

const ONE = new MoneyDecimal(1);

/**
 * How each weekday (0 = Sunday, as Date#getUTCDay) compares with its week, from whole weeks of daily
 * totals (oldest first, `firstWeekday` the weekday of the first): per week, each day's total over the
 * week's mean; per weekday, the median of those ratios over the weeks; then scaled so the seven factors
 * average 1. Weeks without usage are skipped; without any week, every factor is 1.
 */
export function weekdayFactors(totals: readonly Decimal[], firstWeekday: number): Decimal[] {
  const ratios: Decimal[][] = Array.from({ length: 7 }, () => []);
  for (let start = 0; start + 7 <= totals.length; start += 7) {
    const week = totals.slice(start, start + 7);
    const mean = week.reduce((s, t) => s.plus(t), ZERO).dividedBy(7);
    if (!mean.gt(0)) continue;
    week.forEach((t, i) => ratios[(firstWeekday + start + i) % 7].push(t.dividedBy(mean)));
  }
  if (ratios[0].length === 0) return Array.from({ length: 7 }, () => ONE);
  const raw = ratios.map((r) => median(r));
  const mean = raw.reduce((s, f) => s.plus(f), ZERO).dividedBy(7);
  return raw.map((f) => f.dividedBy(mean));
}
