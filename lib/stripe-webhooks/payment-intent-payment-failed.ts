import "server-only";
import type Stripe from "stripe";
import { applyOnce, type EventOutcome } from "@/lib/payments/apply-once";
import { readPurchaseRef } from "@/lib/payments/purchase-metadata";
import { readInvoicePaymentRef } from "@/lib/billing/collection/invoice-payment-ref";
import { recordPaymentFailure } from "@/lib/payments/record-payment-failure";
import { onInvoicePaymentFailed } from "./invoice-payment-events";

/** A payment failed: an invoice's goes to dunning (invoice-payment-events.ts); else recorded on its purchase; an auto-recharge failure is counted, shown and queued for notification. */
export async function onPaymentIntentPaymentFailed(event: Stripe.Event): Promise<EventOutcome> {
  const pi = event.data.object as Stripe.PaymentIntent;
  const invoice = readInvoicePaymentRef(pi.metadata);
  if (invoice) return onInvoicePaymentFailed(event, pi, invoice);
  const ref = readPurchaseRef(pi.metadata);
  const message = pi.last_payment_error?.message ?? "The payment failed";
  return applyOnce(event, pi.id, async (tx) =>
    ref ? recordPaymentFailure(tx, ref, { paymentIntentId: pi.id, message }) : "ignored",
  );
}
