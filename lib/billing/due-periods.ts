import { billingPeriodAt, type BillingInterval } from "@/lib/subscriptions/billing-period";

export type BillableSubscription = {
  id: string;
  customerId: string;
  anchorAt: Date;
  startedAt: Date;
  endsAt: Date | null;
  billedThrough: Date | null;
  interval: BillingInterval;
};

/**
 * The billing periods of a subscription that have ended by `at` and have no invoice yet, oldest first:
 * from the period after `billedThrough` (or the one holding its start) while a period ends at or before
 * `at` and starts before the subscription ended.
 */
export function duePeriods(sub: BillableSubscription, at: Date): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  let cursor = sub.billedThrough ?? sub.startedAt;
  for (;;) {
    const p = billingPeriodAt(sub.anchorAt, sub.interval, cursor);
    if (p.end.getTime() > at.getTime()) break;
    if (sub.endsAt && p.start.getTime() >= sub.endsAt.getTime()) break;
    out.push({ start: p.start, end: p.end });
    cursor = p.end;
  }
  return out;
}
