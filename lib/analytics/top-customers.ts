import "server-only";
import type { Sql } from "@/lib/db/sql";

export type TopCustomer = {
  customerId: string;
  externalId: string;
  name: string;
  /** Revenue of the last 3 full months, and of the 3 before. */
  recentMinor: bigint;
  priorMinor: bigint;
  /** growing / shrinking: more than 10% up or down on the prior 3 months; new: nothing before. */
  trend: "growing" | "shrinking" | "steady" | "new";
};

/** $1 currency; months [$2, $3) are the prior 3, [$3, $4) the recent 3; at most $5 customers. */
export const TOP_CUSTOMERS = `
WITH billed AS (
  SELECT i.customer_id, i.period_start, i.total_minor - COALESCE((
      SELECT sum(n.total_minor - n.credits_returned_minor) FROM credit_notes n
      WHERE n.customer_id = i.customer_id AND n.invoice_id = i.id AND n.kind = 'CORRECTION'), 0) AS amount
  FROM invoices i
  WHERE i.currency = $1 AND i.status IN ('OPEN', 'PAID', 'UNCOLLECTIBLE')
    AND i.period_start >= $2::timestamptz AND i.period_start < $4::timestamptz)
SELECT b.customer_id::text, c.external_id, c.name,
  COALESCE(sum(b.amount) FILTER (WHERE b.period_start >= $3::timestamptz), 0)::text AS recent,
  COALESCE(sum(b.amount) FILTER (WHERE b.period_start < $3::timestamptz), 0)::text AS prior
FROM billed b JOIN customers c ON c.id = b.customer_id
GROUP BY b.customer_id, c.external_id, c.name
ORDER BY sum(b.amount) FILTER (WHERE b.period_start >= $3::timestamptz) DESC NULLS LAST, c.name
LIMIT $5`;

/**
 * The customers with the most revenue (finalized invoices' charges, less correction credit notes, by the
 * month their period started) in the 3 full months before `monthStart`, with the 3 months before those for
 * the trend. One currency; at most `limit`.
 */
export async function topCustomers(
  sql: Sql,
  currency: string,
  monthStart: Date,
  limit = 10,
): Promise<TopCustomer[]> {
  const recentFrom = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() - 3, 1));
  const priorFrom = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() - 6, 1));
  const rows = await sql.query<{
    customer_id: string;
    external_id: string;
    name: string;
    recent: string;
    prior: string;
  }>(TOP_CUSTOMERS, [
    currency,
    priorFrom.toISOString(),
    recentFrom.toISOString(),
    monthStart.toISOString(),
    limit,
  ]);
  return rows.map((r) => {
    const recent = BigInt(r.recent);
    const prior = BigInt(r.prior);
    const trend =
      prior === 0n
        ? "new"
        : recent * 10n > prior * 11n
          ? "growing"
          : recent * 10n < prior * 9n
            ? "shrinking"
            : "steady";
    return {
      customerId: r.customer_id,
      externalId: r.external_id,
      name: r.name,
      recentMinor: recent,
      priorMinor: prior,
      trend,
    };
  });
}
