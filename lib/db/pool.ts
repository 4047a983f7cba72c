import "server-only";
import { Pool } from "pg";
import { env } from "@/lib/env";

const globalForPool = globalThis as unknown as { __meterlyPool?: Pool };

/**
 * The process's pg pool: Prisma's (lib/db/client.ts) and the hand-written SQL of the hot paths'
 * (ingestion). Apart from Prisma, so that the ingest worker thread, which never uses Prisma, does not load it.
 */
export function pool(): Pool {
  if (!globalForPool.__meterlyPool) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    const created = new Pool({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE });
    created.on("error", (err) => console.error("postgres pool error:", err.message));
    globalForPool.__meterlyPool = created;
  }
  return globalForPool.__meterlyPool;
}

/** Ends the pool; the next pool() makes a new one. */
export async function closePool(): Promise<void> {
  const current = globalForPool.__meterlyPool;
  globalForPool.__meterlyPool = undefined;
  if (current) await current.end().catch(() => {});
}
