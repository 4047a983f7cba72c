import "server-only";
import type { PoolClient } from "pg";
import type { EventContent } from "./same-content";
import { eventKey } from "./write-events";
import { preparedStatement } from "@/lib/db/prepared-statement";

const SELECT_STORED = preparedStatement("meterly_stored_events", `
SELECT e.customer_id, e.idempotency_key, e.event_type, e."timestamp", e.properties
FROM unnest($1::uuid[], $2::text[]) AS k(customer_id, idempotency_key)
JOIN usage_events e ON e.customer_id = k.customer_id AND e.idempotency_key = k.idempotency_key`);

type Row = { customer_id: string; idempotency_key: string; event_type: string; timestamp: Date; properties: Record<string, unknown> | null };

/** The stored content of already-stored events, by `eventKey`, to tell a retry from a clash. */
export async function loadStoredEvents(client: PoolClient, keys: { customerId: string; id: string }[]): Promise<Map<string, EventContent>> {
  const out = new Map<string, EventContent>();
  if (keys.length === 0) return out;
  const res = await client.query<Row>(SELECT_STORED([keys.map((k) => k.customerId), keys.map((k) => k.id)]));
  for (const r of res.rows) {
    out.set(eventKey(r.customer_id, r.idempotency_key), { type: r.event_type, timestamp: r.timestamp, properties: r.properties ?? {} });
  }
  return out;
}
