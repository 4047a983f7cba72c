import "server-only";
import { Pool } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";

type Db = { pool: Pool; prisma: PrismaClient };

const globalForDb = globalThis as unknown as { __meterlyDb?: Db };

function createDb(): Db {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  const pool = new Pool({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE });
  pool.on("error", (err) => console.error("postgres pool error:", err.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { pool, prisma };
}

function db(): Db {
  globalForDb.__meterlyDb ??= createDb();
  return globalForDb.__meterlyDb;
}

/** The Prisma client: one per process, on globalThis so dev reloads reuse it. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_t, prop) => Reflect.get(db().prisma, prop),
});

/** The pg pool behind Prisma, for the few hot paths that need hand-written SQL (ingestion). */
export function pool(): Pool {
  return db().pool;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.__meterlyDb;
  globalForDb.__meterlyDb = undefined;
  if (current) {
    await current.prisma.$disconnect();
    await current.pool.end().catch(() => {});
  }
}
