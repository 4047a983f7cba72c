import "server-only";
import type Stripe from "stripe";
import { applyInvoicePayment } from "@/lib/billing/collection/apply-invoice-payment";
import type { InvoicePaymentRef } from "@/lib/billing/collection/invoice-payment-ref";
import { recordInvoicePaymentFailure } from "@/lib/billing/collection/record-invoice-payment-failure";
import { applyOnce, type EventOutcome } from "@/lib/payments/apply-once";
import { paymentMethodOf, savedCard } from "./saved-card";

/** payment_intent.succeeded for an invoice: paid once (also when its Checkout Session's event came first). */
export async function onInvoicePaymentSucceeded(
  event: Stripe.Event,
  pi: Stripe.PaymentIntent,
  ref: InvoicePaymentRef,
): Promise<EventOutcome> {
  const card = pi.setup_future_usage === "off_session" ? await savedCard(pi.payment_method) : null;
  return applyOnce(event, pi.id, (tx) =>
    applyInvoicePayment(tx, {
      ref,
      paymentIntentId: pi.id,
      amountMinor: pi.amount_received || pi.amount,
      currency: pi.currency,
      card,
    }),
  );
}

/** payment_intent.payment_failed for an invoice: the attempt fails once, and dunning schedules the next. */
export async function onInvoicePaymentFailed(
  event: Stripe.Event,
  pi: Stripe.PaymentIntent,
  ref: InvoicePaymentRef,
): Promise<EventOutcome> {
  const message = pi.last_payment_error?.message ?? "The payment failed";
  return applyOnce(event, pi.id, (tx) =>
    recordInvoicePaymentFailure(tx, ref, { paymentIntentId: pi.id, message }),
  );
}

/** checkout.session.completed, paid, for an invoice the customer paid from the portal; its card becomes the saved one. */
export async function onInvoiceCheckoutCompleted(
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
  ref: InvoicePaymentRef,
  paymentIntentId: string,
): Promise<EventOutcome> {
  const card = await savedCard(await paymentMethodOf(paymentIntentId));
  return applyOnce(event, session.id, (tx) =>
    applyInvoicePayment(tx, {
      ref,
      paymentIntentId,
      amountMinor: session.amount_total ?? -1,
      currency: session.currency ?? "",
      card,
    }),
  );
}
