import { clearProcessCache } from "@/lib/cache/process-cache";

/** The process cache of active meters by event type that ingestion keeps (lib/metering/ingest/load-ingest-context.ts). */
export const ACTIVE_METERS_CACHE = "active-meters";

/** After a meter is created, changed or archived: ingestion in every thread sees it at once. */
export function forgetActiveMeters(): void {
  clearProcessCache(ACTIVE_METERS_CACHE);
}
