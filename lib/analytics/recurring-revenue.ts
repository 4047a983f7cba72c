import "server-only";
import type { Sql } from "@/lib/db/sql";
import type { RevenueMonth } from "./revenue-by-month";

/**
 * MRR: the subscription fees of the subscriptions in force at `at`, each as a monthly amount (a yearly fee
 * counts a twelfth, rounded down to the minor unit), in one currency; beside it the usage run-rate, the
 * average monthly usage revenue of the last 3 full months (`months` must end before the current month).
 */
export async function recurringRevenue(
  sql: Sql,
  currency: string,
  at: Date,
  months: readonly RevenueMonth[],
): Promise<{ mrrMinor: bigint; subscriptions: number; usageRunRateMinor: bigint; runRateMonths: string[] }> {
  const [row] = await sql.query<{ mrr: string; subs: number }>(
    `SELECT COALESCE(sum(CASE WHEN v.interval = 'YEAR' THEN v.base_fee_minor / 12 ELSE v.base_fee_minor END), 0)::text AS mrr,
       count(*)::int AS subs
     FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id
     WHERE v.currency = $1 AND s.started_at <= $2::timestamptz AND (s.ends_at IS NULL OR s.ends_at > $2::timestamptz)
       AND (s.trial_ends_at IS NULL OR s.trial_ends_at <= $2::timestamptz)`,
    [currency, at.toISOString()],
  );
  const last3 = months.slice(-3);
  const usage = last3.reduce((sum, m) => sum + [...m.usageByMeter.values()].reduce((a, b) => a + b, 0n), 0n);
  return {
    mrrMinor: BigInt(row.mrr),
    subscriptions: row.subs,
    usageRunRateMinor: last3.length ? usage / BigInt(last3.length) : 0n,
    runRateMonths: last3.map((m) => m.month),
  };
}
