import "server-only";
import type { Pool, PoolClient } from "pg";
import type { Aggregation } from "@/lib/db/generated/enums";
import type { MeterDefinition } from "./meter-definition";
import { tellIngestWorker } from "@/lib/ingest-worker/ingest-worker-client";

export type IngestContext = {
  customerIdByExternalId: Map<string, string>;
  metersByType: Map<string, MeterDefinition[]>;
};

/**
 * How long a found customer or a type's meters are reused without asking the database. Only what was
 * found is cached: an unknown customer or an event type with no active meter is looked up again on
 * every request, so a customer or meter created a moment ago is seen at once. What the cache can
 * delay, by at most this long and per app instance: a meter's archiving or a change to its
 * definition, and a customer's externalId changing hands.
 */
export const INGEST_CONTEXT_TTL_MS = 2000;

/** Entries kept per cache before expired ones are swept (and all, if still over). */
const MAX_CACHED = 10_000;

type Cached<T> = { value: T; expires: number };

const globalForCache = globalThis as unknown as {
  __meterlyIngestCache?: { customers: Map<string, Cached<string>>; meters: Map<string, Cached<MeterDefinition[]>> };
};

function cache() {
  globalForCache.__meterlyIngestCache ??= { customers: new Map(), meters: new Map() };
  return globalForCache.__meterlyIngestCache;
}

/** Forgets every cached customer and meter (after an admin change in this process; tests), the ingest worker's too. */
export function clearIngestContextCache(): void {
  globalForCache.__meterlyIngestCache = undefined;
  tellIngestWorker({ kind: "clear-ingest-context" });
}

// Unnamed statements: the embedded server runs every connection in one session, where named ones collide.
const SELECT_CUSTOMERS = { text: "SELECT id, external_id FROM customers WHERE external_id = ANY($1::text[])" };
const SELECT_METERS = {
  text: "SELECT id, key, event_type, aggregation, value_property, group_by, filters, allow_negative FROM meters WHERE event_type = ANY($1::text[]) AND archived_at IS NULL ORDER BY key",
};

type MeterRow = {
  id: string;
  key: string;
  event_type: string;
  aggregation: Aggregation;
  value_property: string | null;
  group_by: string[];
  filters: Record<string, unknown> | null;
  allow_negative: boolean;
};

/** Resolves the customers and active meters a set of events names: from the short cache, else in at most two indexed queries. */
export async function loadIngestContext(db: Pool | PoolClient, externalIds: Iterable<string>, types: Iterable<string>, now = Date.now()): Promise<IngestContext> {
  const { customers, meters } = cache();
  const customerIdByExternalId = new Map<string, string>();
  const metersByType = new Map<string, MeterDefinition[]>();
  const missingCustomers = fromCache(customers, externalIds, customerIdByExternalId, now);
  const missingTypes = fromCache(meters, types, metersByType, now);
  const [customerRows, meterRows] = await Promise.all([
    missingCustomers.length === 0 ? [] : db.query<{ id: string; external_id: string }>({ ...SELECT_CUSTOMERS, values: [missingCustomers] }).then((r) => r.rows),
    missingTypes.length === 0
      ? []
      : db
          .query<MeterRow>({ ...SELECT_METERS, values: [missingTypes] })
          .then((r) => r.rows),
  ]);
  const expires = now + INGEST_CONTEXT_TTL_MS;
  sweep(customers, now);
  sweep(meters, now);
  for (const c of customerRows) {
    customerIdByExternalId.set(c.external_id, c.id);
    customers.set(c.external_id, { value: c.id, expires });
  }
  const found = new Map<string, MeterDefinition[]>();
  for (const m of meterRows) {
    const def: MeterDefinition = { id: m.id, key: m.key, eventType: m.event_type, aggregation: m.aggregation, valueProperty: m.value_property, groupBy: m.group_by, filters: m.filters ?? {}, allowNegative: m.allow_negative };
    const list = found.get(m.event_type);
    if (list) list.push(def);
    else found.set(m.event_type, [def]);
  }
  for (const [type, defs] of found) {
    metersByType.set(type, defs);
    meters.set(type, { value: defs, expires });
  }
  return { customerIdByExternalId, metersByType };
}

/** Copies fresh cache entries into `into`; returns the names that must be looked up. */
function fromCache<T>(cached: Map<string, Cached<T>>, names: Iterable<string>, into: Map<string, T>, now: number): string[] {
  const missing: string[] = [];
  for (const name of names) {
    const hit = cached.get(name);
    if (hit && hit.expires > now) into.set(name, hit.value);
    else {
      if (hit) cached.delete(name);
      missing.push(name);
    }
  }
  return missing;
}

function sweep<T>(cached: Map<string, Cached<T>>, now: number): void {
  if (cached.size < MAX_CACHED) return;
  for (const [name, entry] of cached) if (entry.expires <= now) cached.delete(name);
  if (cached.size >= MAX_CACHED) cached.clear();
}
