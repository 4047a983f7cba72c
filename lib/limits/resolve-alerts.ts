import "server-only";
import { prisma } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { MoneyDecimal } from "@/lib/money/decimal";
import { queueNotifications } from "@/lib/notifications/queue-notifications";
import { LIMIT_AMOUNT_SQL, limitValueSql } from "./limit-value-sql";

type OpenAlert = {
  customer_id: string;
  id: string;
  limit_id: string;
  kind: string;
  threshold: number;
  period_start: Date;
  scope: string | null;
  limit: string | null;
  currency: string;
  value: string;
};

/** The open alerts (of these customers, or all), each with its limit as it is now and its period's value now. */
const OPEN = `
SELECT a.customer_id::text, a.id::text, a.limit_id::text, a.kind, a.threshold, a.period_start, l.scope,
  ${LIMIT_AMOUNT_SQL} AS limit, c.currency,
  CASE WHEN l.scope IS NULL THEN '0' ELSE ${limitValueSql("a.customer_id", "a.period_start")} END AS value
FROM limit_alerts a
JOIN customers c ON c.id = a.customer_id
LEFT JOIN spending_limits l ON l.customer_id = a.customer_id AND l.id = a.limit_id
WHERE a.resolved_at IS NULL AND a.kind IN ('threshold', 'cap_reached')
  AND ($1::uuid[] IS NULL OR a.customer_id = ANY($1::uuid[]))`;

/**
 * Resolves the alerts whose value fell back under their threshold (a void, a correction) or whose limit was
 * raised or removed: each once (the update only takes alerts still open, so two sweeps at once resolve it
 * once), with an `alert.resolved` notification in the same transaction. Run by the sweep and after a void
 * or a limit change; returns how many it resolved.
 */
export async function resolveAlerts(customerIds: string[] | null = null): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const open = await sql.query<OpenAlert>(OPEN, [customerIds]);
    const under = open.filter(
      (a) =>
        a.limit === null ||
        new MoneyDecimal(a.value).times(100).lt(new MoneyDecimal(a.limit).times(a.threshold)),
    );
    if (under.length === 0) return 0;
    const done = await sql.query<{ customer_id: string; id: string }>(
      `UPDATE limit_alerts a SET resolved_at = now()
       FROM unnest($1::uuid[], $2::bigint[]) AS x(c, i)
       WHERE a.customer_id = x.c AND a.id = x.i AND a.resolved_at IS NULL
       RETURNING a.customer_id::text, a.id::text`,
      [under.map((a) => a.customer_id), under.map((a) => a.id)],
    );
    const byId = new Map(under.map((a) => [`${a.customer_id}|${a.id}`, a]));
    await queueNotifications(
      sql,
      done.map((d) => {
        const a = byId.get(`${d.customer_id}|${d.id}`)!;
        return {
          customerId: a.customer_id,
          kind: "alert.resolved" as const,
          payload: {
            alertId: a.id,
            kind: a.kind === "cap_reached" ? "cap_reached" : "threshold",
            limitId: a.limit_id,
            scope: a.scope,
            threshold: a.threshold,
            periodStart: new Date(a.period_start).toISOString(),
            limit: a.limit,
            value: a.value,
            currency: a.currency,
          },
        };
      }),
    );
    return done.length;
  });
}
