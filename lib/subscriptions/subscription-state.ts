/** What a subscription is at a moment, from its dates (the stored status is settled lazily). */
export type SubscriptionState = "scheduled" | "trialing" | "active" | "ended";

export function subscriptionState(sub: { startedAt: Date; endsAt: Date | null; trialEndsAt: Date | null }, now: Date): SubscriptionState {
  if (sub.startedAt > now) return "scheduled";
  if (sub.endsAt && sub.endsAt <= now) return "ended";
  if (sub.trialEndsAt && sub.trialEndsAt > now) return "trialing";
  return "active";
}
