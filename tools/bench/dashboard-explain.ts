/**
 * The main queries behind the routes `npm run bench:dashboard` times, run directly with EXPLAIN (ANALYZE,
 * BUFFERS) and representative parameters: lib/analytics' own SQL where it is a module constant, else the
 * same SQL as lib/forecast, lib/metering/queries, lib/dashboard, lib/limits and lib/analytics send (the
 * one built by Prisma written out as the equivalent SQL).
 */
import pg from "pg";
import { MONTHLY } from "@/lib/analytics/credits-by-month";
import { LINES } from "@/lib/analytics/revenue-by-month";

export type ExplainInput = {
  customerId: string;
  meterId: string;
  period: { start: Date; end: Date };
  now: Date;
};

const DAY = 86_400_000;

function queries(x: ExplainInput): { name: string; sql: string; params: unknown[] }[] {
  const today = new Date(Math.floor(x.now.getTime() / DAY) * DAY);
  const since28 = new Date(today.getTime() - 28 * DAY);
  const monthFrom = new Date(Date.UTC(x.now.getUTCFullYear(), x.now.getUTCMonth() - 11, 1));
  const monthTo = new Date(Date.UTC(x.now.getUTCFullYear(), x.now.getUTCMonth() + 1, 1));
  const thisMonth = new Date(Date.UTC(x.now.getUTCFullYear(), x.now.getUTCMonth(), 1));
  const usage = (granularity: string, grouped: boolean) => `
    SELECT period, grp, GROUPING(period, grp)::int AS level, SUM(sum)::text AS value
    FROM (SELECT date_trunc('${granularity}', bucket, 'UTC') AS period,
            ${grouped ? `CASE WHEN dimensions = '' THEN NULL ELSE (dimensions::jsonb ->> 0) END` : "NULL::text"} AS grp,
            sum, count, max, latest_value, latest_at
          FROM usage_rollups WHERE customer_id = $1::uuid AND meter_id = $2::uuid AND bucket >= $3 AND bucket < $4) r
    GROUP BY GROUPING SETS ((period, grp), (period), (grp), ())`;
  return [
    {
      name: "forecast: 28 days of hourly usage (lib/forecast/load-usage-history.ts)",
      sql: `SELECT meter_id::text AS meter_id, bucket,
              trim_scale(CASE WHEN meter_id = ANY($3::uuid[]) THEN SUM(count)::numeric ELSE SUM(sum) END)::text AS value
            FROM usage_rollups
            WHERE customer_id = $1::uuid AND meter_id = ANY($2::uuid[]) AND bucket >= $4 AND bucket < $5
            GROUP BY meter_id, bucket ORDER BY bucket`,
      params: [x.customerId, [x.meterId], [], since28, x.now],
    },
    {
      name: "usage: last month by day, by model (lib/metering/queries/query-usage.ts)",
      sql: usage("day", true),
      params: [
        x.customerId,
        x.meterId,
        new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 1, 1)),
        thisMonth,
      ],
    },
    {
      name: "usage: today by hour (lib/metering/queries/query-usage.ts)",
      sql: usage("hour", false),
      params: [x.customerId, x.meterId, today, new Date(today.getTime() + DAY)],
    },
    {
      name: "dashboard: period charges by meter (lib/limits/limits-overview.ts)",
      sql: `SELECT meter_id, sum(quantity) FROM period_meter_charges WHERE customer_id = $1::uuid AND period_start = $2 GROUP BY meter_id`,
      params: [x.customerId, x.period.start],
    },
    {
      name: "dashboard: wallet, 7 days' burns and the last invoice in one query (lib/dashboard/dashboard-summary.ts)",
      sql: `SELECT
              (SELECT balance_minor::text FROM credit_balances WHERE customer_id = $1::uuid) AS balance,
              (SELECT threshold_minor::text FROM credit_auto_recharges WHERE customer_id = $1::uuid AND enabled) AS auto_recharge_threshold,
              (SELECT COALESCE(sum(amount_minor), 0)::text FROM credit_ledger_entries
               WHERE customer_id = $1::uuid AND kind = 'BURN' AND created_at >= $2) AS burned,
              i.number, i.status, i.total_minor, i.amount_due_minor, i.due_at
            FROM (SELECT 1) AS one LEFT JOIN LATERAL (
              SELECT number, status::text, total_minor::text, amount_due_minor::text, due_at FROM invoices
              WHERE customer_id = $1::uuid AND status <> 'DRAFT' AND kind = 'STANDARD'
              ORDER BY period_start DESC LIMIT 1) AS i ON true`,
      params: [x.customerId, new Date(x.now.getTime() - 7 * DAY)],
    },
    {
      name: "analytics: revenue lines by month (lib/analytics/revenue-by-month.ts)",
      sql: LINES,
      params: ["USD", monthFrom, monthTo],
    },
    {
      name: "analytics: credits by month (lib/analytics/credits-by-month.ts)",
      sql: MONTHLY,
      params: ["USD", monthFrom, monthTo],
    },
    {
      name: "analytics: top customers (lib/analytics/top-customers.ts)",
      sql: `WITH billed AS (
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
            LIMIT 10`,
      params: [
        "USD",
        new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 6, 1)),
        new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 3, 1)),
        thisMonth,
      ],
    },
    {
      name: "analytics: receivables (lib/analytics/receivables.ts)",
      sql: `SELECT i.customer_id::text, c.name, i.id::text, i.number, i.status::text, i.amount_due_minor::text, i.due_at,
              (SELECT count(*) FROM invoice_payment_attempts a WHERE a.customer_id = i.customer_id AND a.invoice_id = i.id AND a.status = 'FAILED')::int AS attempts,
              i.next_payment_attempt_at, i.last_payment_error
            FROM invoices i JOIN customers c ON c.id = i.customer_id
            WHERE i.currency = $1 AND i.status IN ('OPEN', 'UNCOLLECTIBLE') AND i.amount_due_minor > 0
            ORDER BY i.due_at NULLS LAST, i.number
            LIMIT 1000`,
      params: ["USD"],
    },
  ];
}

/** Runs each query twice (the second is the one shown: warm caches, as under load) and returns name and plan. */
export async function explainQueries(
  databaseUrl: string,
  input: ExplainInput,
): Promise<{ name: string; plan: string }[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const out: { name: string; plan: string }[] = [];
    for (const q of queries(input)) {
      await c.query(q.sql, q.params);
      const res = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
      out.push({ name: q.name, plan: res.rows.map((r) => r["QUERY PLAN"]).join("\n") });
    }
    return out;
  } finally {
    await c.end();
  }
}
