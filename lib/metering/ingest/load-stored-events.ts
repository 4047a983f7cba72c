import "server-only";
import type { PoolClient } from "pg";
import { eventKey } from "./event-key";
import type { EventContent } from "./same-content";
import { SELECT_STORED } from "./statements";

type Row = { customer_id: string; idempotency_key: string; event_type: string; timestamp: Date; properties: Record<string, unknown> | null };

/** The stored content of already-stored events, by eventKey, to tell a retry from a clash. */
export async function loadStoredEvents(client: PoolClient, keys: { customerId: string; id: string }[]): Promise<Map<string, EventContent>> {
  const out = new Map<string, EventContent>();
  if (keys.length === 0) return out;
  const res = await client.query<Row>(SELECT_STORED([keys.map((k) => k.customerId), keys.map((k) => k.id)]));
  for (const r of res.rows) {
    out.set(eventKey(r.customer_id, r.idempotency_key), { type: r.event_type, timestamp: r.timestamp, properties: r.properties ?? {} });
  }
  return out;
}
