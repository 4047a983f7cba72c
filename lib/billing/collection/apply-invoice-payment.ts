import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { recordNotification } from "@/lib/notifications/record-notification";
import { recordInvoiceEvent } from "../invoice-event";
import { liftSuspensionIfSettled } from "./account-suspension";
import type { InvoicePaymentRef } from "./invoice-payment-ref";
import { lockInvoice } from "./lock-invoice";
import { dropScheduledCharges } from "./schedule-collection";

export type PaymentOutcome = "paid" | "duplicate" | "already_paid" | "amount_mismatch" | "ignored";

/**
 * Stripe says a payment of an invoice succeeded (payment_intent.succeeded, or a paid Checkout Session),
 * applied in the transaction that records the Stripe event. The invoice is paid once: the PaymentIntent is
 * stored on it (unique), so the same payment reported again changes nothing. An open or uncollectible
 * invoice becomes PAID for exactly its amount due; scheduled retries are dropped; a card paid with at
 * Checkout becomes the card invoices are charged to. A second, different payment of a paid invoice is
 * recorded on its attempt and in the audit log for a refund, and pays nothing twice.
 */
export async function applyInvoicePayment(
  tx: Prisma.TransactionClient,
  p: {
    ref: InvoicePaymentRef;
    paymentIntentId: string;
    amountMinor: number;
    currency: string;
    card: { id: string; label: string | null } | null;
    at?: Date;
  },
): Promise<PaymentOutcome> {
  const { customerId, invoiceId, attempt } = p.ref;
  const at = p.at ?? new Date();
  const invoice = await lockInvoice(tx, customerId, invoiceId);
  if (!invoice) return "ignored";
  if (invoice.paidPaymentIntentId === p.paymentIntentId) return "duplicate";
  const attemptWhere = { customerId_invoiceId_attempt: { customerId, invoiceId, attempt } };
  const row = await tx.invoicePaymentAttempt.findUnique({ where: attemptWhere });
  if (row)
    await tx.invoicePaymentAttempt.update({
      where: attemptWhere,
      data: {
        status: "SUCCEEDED",
        paymentIntentId: p.paymentIntentId,
        completedAt: at,
        failureMessage: null,
      },
    });
  if (invoice.status !== "OPEN" && invoice.status !== "UNCOLLECTIBLE") {
    await stripeAudit(tx, "invoice.payment_not_applied", invoiceId, {
      customerId,
      paymentIntentId: p.paymentIntentId,
      status: invoice.status,
      amountMinor: p.amountMinor,
    });
    return invoice.status === "PAID" ? "already_paid" : "ignored";
  }
  if (BigInt(p.amountMinor) !== invoice.amountDueMinor || p.currency.toUpperCase() !== invoice.currency) {
    await stripeAudit(tx, "invoice.payment_amount_mismatch", invoiceId, {
      customerId,
      paymentIntentId: p.paymentIntentId,
      amountMinor: p.amountMinor,
      currency: p.currency,
      dueMinor: invoice.amountDueMinor.toString(),
    });
    return "amount_mismatch";
  }
  await tx.invoice.update({
    where: { customerId_id: { customerId, id: invoiceId } },
    data: {
      status: "PAID",
      paidAt: at,
      amountPaidMinor: invoice.amountDueMinor,
      paidPaymentIntentId: p.paymentIntentId,
      nextPaymentAttemptAt: null,
    },
  });
  await dropScheduledCharges(tx, customerId, invoiceId);
  await recordNotification(tx, customerId, "customer.payment_succeeded", {
    invoiceId,
    number: invoice.number,
    paymentIntentId: p.paymentIntentId,
    amountMinor: invoice.amountDueMinor.toString(),
    currency: invoice.currency,
    attempt,
  });
  await recordInvoiceEvent(tx, "invoice.paid", customerId, invoiceId, {
    by: "payment",
    paymentIntentId: p.paymentIntentId,
  });
  await liftSuspensionIfSettled(tx, customerId);
  if (p.card) {
    await tx.customerBillingProfile.upsert({
      where: { customerId },
      create: { customerId, paymentMethodId: p.card.id, cardLabel: p.card.label },
      update: { paymentMethodId: p.card.id, cardLabel: p.card.label },
    });
  }
  return "paid";
}

/** An audit entry whose actor is Stripe (a webhook), for a payment that needs a person's look (a refund). */
function stripeAudit(
  tx: Prisma.TransactionClient,
  action: string,
  target: string,
  details: Record<string, unknown>,
) {
  return tx.auditLog.create({
    data: { actorKind: "stripe", actorId: null, action, target, details: details as Prisma.InputJsonValue },
  });
}
