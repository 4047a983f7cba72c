import "server-only";
import type { PoolClient } from "pg";
import type { PreparedEvent } from "./prepare-events";
import { rollupDeltas } from "./rollup-deltas";
import { uniqueValueRows } from "./unique-value-rows";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { ratingWindow } from "@/lib/rating-usage/rate-new-usage";
import { subscriptionsByCustomer, subscriptionsInForceSql, type SubscriptionInForce, type SubscriptionRow } from "@/lib/rating-usage/subscriptions-in-force";

/**
 * One statement, one round trip: adds the new events' deltas to their hourly rollups, records the
 * distinct identities of UNIQUE_COUNT meters, and reads the subscriptions rating needs. Its snapshot is
 * taken after the ingest transaction locked its customers, so it sees any subscription change that
 * lock waited for (subscription changes lock the customer: lib/subscriptions/lock-customer.ts).
 * The data-modifying CTEs run to completion whether or not the outer SELECT reads them.
 */
const WRITE_ROLLUPS = preparedStatement("meterly_write_rollups", `
WITH rollups AS (
  INSERT INTO usage_rollups AS r (customer_id, meter_id, bucket, dimensions, sum, count, max, latest_value, latest_at)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::numeric[], $6::bigint[], $7::numeric[], $8::numeric[], $9::timestamptz[])
  ON CONFLICT (customer_id, meter_id, bucket, dimensions) DO UPDATE SET
    sum = r.sum + EXCLUDED.sum,
    count = r.count + EXCLUDED.count,
    max = GREATEST(r.max, EXCLUDED.max),
    latest_value = CASE WHEN EXCLUDED.latest_at IS NOT NULL AND (r.latest_at IS NULL OR EXCLUDED.latest_at >= r.latest_at) THEN EXCLUDED.latest_value ELSE r.latest_value END,
    latest_at = GREATEST(r.latest_at, EXCLUDED.latest_at)
), uniques AS (
  INSERT INTO usage_unique_values (customer_id, meter_id, bucket, dimensions, value)
  SELECT * FROM unnest($10::uuid[], $11::uuid[], $12::timestamptz[], $13::text[], $14::text[])
  ON CONFLICT DO NOTHING
)
${subscriptionsInForceSql("$15", "$16", "$17")}`);

const NONE: ReadonlyMap<string, SubscriptionInForce[]> = new Map();

/**
 * Writes the rollups and unique values of `fresh` (the events this transaction just stored) on
 * `client`, inside the ingest transaction, and returns the subscriptions in force for rating them
 * (rateNewUsage), by customer. No statement when no event is metered.
 */
export async function writeRollups(client: PoolClient, fresh: PreparedEvent[]): Promise<ReadonlyMap<string, SubscriptionInForce[]>> {
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
