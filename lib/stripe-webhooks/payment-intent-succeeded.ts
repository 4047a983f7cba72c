import "server-only";
import type Stripe from "stripe";
import { applyOnce, type EventOutcome } from "@/lib/payments/apply-once";
import { applyPaidPurchase } from "@/lib/payments/apply-paid-purchase";
import { readPurchaseRef } from "@/lib/payments/purchase-metadata";
import { readInvoicePaymentRef } from "@/lib/billing/collection/invoice-payment-ref";
import { onInvoicePaymentSucceeded } from "./invoice-payment-events";
import { savedCard } from "./saved-card";

/**
 * A PaymentIntent succeeded: pay its invoice once, or credit its purchase once (a checkout pack, or an
 * auto-recharge) and keep the card if asked.
 */
export async function onPaymentIntentSucceeded(event: Stripe.Event): Promise<EventOutcome> {
  const pi = event.data.object as Stripe.PaymentIntent;
  const invoice = readInvoicePaymentRef(pi.metadata);
  if (invoice) return onInvoicePaymentSucceeded(event, pi, invoice);
  const ref = readPurchaseRef(pi.metadata);
  if (!ref) return applyOnce(event, pi.id, async () => "ignored");
  const card = ref.saveCard ? await savedCard(pi.payment_method) : null;
  return applyOnce(event, pi.id, (tx) =>
    applyPaidPurchase(tx, {
      ref,
      paymentIntentId: pi.id,
      amountMinor: pi.amount_received || pi.amount,
      currency: pi.currency,
      card,
    }),
  );
}
