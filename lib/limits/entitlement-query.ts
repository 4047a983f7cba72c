import { LIMIT_AMOUNT_SQL } from "./limit-value-sql";

/**
 * Everything an entitlement check reads, in one round trip: the customer (and whether it is suspended), its
 * credit balance, the subscription in force now with its interval and terms, its limits, and its latest two
 * periods' spend (and the meter's quantity when one is named): the current period is told apart in code.
 * $1 external id, $2 meter key or null.
 */
export const ENTITLEMENT_QUERY = `
SELECT c.id::text, c.external_id, c.currency, c.suspended_at, c.suspension_reason,
  w.balance_minor::text AS balance_minor,
  s.anchor_at, v.interval::text AS interval, v.payment_terms::text AS terms,
  m.id::text AS meter_id, m.key AS meter_key, m.unit AS meter_unit,
  COALESCE((SELECT json_agg(json_build_object('scope', l.scope, 'setBy', l.set_by, 'mode', l.mode,
      'limit', ${LIMIT_AMOUNT_SQL}))
    FROM spending_limits l WHERE l.customer_id = c.id), '[]') AS limits,
  COALESCE((SELECT json_agg(json_build_object('periodStart', p.period_start, 'value', p.value::text))
    FROM (SELECT period_start, sum(rated_minor) AS value FROM usage_credit_periods
          WHERE customer_id = c.id GROUP BY period_start ORDER BY period_start DESC LIMIT 2) p), '[]') AS spends,
  COALESCE((SELECT json_agg(json_build_object('periodStart', q.period_start, 'value', q.value::text))
    FROM (SELECT period_start, trim_scale(sum(quantity)) AS value FROM period_meter_charges
          WHERE customer_id = c.id AND meter_id = m.id GROUP BY period_start ORDER BY period_start DESC LIMIT 2) q), '[]') AS quantities
FROM customers c
LEFT JOIN credit_balances w ON w.customer_id = c.id
LEFT JOIN LATERAL (
  SELECT s.anchor_at, s.plan_version_id FROM subscriptions s
  WHERE s.customer_id = c.id AND s.started_at <= now() AND (s.ends_at IS NULL OR s.ends_at > now())
  ORDER BY s.started_at DESC LIMIT 1) s ON true
LEFT JOIN plan_versions v ON v.id = s.plan_version_id
LEFT JOIN meters m ON m.key = $2::text
WHERE c.external_id = $1::text`;

export type EntitlementRow = {
  id: string;
  external_id: string;
  currency: string;
  suspended_at: Date | null;
  suspension_reason: string | null;
  balance_minor: string | null;
  anchor_at: Date | null;
  interval: string | null;
  terms: string | null;
  meter_id: string | null;
  meter_key: string | null;
  meter_unit: string | null;
  limits: { scope: string; setBy: string; mode: string; limit: string }[];
  spends: { periodStart: string; value: string }[];
  quantities: { periodStart: string; value: string }[];
};
