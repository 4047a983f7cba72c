import { preparedStatement } from "@/lib/db/prepared-statement";

/**
 * The statements ingestion runs on its own tables, in one place (rating's and the ledger's are theirs).
 * Named when the database is PostgreSQL (lib/db/prepared-statement.ts): parsed and planned once per
 * connection.
 */

/**
 * Locks the events' customers (key share, in id order, $2) and inserts the events ($1: one JSON array
 * per event, [customer id, id, type, epoch ms, properties], in key order) in one statement. The answer
 * is one row: how many customers were locked, how many events were inserted and, as JSON, which. When a
 * customer is gone nothing is inserted. usage_events has no foreign key: this lock is what one gave
 * (a void's FOR UPDATE on the customer waits for ingest transactions in flight), taken once per
 * customer instead of once per row.
 */
export const INSERT_EVENTS = preparedStatement("meterly_insert_events", `
WITH locked AS (
  SELECT count(*)::int AS n FROM (SELECT id FROM customers WHERE id = ANY($2::uuid[]) ORDER BY id FOR KEY SHARE) AS c
), inserted AS (
  INSERT INTO usage_events (customer_id, idempotency_key, event_type, "timestamp", properties)
  SELECT (e->>0)::uuid, e->>1, e->>2, to_timestamp((e->3)::float8 / 1000), e->4 FROM jsonb_array_elements($1::jsonb) AS e
  WHERE (SELECT n FROM locked) = cardinality($2::uuid[])
  ON CONFLICT (customer_id, idempotency_key) DO NOTHING
  RETURNING customer_id, idempotency_key)
SELECT (SELECT n FROM locked) AS locked, count(*)::int AS n, json_agg(json_build_array(customer_id, idempotency_key))::text AS keys FROM inserted`);

export type InsertEventsRow = { locked: number; n: number; keys: string | null };

/**
 * Adds the new events' deltas to their hourly rollups ($1-$9), records UNIQUE_COUNT identities
 * ($10-$14), and reads the subscriptions of customers $15 overlapping [$16, $17] that rating needs, in
 * one round trip. Its snapshot is taken after INSERT_EVENTS locked the customers, so it sees any
 * subscription change that lock waited for. The data-modifying CTEs run whether or not the SELECT reads them.
 */
export const WRITE_ROLLUPS = preparedStatement("meterly_write_rollups", `
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
SELECT s.id::text, s.customer_id::text, s.plan_version_id::text, s.anchor_at, s.started_at, s.ends_at, s.trial_ends_at, v.interval::text AS interval,
  EXISTS (SELECT 1 FROM spending_limits l WHERE l.customer_id = s.customer_id) AS limited
FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id
WHERE s.customer_id = ANY($15::uuid[]) AND s.started_at <= $17::timestamptz AND (s.ends_at IS NULL OR s.ends_at > $16::timestamptz)`);

/** The stored copies of events ($1 customer ids, $2 ids), to tell a retry from a clash. */
export const SELECT_STORED = preparedStatement("meterly_stored_events", `
SELECT e.customer_id, e.idempotency_key, e.event_type, e."timestamp", e.properties
FROM unnest($1::uuid[], $2::text[]) AS k(customer_id, idempotency_key)
JOIN usage_events e ON e.customer_id = k.customer_id AND e.idempotency_key = k.idempotency_key`);
