import "server-only";
import { prisma } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { parseCurrency } from "@/lib/money/currencies";
import { toMinorUnits } from "@/lib/money/round";
import { queueNotifications } from "@/lib/notifications/queue-notifications";

/** The customers' meters whose period charges changed since their last report, and that were not reported in the last minute. */
const DUE = `
WITH changed AS (
  SELECT customer_id, meter_id, max(updated_at) AS changed_at, max(period_start) AS period_start
  FROM period_meter_charges WHERE updated_at > $1::timestamptz - interval '2 days'
  GROUP BY customer_id, meter_id
)
SELECT ch.customer_id::text, ch.meter_id::text, ch.changed_at, m.key, m.unit, c.currency, c.external_id,
  ch.period_start, max(p.period_end) AS period_end, trim_scale(sum(p.quantity))::text AS quantity, array_agg(p.amount::text) AS amounts
FROM changed ch
LEFT JOIN meter_usage_notices n ON n.customer_id = ch.customer_id AND n.meter_id = ch.meter_id
JOIN meters m ON m.id = ch.meter_id
JOIN customers c ON c.id = ch.customer_id
JOIN period_meter_charges p ON p.customer_id = ch.customer_id AND p.meter_id = ch.meter_id AND p.period_start = ch.period_start
WHERE n.customer_id IS NULL OR (ch.changed_at > n.covered_until AND n.sent_at <= $1::timestamptz - interval '1 minute')
GROUP BY ch.customer_id, ch.meter_id, ch.changed_at, ch.period_start, m.key, m.unit, c.currency, c.external_id
LIMIT 5000`;

type Due = {
  customer_id: string;
  meter_id: string;
  changed_at: Date;
  key: string;
  unit: string;
  currency: string;
  external_id: string;
  period_start: Date;
  period_end: Date;
  quantity: string;
  amounts: string[];
};

/**
 * customer.meter_usage_updated, at most once per customer and meter a minute: the sweep reports each meter
 * whose running charges changed since its last report, with the current period's totals (quantity, and
 * the charge rounded per row as the invoice rounds it). Off the ingest path: a report costs ingestion
 * nothing. One instance at a time (a transaction-scoped advisory lock); the notice rows and the
 * notifications commit together, so each change is reported once. Returns how many it reported.
 */
export async function reportMeterUsage(now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const [{ got }] = await sql.query<{ got: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtext('meterly:meter-usage-notices')) AS got`,
    );
    if (!got) return 0;
    const due = await sql.query<Due>(DUE, [now.toISOString()]);
    if (due.length === 0) return 0;
    await queueNotifications(
      sql,
      due.map((d) => {
        const currency = parseCurrency(d.currency);
        const chargeMinor = d.amounts.reduce((s, a) => s + toMinorUnits(a, currency), 0n);
        return {
          customerId: d.customer_id,
          kind: "customer.meter_usage_updated" as const,
          payload: {
            meterId: d.meter_id,
            meter: d.key,
            unit: d.unit,
            periodStart: new Date(d.period_start).toISOString(),
            periodEnd: new Date(d.period_end).toISOString(),
            quantity: d.quantity,
            chargeMinor: chargeMinor.toString(),
            currency,
            asOf: new Date(d.changed_at).toISOString(),
          },
        };
      }),
    );
    await sql.query(
      `INSERT INTO meter_usage_notices (customer_id, meter_id, sent_at, covered_until)
       SELECT c, m, $1::timestamptz, u FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[]) AS x(c, m, u)
       ON CONFLICT (customer_id, meter_id) DO UPDATE SET sent_at = EXCLUDED.sent_at, covered_until = EXCLUDED.covered_until
       RETURNING customer_id`,
      [
        now.toISOString(),
        due.map((d) => d.customer_id),
        due.map((d) => d.meter_id),
        due.map((d) => new Date(d.changed_at).toISOString()),
      ],
    );
    return due.length;
  });
}
