/**
 * Forecast backtest: npm run forecast:backtest (tools/forecast/backtest.ts)
 * A year of synthetic hourly usage for 200 customers (flat, growth, seasonal, bursts; seeded PRNG) with
 * injected spikes, replayed in memory through the forecaster at day 7, 14 and 21 of each monthly period
 * and through the spike detector week by week. Prints the median absolute percentage error of the
 * projected period spend (total and usage part) per shape and day, how often the actual total fell in
 * the low–high band, and the spike detector's precision and recall. Exits 1 when a floor is missed:
 * day 14 median error under 10% for flat, growth and seasonal; spike precision and recall at least 0.9,
 * over all customers and over all but the bursts shape. An alert is correct on an injected spike or burst
 * hour; recall counts the injected hours whose added units cost at least $1 where the period stands.
 */
import type Decimal from "decimal.js";
import { composeInvoice } from "@/lib/billing/compose-invoice";
import { detectSpikes } from "@/lib/forecast/detect-spikes";
import { forecastPeriod } from "@/lib/forecast/forecast-period";
import { spikeCost } from "@/lib/forecast/spike-cost";
import { MoneyDecimal } from "@/lib/money/decimal";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { BASE_FEE_MINOR, METER_ID, MODEL, planInputs } from "./backtest-plan";
import { SHAPES, syntheticCustomer, type Shape } from "./synthetic-usage";

const CUSTOMERS = 200;
const DAYS = 365;
const SEED = 0xf0ca57;
const CHECK_DAYS = [7, 14, 21] as const;
const HISTORY_DAYS = 28;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const YEAR_START = new Date("2025-01-01T00:00:00Z");
const FLOOR_ERROR = 0.1;
const FLOOR_SPIKES = 0.9;

type Errors = { total: number[]; usage: number[]; inBand: number };
const errors = new Map<string, Errors>();
const spikes = new Map<Shape, { detected: number; correct: number; truth: number; found: number }>();
const started = Date.now();

