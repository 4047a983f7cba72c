import "server-only";
import { big, type Sql } from "@/lib/db/sql";
import type { PeriodGrantCredit } from "./period-grants";

/** Adds what each grant paid of each period (the pairs of one burn). */
export async function creditPeriodGrants(
  sql: Sql,
  customerId: string,
  credits: readonly PeriodGrantCredit[],
): Promise<void> {
  if (credits.length === 0) return;
  await sql.query(
    `INSERT INTO usage_credit_period_grants AS g (customer_id, subscription_id, period_start, grant_id, amount_minor)
     SELECT $1::uuid, s, ps, gr, a FROM unnest($2::uuid[], $3::timestamptz[], $4::uuid[], $5::bigint[]) AS m(s, ps, gr, a)
     ON CONFLICT (customer_id, subscription_id, period_start, grant_id) DO UPDATE SET amount_minor = g.amount_minor + EXCLUDED.amount_minor
     RETURNING g.grant_id`,
    [
      customerId,
      credits.map((c) => c.subscriptionId),
      credits.map((c) => c.periodStart.toISOString()),
      credits.map((c) => c.grantId),
      credits.map((c) => big(c.amountMinor)),
    ],
  );
}

/**
 * Credits given back for a period (its usage now costs less) come off its grants' shares, the grants that
 * paid last first (the reverse of the burn order they were paid in; grant id breaks ties), never below zero.
 */
export async function uncreditPeriodGrants(
  sql: Sql,
  customerId: string,
  period: { subscriptionId: string; periodStart: Date },
  amountMinor: bigint,
): Promise<void> {
  await sql.query(
    `WITH locked AS (
       SELECT grant_id, amount_minor FROM usage_credit_period_grants
       WHERE customer_id = $1::uuid AND subscription_id = $2::uuid AND period_start = $3::timestamptz
       FOR UPDATE),
     shares AS (
       SELECT grant_id, amount_minor, sum(amount_minor) OVER (ORDER BY grant_id DESC) - amount_minor AS before FROM locked)
     UPDATE usage_credit_period_grants AS g
     SET amount_minor = g.amount_minor - LEAST(s.amount_minor, GREATEST(0, $4::bigint - s.before))
     FROM shares s
     WHERE g.customer_id = $1::uuid AND g.subscription_id = $2::uuid AND g.period_start = $3::timestamptz
       AND g.grant_id = s.grant_id AND s.before < $4::bigint
     RETURNING g.grant_id`,
    [customerId, period.subscriptionId, period.periodStart.toISOString(), big(amountMinor)],
  );
}
