import "server-only";
import { big, type Sql } from "@/lib/db/sql";
import type { PeriodCharge, PeriodTally } from "./usage-charges";

const UPSERT = `
INSERT INTO usage_credit_periods AS p (customer_id, subscription_id, period_start, rated_minor)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::bigint[])
ON CONFLICT (customer_id, subscription_id, period_start) DO UPDATE SET rated_minor = p.rated_minor + EXCLUDED.rated_minor, updated_at = now()
RETURNING subscription_id::text, period_start, rated_minor::text, credited_minor::text`;

/** Adds each period's rated delta to the ledger's tally (rows locked in key order); returns each period's tally after. */
export async function tallyPeriods(sql: Sql, charges: readonly PeriodCharge[]): Promise<PeriodTally[]> {
  if (charges.length === 0) return [];
  const rows = await sql.query<{ subscription_id: string; period_start: Date; rated_minor: string; credited_minor: string }>(UPSERT, [
    charges.map((c) => c.customerId),
    charges.map((c) => c.subscriptionId),
    charges.map((c) => c.periodStart.toISOString()),
    charges.map((c) => big(c.deltaMinor)),
  ]);
  const byKey = new Map(rows.map((r) => [`${r.subscription_id}|${new Date(r.period_start).toISOString()}`, r]));
  return charges.map((c) => {
    const r = byKey.get(`${c.subscriptionId}|${c.periodStart.toISOString()}`);
    if (!r) throw new Error(`usage period ${c.subscriptionId} ${c.periodStart.toISOString()} was not tallied`);
    return { ...c, ratedMinor: BigInt(r.rated_minor), creditedMinor: BigInt(r.credited_minor) };
  });
}

/** Moves what credits paid of each period (negative: given back). */
export async function creditPeriods(sql: Sql, customerId: string, moves: { subscriptionId: string; periodStart: Date; amountMinor: bigint }[]): Promise<void> {
  if (moves.length === 0) return;
  await sql.query(
    `UPDATE usage_credit_periods AS p SET credited_minor = p.credited_minor + m.a, updated_at = now()
     FROM unnest($2::uuid[], $3::timestamptz[], $4::bigint[]) AS m(s, ps, a)
     WHERE p.customer_id = $1::uuid AND p.subscription_id = m.s AND p.period_start = m.ps
     RETURNING p.subscription_id`,
    [customerId, moves.map((m) => m.subscriptionId), moves.map((m) => m.periodStart.toISOString()), moves.map((m) => big(m.amountMinor))],
  );
}
