import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";
import { hourBucket } from "./rollup-deltas";

export type UniqueValueRow = { customerId: string; meterId: string; bucket: Date; dimensions: string; value: string };

/**
 * The distinct (customer, meter, hour, dimensions, identity) rows that UNIQUE_COUNT meters record for
 * these events, sorted by key so concurrent writers take index locks in the same order.
 */
export function uniqueValueRows(events: readonly PreparedEvent[]): UniqueValueRow[] {
  const byKey = new Map<string, UniqueValueRow>();
  for (const e of events) {
    const bucket = hourBucket(e.timestamp);
    for (const c of e.contributions) {
      if (c.identity === undefined) continue;
      const key = JSON.stringify([e.customerId, c.meter.id, bucket.getTime(), c.dimensions, c.identity]);
      if (!byKey.has(key)) byKey.set(key, { customerId: e.customerId, meterId: c.meter.id, bucket, dimensions: c.dimensions, value: c.identity });
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
