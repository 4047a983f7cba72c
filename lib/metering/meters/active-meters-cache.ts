import { clearSharedCache } from "@/lib/cache/shared-cache-clears";
import type { Sql } from "@/lib/db/sql";

/** The process cache of active meters by event type that ingestion keeps (lib/metering/ingest/load-ingest-context.ts). */
export const ACTIVE_METERS_CACHE = "active-meters";

/** After a meter is created, changed or archived: ingestion in every thread of every instance sees it at once. */
export async function forgetActiveMeters(sql?: Sql): Promise<void> {
  await clearSharedCache(ACTIVE_METERS_CACHE, sql);
}
