import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { recordNotification } from "@/lib/notifications/record-notification";
import { recordInvoiceEvent } from "../invoice-event";
import { nextRetryAt } from "./dunning-schedule";
import type { InvoicePaymentRef } from "./invoice-payment-ref";
import { lockInvoice } from "./lock-invoice";
import { suspendForInvoice } from "./account-suspension";
import { scheduleCollection } from "./schedule-collection";

export type FailureOutcome = "retry_scheduled" | "uncollectible" | "no_retry" | "duplicate" | "ignored";

/**
 * An attempt to collect an invoice failed (a decline, or no card to charge). Once per attempt (the charge
 * job and Stripe's payment_intent.payment_failed may both report it): the attempt is FAILED, the invoice
 * stays open and shows the failure, a customer.payment_failed notification is queued, and, with dunning on
 * for the customer, an off-session retry is scheduled (DUNNING_RETRY_DAYS after the first attempt), or after
 * the last retry the invoice becomes uncollectible (and, with DUNNING_SUSPEND on, the customer's ingestion
 * is suspended until it is paid). A Checkout the customer abandons schedules nothing.
 */
export async function recordInvoicePaymentFailure(
  tx: Prisma.TransactionClient,
  ref: InvoicePaymentRef,
  f: { paymentIntentId: string | null; message: string; at?: Date },
): Promise<FailureOutcome> {
  const { customerId, invoiceId, attempt } = ref;
  const at = f.at ?? new Date();
  const invoice = await lockInvoice(tx, customerId, invoiceId);
  if (!invoice) return "ignored";
  const row = await tx.invoicePaymentAttempt.findUnique({
    where: { customerId_invoiceId_attempt: { customerId, invoiceId, attempt } },
  });
  if (!row || row.status !== "PENDING") return row ? "duplicate" : "ignored";
  await tx.invoicePaymentAttempt.update({
    where: { customerId_invoiceId_attempt: { customerId, invoiceId, attempt } },
    data: {
      status: "FAILED",
      failureMessage: f.message,
      completedAt: at,
      paymentIntentId: f.paymentIntentId ?? undefined,
    },
  });
  if (invoice.status !== "OPEN") return "ignored";
  const where = { customerId_id: { customerId, id: invoiceId } };
  await tx.invoice.update({
    where,
    data: { paymentFailedAt: at, lastPaymentError: f.message, nextPaymentAttemptAt: null },
  });
  const notice = {
    invoiceId,
    number: invoice.number,
    amountDueMinor: invoice.amountDueMinor.toString(),
    currency: invoice.currency,
    message: f.message,
    attempt,
  };
  if (row.kind === "CHECKOUT") {
    await recordNotification(tx, customerId, "customer.payment_failed", notice);
    return "no_retry";
  }
  const profile = await tx.customerBillingProfile.findUnique({
    where: { customerId },
    select: { dunningEnabled: true },
  });
  if (profile && !profile.dunningEnabled) {
    await recordNotification(tx, customerId, "customer.payment_failed", { ...notice, nextAttemptAt: null });
    return "no_retry";
  }
  const offSession = await tx.invoicePaymentAttempt.findMany({
    where: { customerId, invoiceId, kind: "OFF_SESSION" },
    orderBy: { attempt: "asc" },
    select: { createdAt: true },
  });
  const next = nextRetryAt(offSession[0]?.createdAt ?? at, offSession.length, env().DUNNING_RETRY_DAYS);
  if (!next) {
    await tx.invoice.update({ where, data: { status: "UNCOLLECTIBLE", markedUncollectibleAt: at } });
    await recordInvoiceEvent(tx, "invoice.uncollectible", customerId, invoiceId, { by: "dunning" });
    if (env().DUNNING_SUSPEND === "on") await suspendForInvoice(tx, customerId, invoice.number, at);
    await recordNotification(tx, customerId, "customer.payment_failed", {
      ...notice,
      nextAttemptAt: null,
      uncollectible: true,
    });
    return "uncollectible";
  }
  await tx.invoice.update({ where, data: { nextPaymentAttemptAt: next } });
  await scheduleCollection(tx, { customerId, invoiceId, amountMinor: invoice.amountDueMinor, runAt: next });
  await recordNotification(tx, customerId, "customer.payment_failed", {
    ...notice,
    nextAttemptAt: next.toISOString(),
  });
  return "retry_scheduled";
}
