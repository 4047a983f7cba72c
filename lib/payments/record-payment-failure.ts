import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prismaSql } from "@/lib/db/sql";
import { lockWallet } from "@/lib/ledger/wallet";
import { recordNotification } from "@/lib/notifications/record-notification";
import type { PurchaseRef } from "./purchase-metadata";

/** Auto-recharge turns itself off after this many failed payments in a row. */
export const MAX_RECHARGE_FAILURES = 3;

/**
 * A payment of a purchase failed. Checkout: the message is kept (the page lets the customer try another
 * card; the purchase stays PENDING). Auto-recharge: the purchase FAILS once (the job and the webhook may
 * both report it), the failure is counted and shown, a customer.payment_failed notification is queued,
 * and after 3 failures in a row auto-recharge turns itself off and says so. A purchase already PAID is
 * left alone (an out-of-order failure of an earlier attempt).
 */
export async function recordPaymentFailure(tx: Prisma.TransactionClient, ref: PurchaseRef, f: { paymentIntentId: string | null; message: string }): Promise<string> {
  const { customerId, purchaseId } = ref;
  if (!(await lockWallet(prismaSql(tx), customerId))) return "unknown_purchase";
  const purchase = await tx.creditPurchase.findUnique({ where: { customerId_id: { customerId, id: purchaseId } } });
  if (!purchase) return "unknown_purchase";
  if (purchase.status !== "PENDING") return "ignored";
  const where = { customerId_id: { customerId, id: purchaseId } };
  if (purchase.kind === "CHECKOUT") {
    await tx.creditPurchase.update({ where, data: { failureMessage: f.message, failedAt: new Date(), noticeDismissedAt: null } });
    return "checkout_declined";
  }
  await tx.creditPurchase.update({ where, data: { status: "FAILED", failureMessage: f.message, failedAt: new Date(), paymentIntentId: f.paymentIntentId ?? undefined, completedAt: new Date() } });
  const ar = await tx.creditAutoRecharge.findUnique({ where: { customerId } });
  const failures = (ar?.consecutiveFailures ?? 0) + 1;
  const disable = failures >= MAX_RECHARGE_FAILURES;
  const disabledReason = disable ? `Auto-recharge turned itself off after ${failures} failed payments in a row. Last error: ${f.message}` : undefined;
  await tx.creditAutoRecharge.updateMany({
    where: { customerId },
    data: { consecutiveFailures: failures, lastFailureMessage: f.message, lastFailureAt: new Date(), armed: true, updatedAt: new Date(), ...(disable ? { enabled: false, disabledReason } : {}) },
  });
  const amount = { amountMinor: purchase.priceMinor.toString(), currency: purchase.currency };
  await recordNotification(tx, customerId, "customer.payment_failed", { purchaseId, packName: purchase.packName, ...amount, message: f.message, consecutiveFailures: failures });
  if (disable) await recordNotification(tx, customerId, "customer.auto_recharge_disabled", { reason: disabledReason });
  // Webhook events (the purchase FAILS once, so each is recorded once).
  await recordNotification(tx, customerId, "auto_recharge.failed", { purchaseId, packName: purchase.packName, ...amount, message: f.message, consecutiveFailures: failures, disabled: disable });
  if (disable) await recordNotification(tx, customerId, "auto_recharge.disabled", { reason: disabledReason, consecutiveFailures: failures });
  return disable ? "recharge_failed_disabled" : "recharge_failed";
}
