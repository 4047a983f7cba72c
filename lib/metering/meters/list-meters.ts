import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";

/** Every meter, active first, for the admin; `inUse` says whether its definition is fixed. */
export async function listMeters(actor: Actor, opts: { includeArchived?: boolean } = {}) {
  assertAdmin(actor);
  const meters = await prisma.meter.findMany({
    where: opts.includeArchived === false ? { archivedAt: null } : {},
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { key: "asc" }],
  });
  const used = meters.length === 0 ? [] : await prisma.$queryRaw<{ id: string }[]>`
    SELECT m.id::text AS id FROM unnest(${meters.map((m) => m.id)}::uuid[]) AS m(id)
    WHERE EXISTS (SELECT 1 FROM usage_rollups r WHERE r.meter_id = m.id)`;
  const inUse = new Set(used.map((u) => u.id));
  return meters.map((m) => ({ ...m, inUse: inUse.has(m.id) }));
}
