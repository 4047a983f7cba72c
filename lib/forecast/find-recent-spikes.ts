import type { CurrencyCode } from "@/lib/money/currencies";
import { moneyDto } from "@/lib/money/money-dto";
import { detectSpikes } from "./detect-spikes";
import type { SpikeDto } from "./forecast-dto";
import type { HourlyUsage } from "./load-usage-history";
import { spikeCost } from "./spike-cost";
import { toHourlySeries } from "./to-hourly-series";

const HOUR = 3_600_000;

type PricedMeter = { meterId: string; priceModel: unknown; meter: { key: string }; usedSoFar: string };

/**
 * The spikes of each priced meter in the `hours` hours before `now`, newest first, from hourly usage since
 * `start` (the first day of the customer's usage: earlier hours are no history, not quiet ones). The excess
 * of each is priced where the period stands now (after `usedSoFar`), as detectSpikes' cost impact.
 */
export function findRecentSpikes(
  rows: readonly HourlyUsage[],
  meters: readonly PricedMeter[],
  start: Date,
  now: Date,
  hours: number,
  opts: { currency: CurrencyCode; k?: number; minCostMinor?: bigint },
): SpikeDto[] {
  const length = Math.ceil((now.getTime() - start.getTime()) / HOUR);
  const spikes: SpikeDto[] = [];
  for (const m of meters) {
    const found = detectSpikes(toHourlySeries(rows, m.meterId, start, length), {
      from: length - hours,
      k: opts.k,
      minCostMinor: opts.minCostMinor,
      costOf: (units) => spikeCost(m.priceModel, m.usedSoFar, units, opts.currency),
    });
    for (const s of found) {
      spikes.push({
        meter: m.meter.key,
        hour: new Date(start.getTime() + s.index * HOUR).toISOString(),
        units: String(s.units),
        baseline: String(s.baseline),
        threshold: String(s.threshold),
        cost: moneyDto(s.costMinor, opts.currency),
      });
    }
  }
  return spikes.sort((a, b) => b.hour.localeCompare(a.hour) || a.meter.localeCompare(b.meter));
}
