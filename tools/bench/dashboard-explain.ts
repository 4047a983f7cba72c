/**
 * The main queries behind the routes `npm run bench:dashboard` times, run directly with EXPLAIN (ANALYZE,
 * BUFFERS) and representative parameters: the SQL constants the lib modules send, so the plans are of the
 * queries the routes run; only the usage query, which Prisma builds, is written out here as its SQL.
 */
import pg from "pg";
import { MONTHLY } from "@/lib/analytics/credits-by-month";
import { LINES } from "@/lib/analytics/revenue-by-month";
import { UNPAID_INVOICES } from "@/lib/analytics/receivables";
import { TOP_CUSTOMERS } from "@/lib/analytics/top-customers";
import { ACCOUNT_SUMMARY } from "@/lib/dashboard/dashboard-summary";
import { USAGE_HISTORY } from "@/lib/forecast/load-usage-history";
import { LIMITS_BODY, LIMITS_HEAD, type LimitsHeadRow } from "@/lib/limits/limits-overview-query";

export type ExplainInput = {
  customerId: string;
  meterId: string;
  period: { start: Date; end: Date };
  now: Date;
};

const DAY = 86_400_000;

function queries(
  x: ExplainInput,
  planVersionId: string | null,
): { name: string; sql: string; params: unknown[] }[] {
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
      sql: USAGE_HISTORY,
      params: [[], x.customerId, [x.meterId], since28, x.now],
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
      name: "dashboard: the limits overview's head (lib/limits/limits-overview-query.ts)",
      sql: LIMITS_HEAD,
      params: [x.customerId, x.now],
    },
    {
      name: "dashboard: the limits overview's body: limits, meters, spend, quantities, alerts (lib/limits/limits-overview-query.ts)",
      sql: LIMITS_BODY,
      params: [x.customerId, planVersionId, x.period.start],
    },
    {
      name: "dashboard: wallet, 7 days' burns and the last invoice in one query (lib/dashboard/dashboard-summary.ts)",
      sql: ACCOUNT_SUMMARY,
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
      sql: TOP_CUSTOMERS,
      params: [
        "USD",
        new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 6, 1)),
        new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 3, 1)),
        thisMonth,
        10,
      ],
    },
    {
      name: "analytics: receivables (lib/analytics/receivables.ts)",
      sql: UNPAID_INVOICES,
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
    const [head] = (await c.query<LimitsHeadRow>(LIMITS_HEAD, [input.customerId, input.now])).rows;
    for (const q of queries(input, head?.plan_version_id ?? null)) {
      await c.query(q.sql, q.params);
      const res = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
      out.push({ name: q.name, plan: res.rows.map((r) => r["QUERY PLAN"]).join("\n") });
    }
    return out;
  } finally {
    await c.end();
  }
}