for (let c = 0; c < CUSTOMERS; c++) {
  const shape = SHAPES[c % SHAPES.length];
  const customer = syntheticCustomer(shape, SEED + c, DAYS, YEAR_START.getUTCDay());
  const daily = Array.from({ length: DAYS }, (_, d) =>
    customer.hourly.slice(d * 24, d * 24 + 24).reduce((a, b) => a + b, 0),
  );
  const prefix = [0];
  for (const u of customer.hourly) prefix.push(prefix[prefix.length - 1] + u);
  const dayOf = (at: Date) => Math.round((at.getTime() - YEAR_START.getTime()) / DAY);

  for (
    let p = billingPeriodAt(YEAR_START, "MONTH", YEAR_START);
    dayOf(p.end) <= DAYS;
    p = billingPeriodAt(YEAR_START, "MONTH", p.end)
  ) {
    const [first, last] = [dayOf(p.start), dayOf(p.end)];
    const actual = composeInvoice(
      planInputs(p.start, p.end, YEAR_START, prefix[last * 24] - prefix[first * 24]),
    ).totalMinor;
    for (const day of CHECK_DAYS) {
      const now = new Date(p.start.getTime() + day * DAY);
      const nowDay = first + day;
      const from = Math.max(0, nowDay - HISTORY_DAYS);
      const history = {
        firstDay: new Date(YEAR_START.getTime() + from * DAY),
        totals: daily.slice(from, nowDay).map((t) => new MoneyDecimal(t)),
      };
      const inputs = planInputs(p.start, p.end, YEAR_START, prefix[nowDay * 24] - prefix[first * 24]);
      const f = forecastPeriod(inputs, new Map([[METER_ID, history]]), now);
      if (!f.projected) throw new Error(`no projection at day ${day} of period ${p.index}`);
      const e = errors.get(`${shape}|${day}`) ?? { total: [], usage: [], inBand: 0 };
      const mid = f.projected.mid.totalMinor;
      e.total.push(Math.abs(Number(mid - actual)) / Number(actual));
      e.usage.push(Math.abs(Number(mid - actual)) / Math.max(1, Number(actual - BASE_FEE_MINOR)));
      if (f.projected.low.totalMinor <= actual && actual <= f.projected.high.totalMinor) e.inBand++;
      errors.set(`${shape}|${day}`, e);
    }
  }

  // Spikes: the detector runs week by week from the first hour with 14 days of history before it.
  const periodUsageBefore = (h: number) => {
    const at = new Date(YEAR_START.getTime() + h * HOUR);
    const startHour = Math.round(
      (billingPeriodAt(YEAR_START, "MONTH", at).start.getTime() - YEAR_START.getTime()) / HOUR,
    );
    return prefix[h] - prefix[startHour];
  };
  const costOf = (units: Decimal, h: number) => spikeCost(MODEL, periodUsageBefore(h), units, "USD");
  const firstChecked = 15 * 24;
  const s = spikes.get(shape) ?? { detected: 0, correct: 0, truth: 0, found: 0 };
  const detected = new Set<number>();
  for (let from = firstChecked; from < customer.hourly.length; from += 168) {
    for (const spike of detectSpikes(customer.hourly, { from, to: from + 168, costOf }))
      detected.add(spike.index);
  }
  s.detected += detected.size;
  for (const h of detected) if (customer.anomalies.has(h)) s.correct++;
  for (const [h, extra] of customer.anomalies) {
    if (h < firstChecked || costOf(new MoneyDecimal(extra), h) < 100n) continue;
    s.truth++;
    if (detected.has(h)) s.found++;
  }
  spikes.set(shape, s);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const failures: string[] = [];

console.log(
  `Forecast backtest: ${CUSTOMERS} customers x ${DAYS} days of hourly usage, ${SHAPES.join(", ")} (seed ${SEED})`,
);
console.log("");
console.log(
  "| shape | day | forecasts | median error, total | median error, usage | p90 error, total | actual in band |",
);
console.log("|---|---|---|---|---|---|---|");
for (const shape of SHAPES) {
  for (const day of CHECK_DAYS) {
    const e = errors.get(`${shape}|${day}`)!;
    const m = median(e.total);
    const sorted = [...e.total].sort((a, b) => a - b);
    console.log(
      `| ${shape} | ${day} | ${e.total.length} | ${pct(m)} | ${pct(median(e.usage))} | ${pct(sorted[Math.floor(0.9 * (sorted.length - 1))])} | ${pct(e.inBand / e.total.length)} |`,
    );
    if (day === 14 && shape !== "bursts" && !(m < FLOOR_ERROR))
      failures.push(`${shape} at day 14: median error ${pct(m)} (floor < ${pct(FLOOR_ERROR)})`);
  }
}
console.log("");
console.log("| shape | alerts | correct | spikes costing >= $1 | found | precision | recall |");
console.log("|---|---|---|---|---|---|---|");
const all = { detected: 0, correct: 0, truth: 0, found: 0 };
for (const shape of SHAPES) {
  const s = spikes.get(shape)!;
  for (const k of Object.keys(all) as (keyof typeof all)[]) all[k] += s[k];
  console.log(
    `| ${shape} | ${s.detected} | ${s.correct} | ${s.truth} | ${s.found} | ${(s.correct / s.detected).toFixed(3)} | ${(s.found / s.truth).toFixed(3)} |`,
  );
}
const steady = { detected: 0, correct: 0, truth: 0, found: 0 };
for (const shape of SHAPES.filter((x) => x !== "bursts")) {
  for (const k of Object.keys(steady) as (keyof typeof steady)[]) steady[k] += spikes.get(shape)![k];
}
// The floors hold for all customers and, so the bursts' many alerts cannot carry them, without the bursts shape.
for (const [name, t] of [
  ["all", all],
  ["all but bursts", steady],
] as const) {
  const precision = t.correct / t.detected;
  const recall = t.found / t.truth;
  console.log(
    `| ${name} | ${t.detected} | ${t.correct} | ${t.truth} | ${t.found} | ${precision.toFixed(3)} | ${recall.toFixed(3)} |`,
  );
  if (!(precision >= FLOOR_SPIKES))
    failures.push(`spike precision, ${name}: ${precision.toFixed(3)} (floor ${FLOOR_SPIKES})`);
  if (!(recall >= FLOOR_SPIKES))
    failures.push(`spike recall, ${name}: ${recall.toFixed(3)} (floor ${FLOOR_SPIKES})`);
}
console.log("");
console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length) {
  console.log(`FAIL: ${failures.join("; ")}`);
  process.exit(1);
}
console.log(
  "PASS: day-14 median error under 10% for flat, growth and seasonal; spike precision and recall >= 0.9",
);
