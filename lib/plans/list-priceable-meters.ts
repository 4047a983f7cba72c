import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";

export type PriceableMeter = { id: string; key: string; name: string; unit: string; aggregation: string };

/** Active meters, for the price editor (admins only). */
export async function listPriceableMeters(actor: Actor): Promise<PriceableMeter[]> {
  assertAdmin(actor);
  return prisma.meter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, key: true, name: true, unit: true, aggregation: true } });
}
