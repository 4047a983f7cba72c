import { LIMIT_AMOUNT_SQL } from "./limit-value-sql";

/**
 * What limitsOverview reads, in two plain statements (the portal's dashboard reads it on every refresh).
 * HEAD: the customer's currency and the subscription in force at $2 ($1 customer id).
 */
export const LIMITS_HEAD = `
SELECT c.currency, s.plan_version_id::text, s.anchor_at, v.interval::text AS interval
FROM customers c
LEFT JOIN LATERAL (
  SELECT plan_version_id, anchor_at FROM subscriptions
  WHERE customer_id = c.id AND started_at <= $2::timestamptz AND (ends_at IS NULL OR ends_at > $2::timestamptz)
  ORDER BY started_at DESC LIMIT 1) s ON true
LEFT JOIN plan_versions v ON v.id = s.plan_version_id
WHERE c.id = $1::uuid`;

/**
 * BODY: its limits, the meters to show (the plan version's $2 priced meters and any meter a limit names),
 * the period's ($3; null: none) spend and meter quantities, and the latest 100 alerts.
 */
export const LIMITS_BODY = `
SELECT
  COALESCE((SELECT json_agg(json_build_object('id', l.id, 'scope', l.scope, 'setBy', l.set_by, 'mode', l.mode,
      'limit', ${LIMIT_AMOUNT_SQL}, 'thresholds', COALESCE(l.thresholds, '{}'))
      ORDER BY l.scope, l.set_by)
    FROM spending_limits l WHERE l.customer_id = $1::uuid), '[]') AS limits,
  COALESCE((SELECT json_agg(json_build_object('id', m.id, 'name', m.name, 'unit', m.unit) ORDER BY p.ord, m.name)
    FROM (SELECT meter_id, 0 AS ord FROM plan_prices WHERE plan_version_id = $2::uuid
          UNION SELECT meter_id, 1 FROM spending_limits WHERE customer_id = $1::uuid AND meter_id IS NOT NULL) p
    JOIN meters m ON m.id = p.meter_id), '[]') AS meters,
  (SELECT COALESCE(sum(rated_minor), 0)::text FROM usage_credit_periods
    WHERE customer_id = $1::uuid AND period_start = $3::timestamptz) AS spend,
  COALESCE((SELECT json_object_agg(q.meter_id, q.quantity) FROM (
      SELECT meter_id, trim_scale(sum(quantity))::text AS quantity FROM period_meter_charges
      WHERE customer_id = $1::uuid AND period_start = $3::timestamptz GROUP BY meter_id) q), '{}') AS quantities,
  COALESCE((SELECT json_agg(json_build_object('id', a.id::text, 'limitId', a.limit_id, 'kind', a.kind, 'threshold', a.threshold,
      'value', trim_scale(a.value)::text, 'limitValue', trim_scale(a.limit_value)::text, 'periodStart', a.period_start,
      'triggeredAt', a.triggered_at, 'resolvedAt', a.resolved_at) ORDER BY a.triggered_at DESC)
    FROM (SELECT * FROM limit_alerts WHERE customer_id = $1::uuid ORDER BY triggered_at DESC LIMIT 100) a), '[]') AS alerts`;

export type LimitsHeadRow = {
  currency: string;
  plan_version_id: string | null;
  anchor_at: Date | null;
  interval: string | null;
};

export type LimitsBodyRow = {
  limits: {
    id: string;
    scope: string;
    setBy: "ADMIN" | "CUSTOMER";
    mode: "ALERT" | "HARD_CAP";
    limit: string;
    thresholds: number[];
  }[];
  meters: { id: string; name: string; unit: string }[];
  spend: string;
  quantities: Record<string, string>;
  alerts: {
    id: string;
    limitId: string;
    kind: string;
    threshold: number;
    value: string;
    limitValue: string;
    periodStart: string;
    triggeredAt: string;
    resolvedAt: string | null;
  }[];
};
