import "server-only";
import type { PoolClient } from "pg";
import { ratingWindow } from "@/lib/period-charges/rate-new-usage";
import { subscriptionsByCustomer, type SubscriptionInForce, type SubscriptionRow } from "@/lib/period-charges/subscriptions-in-force";
import { rollupDeltas } from "@/lib/metering/rollups/rollup-deltas";
import { uniqueValueRows } from "@/lib/metering/rollups/unique-value-rows";
import type { PreparedEvent } from "./prepare-events";
import { WRITE_ROLLUPS } from "./statements";

const NONE: ReadonlyMap<string, SubscriptionInForce[]> = new Map();

/**
 * Writes the rollups and unique values of `fresh` (the events this transaction just stored) and
 * returns the subscriptions in force for rating them, by customer (WRITE_ROLLUPS: one round trip).
 * No statement when no event is metered.
 */
export async function writeRollups(client: PoolClient, fresh: readonly PreparedEvent[]): Promise<ReadonlyMap<string, SubscriptionInForce[]>> {
  const window = ratingWindow(fresh);
  if (!window) return NONE;
  const deltas = rollupDeltas(fresh);
  const uniques = uniqueValueRows(fresh);
  const { rows } = await client.query<SubscriptionRow>(
    WRITE_ROLLUPS([
      deltas.map((d) => d.customerId),
      deltas.map((d) => d.meterId),
      deltas.map((d) => d.bucket.toISOString()),
      deltas.map((d) => d.dimensions),
      deltas.map((d) => d.sum.toFixed()),
      deltas.map((d) => d.count),
      deltas.map((d) => d.max?.toFixed() ?? null),
      deltas.map((d) => d.latestValue?.toFixed() ?? null),
      deltas.map((d) => d.latestAt?.toISOString() ?? null),
      uniques.map((u) => u.customerId),
      uniques.map((u) => u.meterId),
      uniques.map((u) => u.bucket.toISOString()),
      uniques.map((u) => u.dimensions),
      uniques.map((u) => u.value),
      window.customerIds,
      window.from.toISOString(),
      window.to.toISOString(),
    ]),
  );
  return rows.length === 0 ? NONE : subscriptionsByCustomer(rows);
}
