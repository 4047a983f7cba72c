import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { closePool, pool } from "./pool";

/** The pg pool behind Prisma, for the few hot paths that need hand-written SQL (ingestion). */
export { pool };

const globalForPrisma = globalThis as unknown as { __meterlyPrisma?: PrismaClient };

function prismaClient(): PrismaClient {
  globalForPrisma.__meterlyPrisma ??= new PrismaClient({ adapter: new PrismaPg(pool()) });
  return globalForPrisma.__meterlyPrisma;
}

/** The Prisma client: one per process, on globalThis so dev reloads reuse it; made on first use, on pool(). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_t, prop) => Reflect.get(prismaClient(), prop),
});

export async function closeDb(): Promise<void> {
  const current = globalForPrisma.__meterlyPrisma;
  globalForPrisma.__meterlyPrisma = undefined;
  if (current) await current.$disconnect();
  await closePool();
}
