/**
 * The audited actions the admin's audit log names and filters by. `customerTarget`: the row's target is
 * the customer's id (else the customer, if any, is `details.customerId`). An action missing here is still
 * recorded and listed under its own name.
 */
export const AUDIT_ACTIONS = {
  "customer.created": { label: "Customer created", customerTarget: true },
  "member.invited": { label: "Member invited", customerTarget: false },
  "member.reinvited": { label: "Member invited again", customerTarget: false },
  "member.invitation_accepted": { label: "Invitation accepted", customerTarget: false },
  "member.password_reset_sent": { label: "Password reset sent", customerTarget: false },
  "member.password_reset": { label: "Password reset", customerTarget: false },
  "subscription.created": { label: "Plan assigned", customerTarget: false },
  "subscription.change_scheduled": { label: "Plan change scheduled", customerTarget: false },
  "subscription.changed": { label: "Plan changed", customerTarget: false },
  "subscription.canceled": { label: "Subscription canceled", customerTarget: false },
  "usage.voided": { label: "Usage voided", customerTarget: true },
  "credits.adjusted": { label: "Credits adjusted", customerTarget: true },
  "credits.granted": { label: "Promotional credits granted", customerTarget: true },
  "credits.low_balance_alert_set": { label: "Low-balance alert set", customerTarget: true },
  "auto_recharge.enabled": { label: "Auto-recharge enabled", customerTarget: true },
  "auto_recharge.disabled": { label: "Auto-recharge disabled", customerTarget: true },
  "limit.set": { label: "Limit or cap set", customerTarget: true },
  "limit.removed": { label: "Limit or cap removed", customerTarget: true },
  "invoice.finalized": { label: "Invoice finalized", customerTarget: false },
  "invoice.voided": { label: "Invoice voided", customerTarget: false },
  "invoice.marked_uncollectible": { label: "Invoice marked uncollectible", customerTarget: false },
  "invoice.paid_out_of_band": { label: "Invoice marked paid", customerTarget: false },
  "invoice.payment_retried": { label: "Invoice payment retried", customerTarget: false },
  "credit_note.issued": { label: "Credit note issued", customerTarget: true },
  "billing_profile.updated": { label: "Billing details or terms changed", customerTarget: true },
  "api_key.created": { label: "API key created", customerTarget: false },
  "api_key.revoked": { label: "API key revoked", customerTarget: false },
  "webhook_endpoint.created": { label: "Webhook endpoint created", customerTarget: false },
  "webhook_endpoint.enabled": { label: "Webhook endpoint enabled", customerTarget: false },
  "webhook_endpoint.disabled": { label: "Webhook endpoint disabled", customerTarget: false },
  "webhook_endpoint.secret_rotated": { label: "Webhook secret rotated", customerTarget: false },
  "webhook_endpoint.replayed": { label: "Webhook deliveries replayed", customerTarget: false },
  "webhook_delivery.resent": { label: "Webhook delivery resent", customerTarget: false },
  "plan.created": { label: "Plan created", customerTarget: false },
  "plan_version.created": { label: "Plan version drafted", customerTarget: false },
  "plan_version.updated": { label: "Plan version edited", customerTarget: false },
  "plan_version.published": { label: "Plan version published", customerTarget: false },
  "plan_version.deleted": { label: "Plan draft deleted", customerTarget: false },
  "meter.created": { label: "Meter created", customerTarget: false },
  "meter.updated": { label: "Meter updated", customerTarget: false },
  "meter.archived": { label: "Meter archived", customerTarget: false },
  "credit_pack.created": { label: "Credit pack created", customerTarget: false },
  "credit_pack.updated": { label: "Credit pack updated", customerTarget: false },
} as const satisfies Record<string, { label: string; customerTarget: boolean }>;

export type KnownAuditAction = keyof typeof AUDIT_ACTIONS;

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, { label: string }>)[action]?.label ?? action;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer a row concerns: `details.customerId`, else the target when the action targets a customer. */
export function auditCustomerId(action: string, target: string | null, details: Record<string, unknown>): string | null {
  const fromDetails = details.customerId;
  if (typeof fromDetails === "string" && UUID.test(fromDetails)) return fromDetails;
  const entry = (AUDIT_ACTIONS as Record<string, { customerTarget: boolean }>)[action];
  return entry?.customerTarget && target && UUID.test(target) ? target : null;
}
