import "server-only";
import type { Prisma } from "@/lib/db/generated/client";

/** Notification kinds the app queues for customers (a notifier sends them and sets sent_at). */
export type NotificationKind =
  | "customer.payment_failed"
  | "customer.auto_recharge_disabled"
  | "customer.account_suspended"
  | "customer.account_reinstated"
  // Webhook events (lib/webhooks/event-types.ts)
  | "credits.purchased"
  | "auto_recharge.succeeded"
  | "auto_recharge.failed"
  | "auto_recharge.disabled"
  | "subscription.plan_changed"
  // Usage (lib/metering/notices: at most once per customer and meter a minute)
  | "customer.meter_usage_updated"
  // Credits (lib/ledger/append-entry.ts writes these in SQL)
  | "credits.balance_low"
  | "credits.depleted"
  // Invoices (lib/billing)
  | "invoice.created"
  | "invoice.finalized"
  | "invoice.paid"
  | "invoice.voided"
  | "invoice.uncollectible"
  | "credit_note.created"
  | "customer.payment_succeeded"
  // Limits and alerts (lib/limits)
  | "alert.triggered"
  | "alert.resolved"
  | "spending_limit.reached"
  | "usage.spike_detected";

/** Queues a notification in the caller's transaction, so it exists exactly when the change it reports does. */
export async function recordNotification(tx: Prisma.TransactionClient, customerId: string, kind: NotificationKind, payload: Record<string, unknown>): Promise<void> {
  await tx.notification.create({ data: { customerId, kind, payload: payload as Prisma.InputJsonValue } });
}
