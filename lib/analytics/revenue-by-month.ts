import "server-only";
import type { Sql } from "@/lib/db/sql";

export type RevenueMonth = {
  /** "2026-11": the month the invoiced periods started in (UTC). */
  month: string;
  baseFeesMinor: bigint;
  minimumSpendMinor: bigint;
  /** Per meter id: its usage lines' total. */
  usageByMeter: Map<string, bigint>;
  /** What correction credit notes took back of that month's charges (positive). */
  creditNotesMinor: bigint;
  /** Base fees + minimum + usage - credit notes: what the month's invoices bill for. */
  totalMinor: bigint;
};

// Grouped by the month's start and named after: to_char on the groups, not on every line.
export const LINES = `
SELECT to_char(x.month, 'YYYY-MM') AS month, x.kind, x.meter_id, x.amount::text AS amount
FROM (
  SELECT date_trunc('month', i.period_start AT TIME ZONE 'UTC') AS month, l.kind::text AS kind, l.meter_id::text AS meter_id,
    sum(l.amount_minor) AS amount
  FROM invoices i JOIN invoice_lines l ON l.customer_id = i.customer_id AND l.invoice_id = i.id
  WHERE i.status IN ('OPEN', 'PAID', 'UNCOLLECTIBLE') AND i.currency = $1 AND l.kind <> 'CREDITS_APPLIED'
    AND i.period_start >= $2::timestamptz AND i.period_start < $3::timestamptz
  GROUP BY 1, 2, 3) x`;

const NOTES = `
SELECT to_char(date_trunc('month', i.period_start AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
  (-sum((l->>'amountMinor')::bigint))::text AS amount
FROM credit_notes n JOIN invoices i ON i.customer_id = n.customer_id AND i.id = n.invoice_id,
  jsonb_array_elements(n.lines) l
WHERE n.kind = 'CORRECTION' AND i.status <> 'VOID' AND n.currency = $1 AND l->>'kind' <> 'CREDITS_APPLIED'
  AND i.period_start >= $2::timestamptz AND i.period_start < $3::timestamptz
GROUP BY 1`;

/**
 * Revenue per month from finalized invoices (open, paid or uncollectible; supplements included; void and
 * drafts left out), in one currency, by the month each invoiced period started: base fees, minimum-spend
 * top-ups and usage per meter, less what correction credit notes took back. Credits applied are a means of
 * payment, not a discount, so they do not lower revenue. Months from `from` (inclusive) to `to`.
 */
export async function revenueByMonth(
  sql: Sql,
  currency: string,
  from: Date,
  to: Date,
): Promise<RevenueMonth[]> {
  const [lines, notes] = await Promise.all([
    sql.query<{ month: string; kind: string; meter_id: string | null; amount: string }>(LINES, [
      currency,
      from.toISOString(),
      to.toISOString(),
    ]),
    sql.query<{ month: string; amount: string }>(NOTES, [currency, from.toISOString(), to.toISOString()]),
  ]);
  const months = new Map<string, RevenueMonth>();
  for (const m of monthsBetween(from, to))
    months.set(m, {
      month: m,
      baseFeesMinor: 0n,
      minimumSpendMinor: 0n,
      usageByMeter: new Map(),
      creditNotesMinor: 0n,
      totalMinor: 0n,
    });
  for (const l of lines) {
    const m = months.get(l.month);
    if (!m) continue;
    const amount = BigInt(l.amount);
    if (l.kind === "BASE_FEE") m.baseFeesMinor += amount;
    else if (l.kind === "MINIMUM_SPEND") m.minimumSpendMinor += amount;
    else if (l.kind === "USAGE" && l.meter_id)
      m.usageByMeter.set(l.meter_id, (m.usageByMeter.get(l.meter_id) ?? 0n) + amount);
    m.totalMinor += amount;
  }
  for (const n of notes) {
    const m = months.get(n.month);
    if (!m) continue;
    m.creditNotesMinor += BigInt(n.amount);
    m.totalMinor -= BigInt(n.amount);
  }
  return [...months.values()];
}

/** "2026-01" … the months from `from`'s to the one before `to`'s (UTC). */
export function monthsBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  let y = from.getUTCFullYear();
  let mo = from.getUTCMonth();
  while (Date.UTC(y, mo, 1) < to.getTime()) {
    out.push(`${y}-${String(mo + 1).padStart(2, "0")}`);
    mo++;
    if (mo === 12) {
      mo = 0;
      y++;
    }
  }
  return out;
}
