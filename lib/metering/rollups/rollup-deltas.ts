import Decimal from "decimal.js";
import { ExactSum } from "./exact-sum";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";

export type RollupDelta = {
  customerId: string;
  meterId: string;
  bucket: Date;
  dimensions: string;
  sum: Decimal;
  count: number;
  max: Decimal | null;
  latestValue: Decimal | null;
  latestAt: Date | null;
};

const HOUR_MS = 3_600_000;

export function hourBucket(ts: Date): Date {
  return new Date(hourStartMs(ts.getTime()));
}

const hourStartMs = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

type Fold = { customerId: string; meterId: string; bucketMs: number; dimensions: string; count: number; values: ExactSum; latestText: string | null; latestAt: Date | null };

/**
 * Folds events into one delta per rollup row, sorted by key so concurrent writers lock rows in the same
 * order. Runs for every ingested event, so it keys rows by plain numbers and strings and adds values with
 * ExactSum; Decimals and Dates are made once per row.
 */
export function rollupDeltas(events: readonly PreparedEvent[]): RollupDelta[] {
  const byKey = new Map<string, Fold>();
  for (const e of events) {
    const bucketMs = hourStartMs(e.timestamp.getTime());
    for (const c of e.contributions) {
      const key = `${e.customerId}|${c.meter.id}|${bucketMs}|${c.dimensions}`;
      let f = byKey.get(key);
      if (!f) {
        f = { customerId: e.customerId, meterId: c.meter.id, bucketMs, dimensions: c.dimensions, count: 0, values: new ExactSum(), latestText: null, latestAt: null };
        byKey.set(key, f);
      }
      f.count += 1;
      if (c.value !== null) {
        f.values.add(c.value);
        // Compared as numbers: comparing Dates converts each to a primitive first, measurably slower here.
        if (f.latestAt === null || e.timestamp.getTime() >= f.latestAt.getTime()) {
          f.latestAt = e.timestamp;
          f.latestText = c.value;
        }
      }
    }
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, f]) => ({
      customerId: f.customerId,
      meterId: f.meterId,
      bucket: new Date(f.bucketMs),
      dimensions: f.dimensions,
      sum: f.values.sum,
      count: f.count,
      max: f.values.max,
      latestValue: f.latestText === null ? null : new Decimal(f.latestText),
      latestAt: f.latestAt,
    }));
}
