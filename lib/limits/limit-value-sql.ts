/**
 * SQL: the value a limit (alias `l`) is measured against in one billing period of one customer: the period's
 * rated spend (usage_credit_periods, minor units) for spend, else its meter's quantity over the period's
 * subscriptions (period_meter_charges). `customer` and `periodStart` are SQL expressions.
 */
export function limitValueSql(customer: string, periodStart: string): string {
  return `CASE WHEN l.scope = 'spend'
    THEN (SELECT COALESCE(sum(u.rated_minor), 0) FROM usage_credit_periods u
          WHERE u.customer_id = ${customer} AND u.period_start = ${periodStart})::text
    ELSE (SELECT trim_scale(COALESCE(sum(m.quantity), 0)) FROM period_meter_charges m
          WHERE m.customer_id = ${customer} AND m.period_start = ${periodStart} AND m.meter_id = l.meter_id)::text
  END`;
}

/** SQL: a limit's (alias `l`) amount as text: minor units for spend, the quantity (no trailing zeros) for a meter. */
export const LIMIT_AMOUNT_SQL = "COALESCE(l.limit_minor::text, trim_scale(l.limit_quantity)::text)";
