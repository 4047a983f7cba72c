import "server-only";
import type { PoolClient } from "pg";
import type { PreparedEvent } from "./prepare-events";
import { writeRollups } from "./write-rollups";
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
 *
 * First, in the same statement, a key-share lock on each of the events' customers ($2, in id order, so
 * concurrent groups lock in one order): the row-locking CTE is read (an InitPlan) before the insert's
 * first row, and referenced twice, so it runs once. usage_events has no foreign key, whose check would
 * take the same lock once per event row; the lock is what a foreign key gave: voidEvents' FOR UPDATE on
 * the customer waits for ingest transactions in flight and holds new ones off, and a customer cannot be
 * deleted under them. When one of the customers is gone, nothing is inserted and `locked` says how many
 * were found.
 */
const INSERT_EVENTS = preparedStatement("meterly_insert_events", `
WITH locked AS (
  SELECT count(*)::int AS n FROM (SELECT id FROM customers WHERE id = ANY($2::uuid[]) ORDER BY id FOR KEY SHARE) AS c
), inserted AS (
  INSERT INTO usage_events (customer_id, idempotency_key, event_type, "timestamp", properties)
  SELECT (e->>0)::uuid, e->>1, e->>2, to_timestamp((e->3)::float8 / 1000), e->4 FROM jsonb_array_elements($1::jsonb) AS e
  WHERE (SELECT n FROM locked) = cardinality($2::uuid[])
  ON CONFLICT (customer_id, idempotency_key) DO NOTHING
  RETURNING customer_id, idempotency_key)
SELECT (SELECT n FROM locked) AS locked, count(*)::int AS n, json_agg(json_build_array(customer_id, idempotency_key))::text AS keys FROM inserted`);

export const eventKey = (customerId: string, id: string) => `${customerId}|${id}`;

/**
 * Stores events, their rollups and (for UNIQUE_COUNT meters) their distinct identities on `client`,
 * which must be inside a transaction, after locking their customers (see INSERT_EVENTS), and rates the
 * new ones into their billing periods' running charges (lib/rating-usage/rate-new-usage.ts; no query
 * when no customer has a subscription), then burns each customer's credits for it (lib/ledger; throws InsufficientCreditsError when a PREPAID balance is short:
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
  const customers = new Set<string>();
  for (let i = 0; i < n; i++) {
    const e = sorted[i];
    rows[i] = [e.customerId, e.id, e.type, e.timestamp.getTime(), e.properties];
    customers.add(e.customerId);
  }
  const json = JSON.stringify(rows);
  const ids = [...customers].sort();
  const res = await client.query<{ locked: number; n: number; keys: string | null }>(INSERT_EVENTS([json, ids]));
  const { locked, n: count } = res.rows[0];
  if (locked !== ids.length) throw new Error(`${ids.length - locked} of the customers these events name no longer exist`);
  // Before any rollup row is locked: the groups this one waits for may still need those rows.
  await awaitHolders(heldElsewhere);
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
  // The rollups, then rating and burning credits for the new usage (whose subscriptions the rollup statement read).
  const subs = await writeRollups(client, fresh);
  const rated = await rateNewUsage(client, fresh, subs);
  await burnCreditsForUsage(pgSql(client), fresh, rated);
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
