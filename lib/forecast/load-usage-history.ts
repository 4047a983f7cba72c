import "server-only";
import { prisma } from "@/lib/db/client";

export type HourlyUsage = { meterId: string; bucket: Date; value: string };

/**
 * A customer's hourly usage of additive meters over [from, to), summed over dimension values, read from
 * the hourly rollups (never raw events): SUM meters' sums, COUNT meters' counts. Hours without usage
 * have no row.
 */
export async function loadUsageHistory(
  customerId: string,
  meters: { id: string; aggregation: "SUM" | "COUNT" }[],
  from: Date,
  to: Date,
): Promise<HourlyUsage[]> {
  const sums = meters.filter((m) => m.aggregation === "SUM").map((m) => m.id);
  const counts = meters.filter((m) => m.aggregation === "COUNT").map((m) => m.id);
  if (sums.length + counts.length === 0) return [];
  const rows = await prisma.$queryRaw<{ meter_id: string; bucket: Date; value: string }[]>`
    SELECT meter_id::text AS meter_id, bucket,
      (CASE WHEN meter_id = ANY(${counts}::uuid[]) THEN SUM(count)::numeric ELSE SUM(sum) END)::text AS value
    FROM usage_rollups
    WHERE customer_id = ${customerId}::uuid AND meter_id = ANY(${[...sums, ...counts]}::uuid[])
      AND bucket >= ${from} AND bucket < ${to}
    GROUP BY meter_id, bucket
    ORDER BY bucket`;
  return rows.map((r) => ({ meterId: r.meter_id, bucket: new Date(r.bucket), value: r.value }));
}
