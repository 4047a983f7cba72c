/**
 * SQL: the period's charges, or the credits that paid them, of invoice `i` changed after the invoice last
 * read them (charges_seen_at), so it may need a correction. Five minutes of slack: an ingest transaction
 * stamps its rows with its start time, and may commit just after the invoice read.
 */
export const CHARGES_CHANGED_SINCE_SEEN = `(
  EXISTS (SELECT 1 FROM period_meter_charges c WHERE c.customer_id = i.customer_id AND c.period_start = i.period_start
          AND c.updated_at > i.charges_seen_at - interval '5 minutes')
  OR EXISTS (SELECT 1 FROM usage_credit_periods u WHERE u.customer_id = i.customer_id AND u.period_start = i.period_start
          AND u.updated_at > i.charges_seen_at - interval '5 minutes'))`;

/** Finalized period invoices (alias `i`) that corrections concern: not drafts, not void, not supplements. */
export const CORRECTABLE_INVOICES = `i.kind = 'STANDARD' AND i.status IN ('OPEN', 'PAID', 'UNCOLLECTIBLE') AND i.charges_seen_at IS NOT NULL`;
