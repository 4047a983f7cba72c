import "server-only";
import type { PoolClient } from "pg";
import type { BillingInterval } from "@/lib/subscriptions/billing-period";
import { preparedStatement } from "@/lib/db/prepared-statement";

/** A subscription with what rating needs: its time range, trial, billing anchor and interval. */
export type SubscriptionInForce = {
  id: string;
  customerId: string;
  planVersionId: string;
  anchorAt: Date;
  startedAt: Date;
  endsAt: Date | null;
  trialEndsAt: Date | null;
  interval: BillingInterval;
};

const SELECT_IN_FORCE = preparedStatement("meterly_subscriptions_in_force", `
SELECT s.id::text, s.customer_id::text, s.plan_version_id::text, s.anchor_at, s.started_at, s.ends_at, s.trial_ends_at, v.interval::text AS interval
FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id
WHERE s.customer_id = ANY($1::uuid[]) AND s.started_at <= $3 AND (s.ends_at IS NULL OR s.ends_at > $2)`);

type Row = {
  id: string;
  customer_id: string;
  plan_version_id: string;
  anchor_at: Date;
  started_at: Date;
  ends_at: Date | null;
  trial_ends_at: Date | null;
  interval: BillingInterval;
};

/**
 * The subscriptions of these customers whose [started_at, ends_at) overlaps [from, to], by customer:
 * one indexed query, with no rows at all for customers without a subscription. Runs on the ingest
 * transaction's client (never another connection).
 */
export async function loadSubscriptionsInForce(client: PoolClient, customerIds: string[], from: Date, to: Date): Promise<Map<string, SubscriptionInForce[]>> {
  const res = await client.query<Row>(SELECT_IN_FORCE([customerIds, from.toISOString(), to.toISOString()]));
  const out = new Map<string, SubscriptionInForce[]>();
  for (const r of res.rows) {
    const sub: SubscriptionInForce = {
      id: r.id,
      customerId: r.customer_id,
      planVersionId: r.plan_version_id,
      anchorAt: r.anchor_at,
      startedAt: r.started_at,
      endsAt: r.ends_at,
      trialEndsAt: r.trial_ends_at,
      interval: r.interval,
    };
    const list = out.get(sub.customerId);
    if (list) list.push(sub);
    else out.set(sub.customerId, [sub]);
  }
  return out;
}

/** The subscription in force at `at`: started at or before it and not yet ended. */
export function subscriptionAt(subs: readonly SubscriptionInForce[] | undefined, at: Date): SubscriptionInForce | undefined {
  const t = at.getTime();
  return subs?.find((s) => s.startedAt.getTime() <= t && (s.endsAt === null || t < s.endsAt.getTime()));
}
