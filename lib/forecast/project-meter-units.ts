import type Decimal from "decimal.js";
import { ZERO } from "@/lib/money/decimal";
import { median, quantile } from "./quantile";
import { weekdayFactors } from "./weekday-factors";

/** A meter's whole UTC days of usage, oldest first: totals[i] is the day starting firstDay + i days. */
export type DailyHistory = { firstDay: Date; totals: readonly Decimal[] };

/** Projected units: the middle estimate and a low–high band around it. */
export type UnitsRange = { low: Decimal; mid: Decimal; high: Decimal };

/** Fewer whole days of history than this: no projection ("not enough history yet"). */
export const MIN_HISTORY_DAYS = 3;
/** From this many whole days on, each weekday gets its own factor (weekly seasonality). */
export const SEASONAL_HISTORY_DAYS = 21;

const DAY = 86_400_000;
/** Projected units are kept to this many decimal places (half-even), enough for any meter's unit. */
const UNIT_DECIMALS = 6;

/** A meter's recent daily rate (deseasoned) with its band, and its weekday factors (null: fewer than 3 weeks). */
export type MeterRate = { low: Decimal; mid: Decimal; high: Decimal; factors: Decimal[] | null };

/**
 * The units a meter will use over [from, to) at its recent rate, or null with fewer than 3 whole days of
 * history. The rate is the median of the last 7 days' totals (robust to a burst or a quiet day); with 3
 * weeks of history, each day is first divided by its weekday's factor (see weekdayFactors) and the
 * projection multiplied back by the factor of each day ahead. The band uses the 25th and 75th
 * percentiles of the last 14 days (widened to include the median when the week differs from the
 * fortnight). Each day ahead counts for the part of it inside [from, to).
 */
export function projectMeterUnits(history: DailyHistory, from: Date, to: Date): UnitsRange | null {
  const rate = meterRate(history);
  return rate && projectRate(rate, from, to);
}

/**
 * The rate projectMeterUnits projects, computed once: a caller projecting many ranges of one history (the
 * spend path, day by day) reuses it with projectRate. Null with fewer than 3 whole days of history.
 */
export function meterRate(history: DailyHistory): MeterRate | null {
  if (rates.has(history)) return rates.get(history)!;
  const rate = computeRate(history);
  rates.set(history, rate);
  return rate;
}

/** meterRate by history: the forecast and its spend path project the same histories. */
const rates = new WeakMap<DailyHistory, MeterRate | null>();

function computeRate(history: DailyHistory): MeterRate | null {
  const { totals } = history;
  if (totals.length < MIN_HISTORY_DAYS) return null;
  const weekdayOf = (i: number) => (history.firstDay.getUTCDay() + i) % 7;
  const seasonal = totals.length >= SEASONAL_HISTORY_DAYS;
  const firstSeasonal = totals.length - SEASONAL_HISTORY_DAYS;
  const factors = seasonal ? weekdayFactors(totals.slice(firstSeasonal), weekdayOf(firstSeasonal)) : null;
  const deseasoned = (start: number) =>
    totals
      .map((t, i) => ({ t, f: factors?.[weekdayOf(i)] }))
      .slice(Math.max(0, start))
      .filter(({ f }) => !f || f.gt(0))
      .map(({ t, f }) => (f ? t.dividedBy(f) : t));
  const last7 = deseasoned(totals.length - 7);
  const last14 = deseasoned(totals.length - 14);
  const level = median(last7);
  const q25 = quantile(last14, 0.25);
  const q75 = quantile(last14, 0.75);
  return { low: q25.lt(level) ? q25 : level, mid: level, high: q75.gt(level) ? q75 : level, factors };
}

/** The units over [from, to) at `rate` (see projectMeterUnits). */
export function projectRate(rate: MeterRate, from: Date, to: Date): UnitsRange {
  const { factors } = rate;
  let low = ZERO;
  let mid = ZERO;
  let high = ZERO;
  for (let day = Math.floor(from.getTime() / DAY) * DAY; day < to.getTime(); day += DAY) {
    const span = Math.min(day + DAY, to.getTime()) - Math.max(day, from.getTime());
    if (span <= 0) continue;
    const factor = factors ? factors[new Date(day).getUTCDay()] : null;
    const share = (r: Decimal) => (factor ? r.times(factor) : r).times(span).dividedBy(DAY);
    low = low.plus(share(rate.low));
    mid = mid.plus(share(rate.mid));
    high = high.plus(share(rate.high));
  }
  const tidy = (d: Decimal) => d.toDecimalPlaces(UNIT_DECIMALS);
  return { low: tidy(low), mid: tidy(mid), high: tidy(high) };
}
