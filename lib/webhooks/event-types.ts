/**
 * The event types an endpoint can subscribe to (README "Webhooks" shows a payload of each). A notification
 * (lib/notifications) of one of these kinds is fanned out to the endpoints subscribed to it; other kinds
 * (email-only ones such as customer.auto_recharge_disabled) are not.
 */
export const WEBHOOK_EVENT_TYPES = [
  "customer.meter_usage_updated",
  "customer.payment_failed",
  "customer.payment_succeeded",
  "invoice.created",
  "invoice.finalized",
  "invoice.paid",
  "invoice.voided",
  "invoice.uncollectible",
  "credit_note.created",
  "credits.purchased",
  "credits.balance_low",
  "credits.depleted",
  "auto_recharge.succeeded",
  "auto_recharge.failed",
  "auto_recharge.disabled",
  "alert.triggered",
  "alert.resolved",
  "spending_limit.reached",
  "usage.spike_detected",
  "subscription.plan_changed",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(kind: string): kind is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(kind);
}
