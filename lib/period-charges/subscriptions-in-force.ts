import "server-only";
import type { BillingInterval } from "@/lib/subscriptions/billing-period";

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
  /** The customer has spending limits (read by the ingest transaction with its rollups). */
  limited?: boolean;
};

export type SubscriptionRow = {
  id: string;
  customer_id: string;
  plan_version_id: string;
  anchor_at: Date;
  started_at: Date;
  ends_at: Date | null;
  trial_ends_at: Date | null;
  interval: BillingInterval;
  limited?: boolean;
};

/** Subscription rows (as the ingest transaction reads them with its rollups) by customer. */
export function subscriptionsByCustomer(rows: readonly SubscriptionRow[]): Map<string, SubscriptionInForce[]> {
  const out = new Map<string, SubscriptionInForce[]>();
  for (const r of rows) {
    const sub: SubscriptionInForce = {
      id: r.id,
      customerId: r.customer_id,
      planVersionId: r.plan_version_id,
      anchorAt: r.anchor_at,
      startedAt: r.started_at,
      endsAt: r.ends_at,
      trialEndsAt: r.trial_ends_at,
      interval: r.interval,
      limited: r.limited ?? false,
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
