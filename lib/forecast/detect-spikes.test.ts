import type Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { MoneyDecimal } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import { prng } from "@/tools/bench/prng";
import { detectSpikes } from "./detect-spikes";

const HOURS = 28 * 24;
const FROM = 14 * 24 + 1;
// $0.01 a unit: 100 units over the baseline cost $1.00.
const costOf = (units: Decimal) => toMinorUnits(units.times("0.01"), "USD");

/** Four weeks of hourly usage: a daily cycle around 1,000 units an hour, weekends at half, ±10% noise. */
function series(seed = 1): number[] {
  const rand = prng(seed);
  return Array.from({ length: HOURS }, (_, h) => {
    const hourOfDay = h % 24;
    const weekend = Math.floor(h / 24) % 7 >= 5;
    const level = 1000 * (1 + 0.5 * Math.sin((hourOfDay / 24) * 2 * Math.PI)) * (weekend ? 0.5 : 1);
    return Math.round(level * (0.9 + 0.2 * rand()));
  });
}

describe("detectSpikes", () => {
  it("raises nothing on a steady series, whatever its daily and weekly cycle", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(detectSpikes(series(seed), { from: FROM, costOf })).toEqual([]);
    }
  });

  it("raises one alert for one injected spike, with its baseline and the cost of the excess", () => {
    const s = series();
    const at = 20 * 24 + 15;
    const usual = s[at];
    s[at] = usual * 4;
    const spikes = detectSpikes(s, { from: FROM, costOf });
    expect(spikes.map((x) => x.index)).toEqual([at]);
    const [spike] = spikes;
    expect(spike.units).toBe(usual * 4);
    expect(spike.baseline).toBeGreaterThan(usual * 0.8);
    expect(spike.baseline).toBeLessThan(usual * 1.2);
    expect(spike.threshold).toBeGreaterThan(spike.baseline);
    expect(spike.costMinor).toBe(costOf(new MoneyDecimal(String(usual * 4 - spike.baseline))));
  });

  it("ignores a spike that costs less than the minimum, and k sets how far above the baseline", () => {
    const s = series();
    const at = 20 * 24 + 15;
    s[at] *= 4;
    expect(detectSpikes(s, { from: FROM, costOf, minCostMinor: 1_000_000n })).toEqual([]);
    expect(detectSpikes(s, { from: FROM, costOf: () => 0n })).toEqual([]);
    expect(detectSpikes(s, { from: FROM, costOf, k: 1000 })).toEqual([]);
    expect(detectSpikes(s, { from: FROM, costOf, k: 5 })).toHaveLength(1);
  });

  it("checks only [from, to), and nothing without 14 days of history before an hour", () => {
    const s = series();
    s[20 * 24 + 15] *= 4;
    expect(detectSpikes(s, { from: 21 * 24, costOf })).toEqual([]);
    expect(detectSpikes(s, { from: FROM, to: 20 * 24, costOf })).toEqual([]);
    const young = series().slice(0, 14 * 24);
    young[13 * 24] *= 10;
    expect(detectSpikes(young, { from: 0, costOf })).toEqual([]);
  });
});
