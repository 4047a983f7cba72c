import { prng } from "../bench/prng";

export type Shape = "flat" | "growth" | "seasonal" | "bursts";
export const SHAPES: readonly Shape[] = ["flat", "growth", "seasonal", "bursts"];

export type SyntheticCustomer = {
  shape: Shape;
  /** Whole units (tokens) per hour, index 0 = the first hour of the year. */
  hourly: number[];
  /** Hours made unusual on purpose: injected spikes and bursts, with the units added to the hour. */
  anomalies: Map<number, number>;
};

const DAY_HOURS = 24;

/**
 * One synthetic customer's year of hourly usage (seeded, so every run is the same). Every shape has a
 * daily cycle (peak mid-afternoon UTC, ±50%), day-to-day noise (8%) and hour-to-hour noise (15%) around a
 * level drawn per customer (about $300 to $30,000 a month under the backtest's plan):
 *   flat     the level all year;
 *   growth   linear growth to 2x-4x the level by the year's end;
 *   seasonal weekends at 20-60% of weekdays;
 *   bursts   flat, plus about 4 bursts a month of 2-8 hours at 3x-10x.
 * Every shape also gets about 2 injected one-hour spikes a month at 3x-12x the usual hour.
 */
export function syntheticCustomer(
  shape: Shape,
  seed: number,
  days: number,
  firstWeekday: number,
): SyntheticCustomer {
  const rand = prng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const level = (300 * Math.pow(100, rand())) / (730 * 0.000003);
  const growth = 1 + 2 * rand();
  const weekend = 0.2 + 0.4 * rand();
  const hours = days * DAY_HOURS;
  const expected = new Array<number>(hours);
  const hourly = new Array<number>(hours);
  for (let d = 0; d < days; d++) {
    const dayNoise = Math.max(0.5, 1 + 0.08 * gauss());
    const weekday = (firstWeekday + d) % 7;
    const trend = shape === "growth" ? 1 + ((growth - 1) * d) / days : 1;
    const season = shape === "seasonal" && (weekday === 0 || weekday === 6) ? weekend : 1;
    for (let hod = 0; hod < DAY_HOURS; hod++) {
      const h = d * DAY_HOURS + hod;
      const cycle = 1 + 0.5 * Math.sin((2 * Math.PI * (hod - 8)) / DAY_HOURS);
      expected[h] = level * trend * season * cycle;
      hourly[h] = Math.round(Math.max(0, expected[h] * dayNoise * (1 + 0.15 * gauss())));
    }
  }
  const anomalies = new Map<number, number>();
  const add = (h: number, factor: number) => {
    const extra = Math.round(expected[h] * factor);
    hourly[h] += extra;
    anomalies.set(h, (anomalies.get(h) ?? 0) + extra);
  };
  if (shape === "bursts") {
    for (let i = 0; i < Math.round((days / 30) * 4); i++) {
      const start = Math.floor(rand() * (hours - 8));
      const length = 2 + Math.floor(rand() * 7);
      const factor = 2 + 7 * rand();
      for (let h = start; h < start + length; h++) add(h, factor);
    }
  }
  for (let i = 0; i < Math.round((days / 30) * 2); i++) add(Math.floor(rand() * hours), 2 + 9 * rand());
  return { shape, hourly, anomalies };
}
