import "server-only";
import type { PoolClient } from "pg";
import type { PreparedEvent } from "./prepare-events";
import { rollupDeltas } from "./rollup-deltas";
import { uniqueValueRows } from "./unique-value-rows";
import { rateNewUsage } from "@/lib/rating-usage/rate-new-usage";
import { burnCreditsForUsage } from "@/lib/ledger/burn-credits-for-usage";
import { pgSql } from "@/lib/ledger/sql";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { awaitHolders } from "./in-flight-keys";

/**
 * The group's events go as one JSON parameter, one array per event ([customer id, id, type, epoch ms,
 * properties]): serialising five Postgres arrays element by element (pg's escaping) cost the app more than
 * everything else it does per event, and reading one row per inserted event back cost it more again, so
 * the answer is one row: how many were inserted and, as JSON, which. Rows go in in the array's order (the
 * lock order). Epoch milliseconds are exact as float8, and to_timestamp's microseconds round back to them.
 */
const INSERT_EVENTS = preparedStatement("meterly_insert_events", `
WITH inserted AS (
  INSERT INTO usage_events (customer_id, idempotency_key, event_type, "timestamp", properties)
  SELECT (e->>0)::uuid, e->>1, e->>2, to_timestamp((e->3)::float8 / 1000), e->4 FROM jsonb_array_elements($1::jsonb) AS e
  ON CONFLICT (customer_id, idempotency_key) DO NOTHING
  RETURNING customer_id, idempotency_key)
SELECT count(*)::int AS n, json_agg(json_build_array(customer_id, idempotency_key))::text AS keys FROM inserted`);

const UPSERT_ROLLUPS = preparedStatement("meterly_upsert_rollups", `
INSERT INTO usage_rollups AS r (customer_id, meter_id, bucket, dimensions, sum, count, max, latest_value, latest_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::numeric[], $6::bigint[], $7::numeric[], $8::numeric[], $9::timestamptz[])
ON CONFLICT (customer_id, meter_id, bucket, dimensions) DO UPDATE SET
  sum = r.sum + EXCLUDED.sum,
  count = r.count + EXCLUDED.count,
  max = GREATEST(r.max, EXCLUDED.max),
  latest_value = CASE WHEN EXCLUDED.latest_at IS NOT NULL AND (r.latest_at IS NULL OR EXCLUDED.latest_at >= r.latest_at) THEN EXCLUDED.latest_value ELSE r.latest_value END,
  latest_at = GREATEST(r.latest_at, EXCLUDED.latest_at)`);

const INSERT_UNIQUE_VALUES = preparedStatement("meterly_insert_unique_values", `
INSERT INTO usage_unique_values (customer_id, meter_id, bucket, dimensions, value)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[])
ON CONFLICT DO NOTHING`);

export const eventKey = (customerId: string, id: string) => `${customerId}|${id}`;

/**
 * Stores events, their rollups and (for UNIQUE_COUNT meters) their distinct identities on `client`,
 * which must be inside a transaction, and rates the new ones into their billing periods' running charges
 * (lib/rating-usage/rate-new-usage.ts; one indexed query when no customer has a subscription), then burns
 * each customer's credits for it (lib/ledger; throws InsufficientCreditsError when a PREPAID balance is short:
 * writeFundedEvents refuses those events).
 * `eventKeys`, when given, are the events' eventKeys in the same order (the group made them once).
 * `heldElsewhere` (in-flight-keys.ts): the outcome of the older groups in flight that write this group's
 * other events; awaited after the insert, before the rollups (awaitHolders: HeldEventsNotStored if one rolled back).
 * Returns the keys of the events that were new; the others were already stored (duplicates).
 */
export async function writeEvents(client: PoolClient, events: PreparedEvent[], eventKeys?: readonly string[], heldElsewhere: Promise<boolean> | null = null): Promise<Set<string>> {
  if (events.length === 0) {
    await awaitHolders(heldElsewhere);
    return new Set();
  }
  const { sorted, keys } = sortedByKey(events, eventKeys);
  const n = sorted.length;
  const rows = new Array<unknown[]>(n);
  for (let i = 0; i < n; i++) {
    const e = sorted[i];
    rows[i] = [e.customerId, e.id, e.type, e.timestamp.getTime(), e.properties];
  }
  const res = await client.query<{ n: number; keys: string | null }>(INSERT_EVENTS([JSON.stringify(rows)]));
  // Before any rollup row is locked: the groups this one waits for may still need those rows.
  await awaitHolders(heldElsewhere);
  const count = res.rows[0].n;
  let inserted: Set<string>;
  let fresh: PreparedEvent[];
  if (count === n) {
    inserted = new Set(keys);
    fresh = sorted;
  } else {
    const pairs = count === 0 ? [] : (JSON.parse(res.rows[0].keys!) as [string, string][]);
    inserted = new Set(pairs.map(([customerId, id]) => eventKey(customerId, id)));
    fresh = sorted.filter((_, i) => inserted.has(keys[i]));
  }
  const deltas = rollupDeltas(fresh);
  // The rollup and unique-value statements and rating's first query are queued, not awaited one by one:
  // pg sends each the moment the previous completes, without waiting for a turn of the event loop (busy
  // parsing requests at high rate). They run in this order; Promise.all reports the first failure.
  const writes: Promise<unknown>[] = [];
  if (deltas.length > 0) {
    writes.push(
      client.query(UPSERT_ROLLUPS([
        deltas.map((d) => d.customerId),
        deltas.map((d) => d.meterId),
        deltas.map((d) => d.bucket.toISOString()),
        deltas.map((d) => d.dimensions),
        deltas.map((d) => d.sum.toFixed()),
        deltas.map((d) => d.count),
        deltas.map((d) => d.max?.toFixed() ?? null),
        deltas.map((d) => d.latestValue?.toFixed() ?? null),
        deltas.map((d) => d.latestAt?.toISOString() ?? null),
      ])),
    );
  }
  const uniques = uniqueValueRows(fresh);
  if (uniques.length > 0) {
    writes.push(
      client.query(INSERT_UNIQUE_VALUES([
        uniques.map((u) => u.customerId),
        uniques.map((u) => u.meterId),
        uniques.map((u) => u.bucket.toISOString()),
        uniques.map((u) => u.dimensions),
        uniques.map((u) => u.value),
      ])),
    );
  }
  // Last, after the rollups: rate the new usage into its billing period's running charge, and burn credits for it.
  const rating = rateNewUsage(client, fresh).then((rated) => burnCreditsForUsage(pgSql(client), fresh, rated));
  await Promise.all([...writes, rating]);
  return inserted;
}

/** The events in key order (the lock order) with their keys (`keys`, when given, are the events' own, in their order); a group's events usually come sorted already. */
function sortedByKey(events: PreparedEvent[], given?: readonly string[]): { sorted: PreparedEvent[]; keys: readonly string[] } {
  const keys = given ?? events.map((e) => eventKey(e.customerId, e.id));
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1] <= keys[i];
  if (inOrder) return { sorted: events, keys };
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  return { sorted: order.map((i) => events[i]), keys: order.map((i) => keys[i]) };
}
