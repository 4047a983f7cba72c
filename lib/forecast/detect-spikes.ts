import type Decimal from "decimal.js";
import { MoneyDecimal } from "@/lib/money/decimal";

export type SpikeOptions = {
  /** Index of the first hour to check; it needs 14 days (336 hours) of series before it. */
  from: number;
  /** Index after the last hour to check (default: the end of the series). */
  to?: number;
  /** How many median absolute deviations above the baseline an hour must be (default 5). */
  k?: number;
  /** The least cost, in minor units, of the units above the baseline (default 100: $1.00). */
  minCostMinor?: bigint;
  /** The cost in minor units of `units` more usage in hour `index` (priced with the plan where the period stands). */
  costOf: (units: Decimal, index: number) => bigint;
};

export type Spike = {
  /** Index of the hour in the series. */
  index: number;
  units: number;
  /** The hour-of-week's usual usage (median) and the level above which an hour is a spike. */
  baseline: number;
  threshold: number;
  /** What the units above the baseline cost, in minor units. */
  costMinor: bigint;
};

const WEEK = 168;
/** Scales a MAD to estimate the standard deviation of normal noise (as R's mad() does by default). */
const MAD_TO_SD = 1.4826;
const WINDOW_WEEKS = 2;

/**
 * The spikes in an hourly usage series (index 0 = any hour; a week is 168 indexes). An hour is a spike
 * when its usage exceeds its baseline by more than k median absolute deviations and the excess costs at
 * least minCostMinor. The baseline is the same hour of the week over the last 14 days, each with the hour
 * either side (6 samples: their median and MAD, the MAD scaled by 1.4826 to estimate a standard deviation
 * as R's mad() does). Two weeks give few samples, so the deviation used is at least the fortnight's
 * typical one (see typicalDeviation) times the baseline. Statistics are computed in floating point (they
 * are estimates that decide whether to alert); the cost of the excess is priced exactly by `costOf`.
 */
export function detectSpikes(series: readonly number[], opts: SpikeOptions): Spike[] {
  const k = opts.k ?? 5;
  const minCost = opts.minCostMinor ?? 100n;
  const from = Math.max(opts.from, WINDOW_WEEKS * WEEK + 1);
  const to = Math.min(opts.to ?? series.length, series.length);
  if (from >= to) return [];
  const typical = typicalDeviation(series, from);
  const spikes: Spike[] = [];
  for (let h = from; h < to; h++) {
    const units = series[h];
    const { median, mad } = baselineAt(series, h);
    const threshold = median + k * Math.max(mad, typical * median);
    if (!(units > threshold)) continue;
    const costMinor = opts.costOf(new MoneyDecimal(String(units - median)), h);
    if (costMinor >= minCost) spikes.push({ index: h, units, baseline: median, threshold, costMinor });
  }
  return spikes;
}

/**
 * The fortnight's typical deviation of an hour from its usual level, relative to that level: over the week
 * before `from`, each hour against the same hour the week before (|a - b| over their mean); the median of
 * those, scaled to a standard deviation (the difference of two hours varies √2 times one hour's noise).
 * Day-to-day swings count here, which two days' samples of one hour can miss.
 */
function typicalDeviation(series: readonly number[], from: number): number {
  const relative: number[] = [];
  for (let h = from - WEEK; h < from; h++) {
    const a = series[h];
    const b = series[h - WEEK];
    if (a + b > 0) relative.push(Math.abs(a - b) / ((a + b) / 2));
  }
  return (MAD_TO_SD / Math.SQRT2) * medianOf(relative);
}

/** Median and median absolute deviation of hour h's samples: the same hour (±1) 1 and 2 weeks before. */
function baselineAt(series: readonly number[], h: number): { median: number; mad: number } {
  const samples: number[] = [];
  for (let w = 1; w <= WINDOW_WEEKS; w++) {
    for (let d = -1; d <= 1; d++) {
      const v = series[h - w * WEEK + d];
      if (v !== undefined) samples.push(v);
    }
  }
  const median = medianOf(samples);
  return { median, mad: MAD_TO_SD * medianOf(samples.map((v) => Math.abs(v - median))) };
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
