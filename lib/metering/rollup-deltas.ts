import Decimal from "decimal.js";
import type { PreparedEvent } from "./prepare-events";

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
  return new Date(Math.floor(ts.getTime() / HOUR_MS) * HOUR_MS);
}

/** Folds events into one delta per rollup row, sorted by key so concurrent writers lock rows in the same order. */
export function rollupDeltas(events: PreparedEvent[]): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const e of events) {
    const bucket = hourBucket(e.timestamp);
    for (const c of e.contributions) {
      const key = `${e.customerId}|${c.meter.id}|${bucket.getTime()}|${c.dimensions}`;
      let d = byKey.get(key);
      if (!d) {
        d = { customerId: e.customerId, meterId: c.meter.id, bucket, dimensions: c.dimensions, sum: new Decimal(0), count: 0, max: null, latestValue: null, latestAt: null };
        byKey.set(key, d);
      }
      d.count += 1;
      if (c.value !== null) {
        const v = new Decimal(c.value);
        d.sum = d.sum.plus(v);
        d.max = d.max === null || v.gt(d.max) ? v : d.max;
        if (d.latestAt === null || e.timestamp >= d.latestAt) {
          d.latestAt = e.timestamp;
          d.latestValue = v;
        }
      }
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}
