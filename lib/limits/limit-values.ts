import "server-only";
import type { Sql } from "@/lib/db/sql";
import { LIMIT_AMOUNT_SQL, limitValueSql } from "./limit-value-sql";

/** One limit of a customer with its value in one billing period (after the write that reads it). */
export type LimitValueRow = {
  customer_id: string;
  id: string;
  scope: string;
  meter_id: string | null;
  set_by: "ADMIN" | "CUSTOMER";
  mode: "ALERT" | "HARD_CAP";
  /** limit_minor for spend, limit_quantity for a meter. */
  limit: string;
  thresholds: number[];
  period_start: Date;
  currency: string;
  /** Spend: the period's rated usage in minor units; a meter: its quantity in the period. */
  value: string;
};

/**
 * The limits of these customers, each with its value in the given billing periods (pairs of customer and
 * period start): spend is the period's rated usage (usage_credit_periods, what the ledger tallied), a meter's
 * value its quantity over the period's subscriptions (period_meter_charges). Read in the caller's transaction.
 */
export async function limitValues(
  sql: Sql,
  periods: readonly { customerId: string; periodStart: Date }[],
): Promise<LimitValueRow[]> {
  if (periods.length === 0) return [];
  return sql.query<LimitValueRow>(
    `SELECT l.customer_id::text, l.id::text, l.scope, l.meter_id::text, l.set_by::text, l.mode::text,
       ${LIMIT_AMOUNT_SQL} AS limit, COALESCE(l.thresholds, '{}') AS thresholds,
       p.period_start, c.currency,
       ${limitValueSql("l.customer_id", "p.period_start")} AS value
     FROM unnest($1::uuid[], $2::timestamptz[]) AS p(customer_id, period_start)
     JOIN spending_limits l ON l.customer_id = p.customer_id
     JOIN customers c ON c.id = p.customer_id
     ORDER BY l.customer_id, p.period_start, l.scope, l.set_by`,
    [periods.map((p) => p.customerId), periods.map((p) => p.periodStart.toISOString())],
  );
}
