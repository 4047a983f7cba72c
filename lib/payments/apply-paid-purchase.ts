import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { grantCredits } from "@/lib/ledger/grant-credits";
import { prismaSql } from "@/lib/db/sql";
import { lockWallet } from "@/lib/ledger/wallet";
import { recordNotification } from "@/lib/notifications/record-notification";
import type { PurchaseRef } from "./purchase-metadata";

export type PaidPayment = {
  ref: PurchaseRef;
  paymentIntentId: string;
  /** What Stripe says was paid, checked against the purchase. */
  amountMinor: number;
  currency: string;
  /** The card to keep for auto-recharge, when the purchase asked to save it. */
  card: { id: string; label: string | null } | null;
};

/**
 * Credits a paid purchase once, whichever of checkout.session.completed and payment_intent.succeeded
 * comes first: the grant is unique on the PaymentIntent and the purchase moves to PAID once. A payment
 * that does not match the purchase (amount or currency) is not credited and is logged.
 */
export async function applyPaidPurchase(tx: Prisma.TransactionClient, p: PaidPayment): Promise<string> {
  const { customerId, purchaseId } = p.ref;
  const sql = prismaSql(tx);
  if (!(await lockWallet(sql, customerId))) return "unknown_purchase";
  const purchase = await tx.creditPurchase.findUnique({ where: { customerId_id: { customerId, id: purchaseId } } });
  if (!purchase) return "unknown_purchase";
  if (BigInt(p.amountMinor) !== purchase.priceMinor || p.currency.toUpperCase() !== purchase.currency) {
    console.error(`stripe payment ${p.paymentIntentId} of ${p.amountMinor} ${p.currency} does not match purchase ${purchaseId} (${purchase.priceMinor} ${purchase.currency}); not credited`);
    return "amount_mismatch";
  }
  let outcome = "already_credited";
  if (purchase.status !== "PAID") {
    const granted = await grantCredits(sql, {
      customerId,
      kind: purchase.kind === "AUTO_RECHARGE" ? "AUTO_RECHARGE" : "PURCHASE",
      amountMinor: purchase.creditsMinor,
      currency: purchase.currency,
      description: purchase.kind === "AUTO_RECHARGE" ? `Auto-recharge: ${purchase.packName}` : purchase.packName,
      paymentIntentId: p.paymentIntentId,
      purchaseId,
    });
    if (granted) outcome = "credited";
    await tx.creditPurchase.update({
      where: { customerId_id: { customerId, id: purchaseId } },
      data: { status: "PAID", paymentIntentId: p.paymentIntentId, completedAt: new Date(), failureMessage: null },
    });
    // Once per purchase: it moves to PAID once, under the wallet lock.
    await recordNotification(tx, customerId, purchase.kind === "AUTO_RECHARGE" ? "auto_recharge.succeeded" : "credits.purchased", {
      purchaseId,
      packName: purchase.packName,
      amountMinor: purchase.priceMinor.toString(),
      creditsMinor: purchase.creditsMinor.toString(),
      currency: purchase.currency,
      paymentIntentId: p.paymentIntentId,
    });
  }
  if (purchase.kind === "AUTO_RECHARGE") {
    await tx.creditAutoRecharge.updateMany({ where: { customerId }, data: { consecutiveFailures: 0, lastFailureMessage: null, lastFailureAt: null, updatedAt: new Date() } });
  }
  if (purchase.saveCard && p.card) {
    await tx.creditAutoRecharge.upsert({
      where: { customerId },
      create: { customerId, paymentMethodId: p.card.id, cardLabel: p.card.label },
      update: { paymentMethodId: p.card.id, cardLabel: p.card.label, updatedAt: new Date() },
    });
  }
  return outcome;
}
