import "server-only";
import { isCardError } from "@/lib/payments/card-error";
import { prisma } from "@/lib/db/client";
import { stripeClient } from "@/lib/payments/stripe-client";
import { invoicePaymentMetadata } from "./invoice-payment-ref";
import { recordInvoicePaymentFailure } from "./record-invoice-payment-failure";

/**
 * The invoice.collect job: charges an open invoice's amount due off-session to the customer's saved card
 * with a PaymentIntent whose idempotency key names the invoice and the attempt (a retried job never charges
 * twice). The invoice is paid when Stripe's payment_intent.succeeded arrives (applyInvoicePayment); a decline,
 * or no card to charge, is recorded at once (and again, harmlessly, by payment_intent.payment_failed), which
 * schedules the next dunning retry. Other errors throw, and the job is retried with the same key.
 */
export async function collectInvoicePayment(payload: Record<string, unknown>): Promise<void> {
  const customerId = String(payload.customerId ?? "");
  const invoiceId = String(payload.invoiceId ?? "");
  const attempt = Number(payload.attempt);
  const ref = { customerId, invoiceId, attempt };
  const row = await prisma.invoicePaymentAttempt.findUnique({
    where: { customerId_invoiceId_attempt: ref },
    include: {
      invoice: {
        include: {
          customer: {
            select: {
              stripeCustomerId: true,
              billingProfile: true,
              creditWallet: { select: { autoRecharge: true } },
            },
          },
        },
      },
    },
  });
  if (!row || row.status !== "PENDING" || row.invoice.status !== "OPEN") return;
  const { invoice } = row;
  const profile = invoice.customer.billingProfile;
  const recharge = invoice.customer.creditWallet?.autoRecharge;
  const card = profile?.paymentMethodId
    ? { id: profile.paymentMethodId, label: profile.cardLabel }
    : recharge?.paymentMethodId
      ? { id: recharge.paymentMethodId, label: recharge.cardLabel }
      : null;
  const stripeCustomer = invoice.customer.stripeCustomerId;
  if (!card || !stripeCustomer) {
    await prisma.$transaction((tx) =>
      recordInvoicePaymentFailure(tx, ref, {
        paymentIntentId: null,
        message: "No card on file to charge: pay the invoice from the portal",
      }),
    );
    return;
  }
  await prisma.invoicePaymentAttempt.update({
    where: { customerId_invoiceId_attempt: ref },
    data: { cardLabel: card.label },
  });
  try {
    const pi = await stripeClient().paymentIntents.create(
      {
        amount: Number(invoice.amountDueMinor),
        currency: invoice.currency.toLowerCase(),
        customer: stripeCustomer,
        payment_method: card.id,
        off_session: true,
        confirm: true,
        description: `Meterly invoice ${invoice.number}`,
        metadata: invoicePaymentMetadata(ref, invoice.number ?? ""),
      },
      { idempotencyKey: `invoice:${invoiceId}:attempt:${attempt}` },
    );
    await prisma.invoicePaymentAttempt.updateMany({
      where: { ...ref, paymentIntentId: null },
      data: { paymentIntentId: pi.id },
    });
  } catch (e) {
    if (!isCardError(e)) throw e;
    const piId = e.payment_intent?.id ?? null;
    await prisma.$transaction((tx) =>
      recordInvoicePaymentFailure(tx, ref, { paymentIntentId: piId, message: e.message }),
    );
  }
}
