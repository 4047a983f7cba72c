import { minorToNumber } from "@/lib/money/minor-number";
import { billingPeriodAt, type BillingInterval } from "./billing-period";
import { subscriptionState, type SubscriptionState } from "./subscription-state";

export type SubscriptionDto = {
  id: string;
  state: SubscriptionState;
  plan: { id: string; name: string };
  version: { id: string; number: number; currency: string; interval: BillingInterval; baseFeeMinor: number };
  startedAt: string;
  anchorAt: string;
  trialEndsAt: string | null;
  endsAt: string | null;
  cancelAtPeriodEnd: boolean;
  /** The billing period holding `now`, while the subscription is in force. */
  currentPeriod: { start: string; end: string } | null;
};

export type SubscriptionRow = {
  id: string;
  startedAt: Date;
  anchorAt: Date;
  trialEndsAt: Date | null;
  endsAt: Date | null;
  cancelAtPeriodEnd: boolean;
  planVersion: { id: string; number: number; currency: string; interval: BillingInterval; baseFeeMinor: bigint; plan: { id: string; name: string } };
};

export const subscriptionInclude = { planVersion: { include: { plan: { select: { id: true, name: true } } } } } as const;

export function toSubscriptionDto(s: SubscriptionRow, now: Date): SubscriptionDto {
  const state = subscriptionState(s, now);
  const v = s.planVersion;
  const period = state === "trialing" || state === "active" ? billingPeriodAt(s.anchorAt, v.interval, now) : null;
  return {
    id: s.id,
    state,
    plan: v.plan,
    version: { id: v.id, number: v.number, currency: v.currency, interval: v.interval, baseFeeMinor: minorToNumber(v.baseFeeMinor) },
    startedAt: s.startedAt.toISOString(),
    anchorAt: s.anchorAt.toISOString(),
    trialEndsAt: s.trialEndsAt?.toISOString() ?? null,
    endsAt: s.endsAt?.toISOString() ?? null,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    currentPeriod: period ? { start: period.start.toISOString(), end: period.end.toISOString() } : null,
  };
}
