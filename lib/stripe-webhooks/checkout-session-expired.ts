import "server-only";
import type Stripe from "stripe";
import { applyOnce, type EventOutcome } from "@/lib/payments/apply-once";
import { readPurchaseRef } from "@/lib/payments/purchase-metadata";

/** A Checkout Session expired unpaid: its purchase, if still pending, is EXPIRED (a later payment would still credit it). */
export async function onCheckoutSessionExpired(event: Stripe.Event): Promise<EventOutcome> {
  const session = event.data.object as Stripe.Checkout.Session;
  const ref = readPurchaseRef(session.metadata);
  return applyOnce(event, session.id, async (tx) => {
    if (!ref) return "ignored";
    const { count } = await tx.creditPurchase.updateMany({
      where: { customerId: ref.customerId, id: ref.purchaseId, status: "PENDING" },
      data: { status: "EXPIRED", completedAt: new Date() },
    });
    return count ? "expired" : "ignored";
  });
}
