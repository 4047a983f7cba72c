import "server-only";
import type { PoolClient } from "pg";
import type { PreparedEvent } from "./prepare-events";
import { rollupDeltas } from "./rollup-deltas";
import { uniqueValueRows } from "./unique-value-rows";
import { rateNewUsage } from "@/lib/rating-usage/rate-new-usage";
import { burnCreditsForUsage } from "@/lib/ledger/burn-credits-for-usage";
import { pgSql } from "@/lib/ledger/sql";

const INSERT_EVENTS = `
INSERT INTO usage_events (customer_id, idempotency_key, event_type, "timestamp", properties)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])
ON CONFLICT (customer_id, idempotency_key) DO NOTHING
RETURNING customer_id, idempotency_key`;

const UPSERT_ROLLUPS = `
INSERT INTO usage_rollups AS r (customer_id, meter_id, bucket, dimensions, sum, count, max, latest_value, latest_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::numeric[], $6::bigint[], $7::numeric[], $8::numeric[], $9::timestamptz[])
ON CONFLICT (customer_id, meter_id, bucket, dimensions) DO UPDATE SET
  sum = r.sum + EXCLUDED.sum,
  count = r.count + EXCLUDED.count,
  max = GREATEST(r.max, EXCLUDED.max),
  latest_value = CASE WHEN EXCLUDED.latest_at IS NOT NULL AND (r.latest_at IS NULL OR EXCLUDED.latest_at >= r.latest_at) THEN EXCLUDED.latest_value ELSE r.latest_value END,
  latest_at = GREATEST(r.latest_at, EXCLUDED.latest_at)`;

const INSERT_UNIQUE_VALUES = `
INSERT INTO usage_unique_values (customer_id, meter_id, bucket, dimensions, value)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[])
ON CONFLICT DO NOTHING`;

export const eventKey = (customerId: string, id: string) => `${customerId}|${id}`;

/**
 * Stores events, their rollups and (for UNIQUE_COUNT meters) their distinct identities on `client`,
 * which must be inside a transaction, and rates the new ones into their billing periods' running charges
 * (lib/rating-usage/rate-new-usage.ts; one indexed query when no customer has a subscription), then burns
 * each customer's credits for it (lib/ledger; throws InsufficientCreditsError when a PREPAID balance is short:
 * writeFundedEvents refuses those events).
 * Returns the keys of the events that were new; the others were already stored (duplicates).
 */
export async function writeEvents(client: PoolClient, events: PreparedEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const sorted = [...events].sort((a, b) => cmp(eventKey(a.customerId, a.id), eventKey(b.customerId, b.id)));
  const res = await client.query<{ customer_id: string; idempotency_key: string }>(INSERT_EVENTS, [
    sorted.map((e) => e.customerId),
    sorted.map((e) => e.id),
    sorted.map((e) => e.type),
    sorted.map((e) => e.timestamp.toISOString()),
    sorted.map((e) => JSON.stringify(e.properties)),
  ]);
  const inserted = new Set(res.rows.map((r) => eventKey(r.customer_id, r.idempotency_key)));
  const fresh = sorted.filter((e) => inserted.has(eventKey(e.customerId, e.id)));
  const deltas = rollupDeltas(fresh);
  // The rollup and unique-value statements and rating's first query are queued, not awaited one by one:
  // pg sends each the moment the previous completes, without waiting for a turn of the event loop (busy
  // parsing requests at high rate). They run in this order; Promise.all reports the first failure.
  const writes: Promise<unknown>[] = [];
  if (deltas.length > 0) {
    writes.push(
      client.query(UPSERT_ROLLUPS, [
        deltas.map((d) => d.customerId),
        deltas.map((d) => d.meterId),
        deltas.map((d) => d.bucket.toISOString()),
        deltas.map((d) => d.dimensions),
        deltas.map((d) => d.sum.toFixed()),
        deltas.map((d) => d.count),
        deltas.map((d) => d.max?.toFixed() ?? null),
        deltas.map((d) => d.latestValue?.toFixed() ?? null),
        deltas.map((d) => d.latestAt?.toISOString() ?? null),
      ]),
    );
  }
  const uniques = uniqueValueRows(fresh);
  if (uniques.length > 0) {
    writes.push(
      client.query(INSERT_UNIQUE_VALUES, [
        uniques.map((u) => u.customerId),
        uniques.map((u) => u.meterId),
        uniques.map((u) => u.bucket.toISOString()),
        uniques.map((u) => u.dimensions),
        uniques.map((u) => u.value),
      ]),
    );
  }
  // Last, after the rollups: rate the new usage into its billing period's running charge, and burn credits for it.
  const rating = rateNewUsage(client, fresh).then((rated) => burnCreditsForUsage(pgSql(client), fresh, rated));
  await Promise.all([...writes, rating]);
  return inserted;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
