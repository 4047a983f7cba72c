import "server-only";
import type { Sql } from "@/lib/db/sql";
import { monthsBetween } from "./revenue-by-month";

export type CreditMonth = {
  month: string;
  /** Credits granted for payment (purchases and auto-recharges, bonus included). */
  soldMinor: bigint;
  /** Credits usage burned (net of credits given back when usage was repriced). */
  burnedMinor: bigint;
  /** Credits that expired unused: breakage. */
  expiredMinor: bigint;
};

// Grouped by the month's start and named after (to_char on a dozen groups, not on every entry); grants are
// looked up for GRANT entries only.
export const MONTHLY = `
SELECT to_char(m.month, 'YYYY-MM') AS month, m.sold::text, m.burned::text, m.expired::text
FROM (
  SELECT date_trunc('month', e.created_at AT TIME ZONE 'UTC') AS month,
    COALESCE(sum(e.amount_minor) FILTER (WHERE e.kind = 'GRANT' AND g.kind IN ('PURCHASE', 'AUTO_RECHARGE')), 0) AS sold,
    COALESCE(-sum(e.amount_minor) FILTER (WHERE e.kind = 'BURN'), 0) AS burned,
    COALESCE(-sum(e.amount_minor) FILTER (WHERE e.kind = 'EXPIRY'), 0) AS expired
  FROM credit_ledger_entries e
  JOIN credit_balances b ON b.customer_id = e.customer_id
  LEFT JOIN credit_grants g ON e.kind = 'GRANT' AND g.customer_id = e.customer_id AND g.id = e.grant_id
  WHERE b.currency = $1 AND e.created_at >= $2::timestamptz AND e.created_at < $3::timestamptz
  GROUP BY 1) m`;

/**
 * Credits per month, in one currency: sold (granted for a payment), burned by usage, expired (breakage);
 * and the outstanding prepaid balance: what the company still owes in service (deferred revenue).
 */
export async function creditsByMonth(
  sql: Sql,
  currency: string,
  from: Date,
  to: Date,
): Promise<{ months: CreditMonth[]; outstandingMinor: bigint; wallets: number }> {
  const [rows, [outstanding]] = await Promise.all([
    sql.query<{ month: string; sold: string; burned: string; expired: string }>(MONTHLY, [
      currency,
      from.toISOString(),
      to.toISOString(),
    ]),
    sql.query<{ total: string; wallets: number }>(
      `SELECT COALESCE(sum(balance_minor), 0)::text AS total, count(*) FILTER (WHERE balance_minor > 0)::int AS wallets
       FROM credit_balances WHERE currency = $1`,
      [currency],
    ),
  ]);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return {
    months: monthsBetween(from, to).map((month) => {
      const r = byMonth.get(month);
      return {
        month,
        soldMinor: BigInt(r?.sold ?? "0"),
        burnedMinor: BigInt(r?.burned ?? "0"),
        expiredMinor: BigInt(r?.expired ?? "0"),
      };
    }),
    outstandingMinor: BigInt(outstanding.total),
    wallets: outstanding.wallets,
  };
}
