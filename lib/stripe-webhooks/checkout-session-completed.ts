import "server-only";
import type Stripe from "stripe";
import { applyOnce, type EventOutcome } from "@/lib/payments/apply-once";
import { applyPaidPurchase } from "@/lib/payments/apply-paid-purchase";
import { readPurchaseRef } from "@/lib/payments/purchase-metadata";
import { readInvoicePaymentRef } from "@/lib/billing/collection/invoice-payment-ref";
import { onInvoiceCheckoutCompleted } from "./invoice-payment-events";
import { paymentMethodOf, savedCard } from "./saved-card";

/** A Checkout Session was paid: pay the invoice it carries, or credit the purchase it carries (once, also if payment_intent.succeeded came first). */
export async function onCheckoutSessionCompleted(event: Stripe.Event): Promise<EventOutcome> {
  const session = event.data.object as Stripe.Checkout.Session;
  const paymentIntentId =
    typeof session.payment_intent === "string"
      ? session.payment_intent
      : (session.payment_intent?.id ?? null);
  const paid = session.mode === "payment" && session.payment_status === "paid" && paymentIntentId !== null;
  const invoice = readInvoicePaymentRef(session.metadata);
  if (invoice && paid) return onInvoiceCheckoutCompleted(event, session, invoice, paymentIntentId);
  const ref = readPurchaseRef(session.metadata);
  if (!ref || !paid) {
    return applyOnce(event, session.id, async () => "ignored");
  }
  const card = ref.saveCard ? await savedCard(await paymentMethodOf(paymentIntentId)) : null;
  return applyOnce(event, session.id, (tx) =>
    applyPaidPurchase(tx, {
      ref,
      paymentIntentId,
      amountMinor: session.amount_total ?? -1,
      currency: session.currency ?? "",
      card,
    }),
  );
}
