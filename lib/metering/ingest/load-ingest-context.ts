import "server-only";
import type { Pool, PoolClient } from "pg";
import type { Aggregation } from "@/lib/db/generated/enums";
import type { MeterDefinition } from "@/lib/metering/meters/meter-definition";
import { processCache, type ProcessCache } from "@/lib/cache/process-cache";
import { clearSharedCache, hearSharedCacheClears } from "@/lib/cache/shared-cache-clears";
import type { Sql } from "@/lib/db/sql";
import { ACTIVE_METERS_CACHE, forgetActiveMeters } from "@/lib/metering/meters/active-meters-cache";

export type IngestContext = {
  customerIdByExternalId: Map<string, string>;
  /** Suspended customers (an uncollectible invoice, DUNNING_SUSPEND on) by externalId: why. Never cached. */
  suspended: Map<string, string>;
  metersByType: Map<string, MeterDefinition[]>;
};

/**
 * How long a found customer or a type's meters are reused without asking the database. Only what was
 * found is cached: an unknown customer or an event type with no active meter is looked up again on
 * every request, so a customer or meter created a moment ago is seen at once. A meter's change and a
 * customer's suspension clear these caches in every instance (lib/cache/shared-cache-clears.ts); only
 * where notifications cannot be heard (the embedded database) can they be this late.
 */
export const INGEST_CONTEXT_TTL_MS = 2000;

const MAX_CACHED = 10_000;

/** Customers by externalId; active meters by event type (ACTIVE_METERS_CACHE, which meter changes clear). */
const CUSTOMERS_CACHE = "ingest-customers";

const customersCache = () =>
  processCache<string>(CUSTOMERS_CACHE, { ttlMs: INGEST_CONTEXT_TTL_MS, maxEntries: MAX_CACHED });
const metersCache = () =>
  processCache<MeterDefinition[]>(ACTIVE_METERS_CACHE, {
    ttlMs: INGEST_CONTEXT_TTL_MS,
    maxEntries: MAX_CACHED,
  });

/** Forgets every cached customer and meter, in every thread of every instance (at `sql`'s commit when given a transaction). */
export async function clearIngestContextCache(sql?: Sql): Promise<void> {
  await clearSharedCache(CUSTOMERS_CACHE, sql);
  await forgetActiveMeters(sql);
}

// Unnamed statements: the embedded server runs every connection in one session, where named ones collide.
const SELECT_CUSTOMERS = {
  text: "SELECT id, external_id, suspension_reason, suspended_at IS NOT NULL AS suspended FROM customers WHERE external_id = ANY($1::text[])",
};
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
export async function loadIngestContext(
  db: Pool | PoolClient,
  externalIds: Iterable<string>,
  types: Iterable<string>,
  now = Date.now(),
): Promise<IngestContext> {
  hearSharedCacheClears();
  const customers = customersCache();
  const meters = metersCache();
  const customerIdByExternalId = new Map<string, string>();
  const metersByType = new Map<string, MeterDefinition[]>();
  const missingCustomers = fromCache(customers, externalIds, customerIdByExternalId, now);
  const missingTypes = fromCache(meters, types, metersByType, now);
  const [customerRows, meterRows] = await Promise.all([
    missingCustomers.length === 0
      ? []
      : db
          .query<{ id: string; external_id: string; suspended: boolean; suspension_reason: string | null }>({
            ...SELECT_CUSTOMERS,
            values: [missingCustomers],
          })
          .then((r) => r.rows),
    missingTypes.length === 0
      ? []
      : db.query<MeterRow>({ ...SELECT_METERS, values: [missingTypes] }).then((r) => r.rows),
  ]);
  const suspended = new Map<string, string>();
  for (const c of customerRows) {
    customerIdByExternalId.set(c.external_id, c.id);
    // A suspended customer is looked up again on every request, so paying lifts the suspension at once.
    if (c.suspended) suspended.set(c.external_id, c.suspension_reason ?? "the account is suspended");
    else customers.set(c.external_id, c.id, now);
  }
  const found = new Map<string, MeterDefinition[]>();
  for (const m of meterRows) {
    const def: MeterDefinition = {
      id: m.id,
      key: m.key,
      eventType: m.event_type,
      aggregation: m.aggregation,
      valueProperty: m.value_property,
      groupBy: m.group_by,
      filters: m.filters ?? {},
      allowNegative: m.allow_negative,
    };
    const list = found.get(m.event_type);
    if (list) list.push(def);
    else found.set(m.event_type, [def]);
  }
  for (const [type, defs] of found) {
    metersByType.set(type, defs);
    meters.set(type, defs, now);
  }
  return { customerIdByExternalId, suspended, metersByType };
}

/** Copies cached entries into `into`; returns the names that must be looked up. */
function fromCache<T>(
  cached: ProcessCache<T>,
  names: Iterable<string>,
  into: Map<string, T>,
  now: number,
): string[] {
  const missing: string[] = [];
  for (const name of names) {
    const hit = cached.get(name, now);
    if (hit !== undefined) into.set(name, hit);
    else missing.push(name);
  }
  return missing;
}
