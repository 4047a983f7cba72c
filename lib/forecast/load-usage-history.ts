import "server-only";
import { pool } from "@/lib/db/client";
import { pgSql } from "@/lib/db/sql";

export type HourlyUsage = { meterId: string; bucket: Date; value: string };

/** $1 COUNT meter ids, $2 customer, $3 all meter ids, [$4, $5) the hours. */
export const USAGE_HISTORY = `
SELECT meter_id::text AS meter_id, bucket,
  trim_scale(CASE WHEN meter_id = ANY($1::uuid[]) THEN SUM(count)::numeric ELSE SUM(sum) END)::text AS value
FROM usage_rollups
WHERE customer_id = $2::uuid AND meter_id = ANY($3::uuid[]) AND bucket >= $4 AND bucket < $5
GROUP BY meter_id, bucket
ORDER BY bucket`;

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
  // Plain SQL through the pool (no ORM query to plan): the dashboard runs it on every poll.
  const rows = await pgSql(pool()).query<{ meter_id: string; bucket: Date; value: string }>(USAGE_HISTORY, [
    counts,
    customerId,
    [...sums, ...counts],
    from,
    to,
  ]);
  return rows.map((r) => ({ meterId: r.meter_id, bucket: r.bucket, value: r.value }));
}
