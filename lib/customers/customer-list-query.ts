/**
 * The admin's customer list in two statements over rows ingestion and billing already keep (no N+1):
 * COUNT for the pager, and PAGE for one page of rows. $1 is the search text as an ILIKE pattern (null:
 * all), matched against the name, externalId, billing email and members' emails; $2 now; $3 limit;
 * $4 offset. ORDER BY comes from a fixed list (customer-list-params.ts), never from the request.
 */
const MATCH = `(
  $1::text IS NULL OR c.name ILIKE $1 OR c.external_id ILIKE $1
  OR c.id IN (SELECT b.customer_id FROM customer_billing_profiles b WHERE b.email ILIKE $1)
  OR c.id IN (SELECT u.customer_id FROM users u WHERE u.email ILIKE $1))`;

export const CUSTOMER_COUNT = `SELECT count(*)::int AS n FROM customers c WHERE ${MATCH}`;

/**
 * The current billing period's start in SQL, as lib/subscriptions/billing-period.ts computes it: the
 * anchor plus k intervals in UTC (PostgreSQL clamps the day to the month's end and, since k is added to
 * the anchor each time, returns to the anchor's day), k the whole intervals between anchor and now,
 * less one when that start is still ahead.
 */
const PERIOD_START = `(SELECT CASE WHEN x.start > $2::timestamptz THEN ((sub.anchor_at AT TIME ZONE 'UTC') + make_interval(months => (x.k - 1) * x.m)) AT TIME ZONE 'UTC' ELSE x.start END
  FROM (SELECT y.k, y.m, ((sub.anchor_at AT TIME ZONE 'UTC') + make_interval(months => y.k * y.m)) AT TIME ZONE 'UTC' AS start
    FROM (SELECT z.m, floor(z.months::numeric / z.m)::int AS k FROM (SELECT CASE sub.interval WHEN 'YEAR' THEN 12 ELSE 1 END AS m,
      ((extract(year FROM $2::timestamptz AT TIME ZONE 'UTC') - extract(year FROM sub.anchor_at AT TIME ZONE 'UTC')) * 12
       + extract(month FROM $2::timestamptz AT TIME ZONE 'UTC') - extract(month FROM sub.anchor_at AT TIME ZONE 'UTC'))::int AS months) z) y) x)`;

const SUBSCRIPTION = `LEFT JOIN LATERAL (
  SELECT s.anchor_at, v.interval::text AS interval, p.name AS plan_name, v.number AS version_number,
    (s.trial_ends_at IS NOT NULL AND s.trial_ends_at > $2::timestamptz) AS on_trial
  FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id JOIN plans p ON p.id = v.plan_id
  WHERE s.customer_id = c.id AND s.started_at <= $2::timestamptz AND (s.ends_at IS NULL OR s.ends_at > $2::timestamptz)
  ORDER BY s.started_at DESC LIMIT 1) sub ON true
LEFT JOIN LATERAL (
  SELECT sum(u.rated_minor) AS spend FROM usage_credit_periods u
  WHERE sub.anchor_at IS NOT NULL AND u.customer_id = c.id AND u.period_start = ${PERIOD_START}) sp ON true`;

/**
 * Every customer's spend this period, set-based (hash joins, no per-customer probe), for sorting by
 * spend: the subscription in force at $2, its period's start computed as PERIOD_START does, and the
 * period's rated usage.
 */
const ALL_SPEND = `cur AS (
  SELECT DISTINCT ON (s.customer_id) s.customer_id, s.anchor_at AT TIME ZONE 'UTC' AS anchor, CASE v.interval WHEN 'YEAR' THEN 12 ELSE 1 END AS m
  FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id
  WHERE s.started_at <= $2::timestamptz AND (s.ends_at IS NULL OR s.ends_at > $2::timestamptz)
  ORDER BY s.customer_id, s.started_at DESC
), steps AS (
  SELECT customer_id, anchor, m, floor(((extract(year FROM $2::timestamptz AT TIME ZONE 'UTC') - extract(year FROM anchor)) * 12
    + extract(month FROM $2::timestamptz AT TIME ZONE 'UTC') - extract(month FROM anchor))::numeric / m)::int AS k FROM cur
), starts AS (
  SELECT customer_id, CASE WHEN (anchor + make_interval(months => k * m)) AT TIME ZONE 'UTC' > $2::timestamptz
    THEN (anchor + make_interval(months => (k - 1) * m)) AT TIME ZONE 'UTC' ELSE (anchor + make_interval(months => k * m)) AT TIME ZONE 'UTC' END AS start
  FROM steps
), spend AS (
  SELECT u.customer_id, sum(u.rated_minor) AS spend FROM usage_credit_periods u
  JOIN starts ON starts.customer_id = u.customer_id AND u.period_start = starts.start GROUP BY u.customer_id
),`;

/**
 * One page: the customer, its billing email, wallet balance, plan in force, this period's rated spend and
 * status. The page's customers are chosen first (matched, sorted, limited), and only they get the rest;
 * sorting by spend computes every customer's spend first (ALL_SPEND).
 */
export function customerPageQuery(orderBy: string, bySpend: boolean): string {
  return `
WITH ${bySpend ? ALL_SPEND : ""} page AS (
  SELECT c.id FROM customers c
  LEFT JOIN credit_balances w ON w.customer_id = c.id
  ${bySpend ? "LEFT JOIN spend sp ON sp.customer_id = c.id" : ""}
  WHERE ${MATCH}
  ORDER BY ${orderBy}
  LIMIT $3 OFFSET $4)
SELECT c.id::text, c.external_id, c.name, c.currency, c.created_at, c.suspended_at,
  b.email AS billing_email,
  COALESCE(w.balance_minor, 0)::text AS balance_minor,
  sub.plan_name, sub.version_number, sub.on_trial,
  COALESCE(sp.spend, 0)::text AS spend_minor,
  EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.status = 'UNCOLLECTIBLE') AS uncollectible,
  (SELECT count(*)::int FROM users u WHERE u.customer_id = c.id) AS members
FROM page JOIN customers c ON c.id = page.id
LEFT JOIN customer_billing_profiles b ON b.customer_id = c.id
LEFT JOIN credit_balances w ON w.customer_id = c.id
${SUBSCRIPTION}
ORDER BY ${orderBy}`;
}

export type CustomerPageRow = {
  id: string;
  external_id: string;
  name: string;
  currency: string;
  created_at: Date;
  suspended_at: Date | null;
  billing_email: string | null;
  balance_minor: string;
  plan_name: string | null;
  version_number: number | null;
  on_trial: boolean | null;
  spend_minor: string;
  uncollectible: boolean;
  members: number;
};
