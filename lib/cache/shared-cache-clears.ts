import "server-only";
import { channelListener } from "@/lib/db/channel-listener";
import { pgSql, type Sql } from "@/lib/db/sql";
import { pool } from "@/lib/db/pool";
import { clearProcessCache } from "./process-cache";

/** The channel on which an instance tells the others which process cache to empty (the payload: its name). */
export const CACHE_CLEARED_CHANNEL = "meterly_cache_cleared";

const clears = () => channelListener(CACHE_CLEARED_CHANNEL);

const globalForHook = globalThis as unknown as { __meterlySharedClearsHooked?: boolean };

/**
 * Empties the named process cache here (and in this process's ingest worker thread), and tells every
 * app instance on the same database to empty theirs. Given the transaction that makes the change, the
 * notice goes out when it commits (and never if it rolls back); else call it after the commit.
 */
export async function clearSharedCache(name: string, sql: Sql = pgSql(pool())): Promise<void> {
  clearProcessCache(name);
  // pg_notify returns void, which Prisma's adapter cannot read: select a constant beside it.
  await sql.query("SELECT 1 AS sent FROM (SELECT pg_notify($1, $2)) n", [CACHE_CLEARED_CHANNEL, name]);
}

/**
 * Makes this process empty its caches when another instance says so; true once it is certain to hear
 * (lib/db/channel-listener.ts). Until then, and on a database that cannot deliver notifications, a
 * shared cache is only as fresh as its TTL. Cheap: call it wherever such a cache is read.
 */
export function hearSharedCacheClears(): boolean {
  const listener = clears();
  if (!globalForHook.__meterlySharedClearsHooked) {
    globalForHook.__meterlySharedClearsHooked = true;
    listener.onMessage((name) => clearProcessCache(name));
  }
  return listener.heard();
}
