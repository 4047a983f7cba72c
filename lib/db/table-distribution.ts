/**
 * How each table would be placed if one PostgreSQL is not enough and the database moves to Citus
 * (README "Scaling out"). tests/integration/table-distribution.test.ts checks the schema against it, so a
 * new table must be placed here, and a table placed as distributed must keep its keys leading with
 * customer_id. `npm run db:citus-plan` prints the Citus statements that would place them, in this order:
 * a distributed table comes after the distributed tables its foreign keys point at.
 */
export type Placement =
  /** Grows with usage or with each customer's activity: sharded by customer_id, co-located. */
  | "distributed"
  /** A small catalogue (one row per customer, meter, plan, key, member...): copied to every node. */
  | "reference"
  /** A queue or a global idempotency record read across customers: kept on the coordinator. */
  | "coordinator";

export const TABLE_PLACEMENT: Record<string, { placement: Placement; why: string }> = {
  usage_events: { placement: "distributed", why: "every event" },
  usage_rollups: { placement: "distributed", why: "hourly totals per meter" },
  usage_unique_values: { placement: "distributed", why: "distinct values per hour" },
  duplicate_conflict_days: { placement: "distributed", why: "conflicting duplicates per day" },
  period_meter_charges: { placement: "distributed", why: "running charge per period and meter" },
  period_unique_values: { placement: "distributed", why: "distinct values per period" },
  meter_usage_notices: { placement: "distributed", why: "last usage notice per meter" },
  credit_balances: { placement: "distributed", why: "the wallet" },
  credit_grants: { placement: "distributed", why: "every grant" },
  credit_ledger_entries: { placement: "distributed", why: "every balance change" },
  credit_grant_movements: { placement: "distributed", why: "every burn's split over grants" },
  usage_credit_periods: { placement: "distributed", why: "what credits paid per period" },
  usage_credit_period_grants: { placement: "distributed", why: "that, per grant" },
  credit_purchases: { placement: "distributed", why: "every purchase" },
  credit_auto_recharges: { placement: "distributed", why: "auto-recharge settings, with the wallet" },
  customer_billing_profiles: { placement: "distributed", why: "billing settings, with the invoices" },
  invoices: { placement: "distributed", why: "every invoice" },
  invoice_lines: { placement: "distributed", why: "their lines" },
  invoice_payment_attempts: { placement: "distributed", why: "every charge attempt" },
  credit_notes: { placement: "distributed", why: "every credit note" },
  notifications: { placement: "distributed", why: "the outbox: every event told" },
  notification_emails: { placement: "distributed", why: "every email sent" },
  email_opt_outs: { placement: "distributed", why: "members' choices, with the outbox" },
  webhook_deliveries: { placement: "distributed", why: "every delivery" },
  webhook_attempts: { placement: "distributed", why: "every attempt" },
  webhook_sequences: { placement: "distributed", why: "each customer's event sequence" },
  spending_limits: { placement: "distributed", why: "limits" },
  limit_alerts: { placement: "distributed", why: "alerts per period" },

  customers: { placement: "reference", why: "one row per customer, joined by every query" },
  users: { placement: "reference", why: "admins and members" },
  member_tokens: { placement: "reference", why: "open invitations and password resets" },
  api_keys: { placement: "reference", why: "keys, looked up by hash" },
  meters: { placement: "reference", why: "the meter catalogue" },
  plans: { placement: "reference", why: "the plan catalogue" },
  plan_versions: { placement: "reference", why: "the plan catalogue" },
  plan_prices: { placement: "reference", why: "the plan catalogue" },
  credit_packs: { placement: "reference", why: "the pack catalogue" },
  subscriptions: { placement: "reference", why: "one row per plan change per customer" },
  webhook_endpoints: { placement: "reference", why: "the company's endpoints" },
  invoice_number_sequences: { placement: "reference", why: "one row per prefix and year" },

  jobs: { placement: "coordinator", why: "the job queue, claimed across customers with SKIP LOCKED" },
  stripe_events: { placement: "coordinator", why: "Stripe's event ids, the idempotency record" },
  audit_log: { placement: "coordinator", why: "who did what, read across customers" },
  caught_emails: { placement: "coordinator", why: "the demo's mail catcher" },
  sign_in_attempts: { placement: "coordinator", why: "failed sign-in counters by email and IP (rate-limiter-flexible)" },
};
