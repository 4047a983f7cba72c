import "server-only";
import type { PoolClient } from "pg";
import { eventKey } from "./event-key";
import type { PreparedEvent } from "./prepare-events";
import { INSERT_EVENTS, type InsertEventsRow } from "./statements";

export type InsertedEvents = {
  /** Keys of the events that were new. */
  inserted: Set<string>;
  /** The new events, in key order. */
  fresh: readonly PreparedEvent[];
};

/**
 * Locks the events' customers and inserts the events (INSERT_EVENTS), `sorted` in key order (the lock
 * order) with their `keys`. The events go as one JSON parameter: serialising one Postgres array per
 * column cost more than everything else per event. Epoch milliseconds are exact as float8.
 */
export async function insertEvents(client: PoolClient, sorted: readonly PreparedEvent[], keys: readonly string[]): Promise<InsertedEvents> {
  const n = sorted.length;
  const rows = new Array<unknown[]>(n);
  const customers = new Set<string>();
  for (let i = 0; i < n; i++) {
    const e = sorted[i];
    rows[i] = [e.customerId, e.id, e.type, e.timestamp.getTime(), e.properties];
    customers.add(e.customerId);
  }
  const ids = [...customers].sort();
  const res = await client.query<InsertEventsRow>(INSERT_EVENTS([JSON.stringify(rows), ids]));
  const { locked, n: count, keys: insertedJson } = res.rows[0];
  if (locked !== ids.length) throw new Error(`${ids.length - locked} of the customers these events name no longer exist`);
  if (count === n) return { inserted: new Set(keys), fresh: sorted };
  const pairs = count === 0 ? [] : (JSON.parse(insertedJson!) as [string, string][]);
  const inserted = new Set(pairs.map(([customerId, id]) => eventKey(customerId, id)));
  return { inserted, fresh: sorted.filter((_, i) => inserted.has(keys[i])) };
}
