import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/client";

/** A meter is in use once any customer has usage on it (a rollup row); its definition is then fixed. */
export async function isMeterInUse(meterId: string, tx: Prisma.TransactionClient = prisma): Promise<boolean> {
  const row = await tx.usageRollup.findFirst({ where: { meterId }, select: { meterId: true } });
  return row !== null;
}
