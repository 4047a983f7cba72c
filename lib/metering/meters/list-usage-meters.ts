import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";

export type UsageMeter = {
  key: string;
  name: string;
  eventType: string;
  aggregation: "SUM" | "COUNT" | "MAX" | "UNIQUE_COUNT" | "LATEST";
  valueProperty: string | null;
  groupBy: string[];
  filters: Record<string, unknown>;
  unit: string;
};

/**
 * The active meters a customer's usage can be read on. Meter definitions are the company's catalogue,
 * the same for every customer, so any signed-in user or key may list them.
 */
export async function listUsageMeters(_actor: Actor): Promise<UsageMeter[]> {
  const meters = await prisma.meter.findMany({
    where: { archivedAt: null },
    orderBy: { key: "asc" },
    select: { key: true, name: true, eventType: true, aggregation: true, valueProperty: true, groupBy: true, filters: true, unit: true },
  });
  return meters.map((m) => ({ ...m, filters: (m.filters ?? {}) as Record<string, unknown> }));
}
