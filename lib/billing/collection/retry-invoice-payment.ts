import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { collectInvoicePayment } from "./collect-invoice-payment";
import { lockInvoice } from "./lock-invoice";
import { scheduleCollection } from "./schedule-collection";

const SETTLE_MS = 5000;
const POLL_MS = 250;

export type RetryResult = {
  attempt: number;
  /** pending: no answer yet (Stripe's webhook says later, or Stripe could not be reached and the job retries). */
  status: "pending" | "succeeded" | "failed";
  failureMessage: string | null;
};

/**
 * An admin charges an open (or uncollectible) invoice's saved card now instead of waiting for the next
 * dunning retry. Under the invoice's lock: an uncollectible invoice is reopened; a scheduled retry that has
 * not reached Stripe is replaced; a charge already due and not finished is a 409, as is any other status.
 * The new attempt is scheduled for now (its job is a backstop: the same attempt makes the same Stripe
 * idempotency key, so it never charges twice) and charged at once. A decline is recorded as any failed
 * attempt is, which schedules the next dunning retry. Answers the attempt's outcome when it is known within
 * a few seconds (a success needs Stripe's webhook), else "pending".
 */
export async function retryInvoicePayment(
  actor: Actor,
  customerId: string,
  invoiceId: string,
  now = new Date(),
): Promise<RetryResult> {
  assertAdmin(actor);
  if (!isUuid(customerId) || !isUuid(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice");
  const attempt = await prisma.$transaction(async (tx) => {
    const invoice = await lockInvoice(tx, customerId, invoiceId);
    if (!invoice) throw new AppError("NOT_FOUND", "No such invoice");
    if (invoice.status !== "OPEN" && invoice.status !== "UNCOLLECTIBLE") {
      throw new AppError(
        "CONFLICT",
        `The invoice is ${invoice.status.toLowerCase()}: there is nothing to collect`,
        { details: { status: invoice.status } },
      );
    }
    const pending = await tx.invoicePaymentAttempt.findMany({
      where: { customerId, invoiceId, status: "PENDING", kind: "OFF_SESSION" },
      select: { attempt: true, createdAt: true, paymentIntentId: true },
    });
    const underWay = pending.find((p) => p.paymentIntentId !== null || p.createdAt <= now);
    if (underWay) {
      throw new AppError(
        "CONFLICT",
        `Attempt ${underWay.attempt} is being charged now: wait for its result before retrying`,
        { details: { attempt: underWay.attempt } },
      );
    }
    await tx.invoice.update({
      where: { customerId_id: { customerId, id: invoiceId } },
      data: {
        status: "OPEN",
        nextPaymentAttemptAt: null,
        ...(invoice.status === "UNCOLLECTIBLE" ? { markedUncollectibleAt: null } : {}),
      },
    });
    const n = await scheduleCollection(tx, {
      customerId,
      invoiceId,
      amountMinor: invoice.amountDueMinor,
      runAt: now,
    });
    // Scheduled retries are replaced by this one (their jobs then find no attempt and do nothing). They go
    // after it is numbered, so an attempt number, and the Stripe idempotency key made of it, is never reused.
    await tx.invoicePaymentAttempt.deleteMany({
      where: { customerId, invoiceId, attempt: { in: pending.map((p) => p.attempt) } },
    });
    await recordAudit(
      actor,
      "invoice.payment_retried",
      invoiceId,
      { customerId, attempt: n, from: invoice.status },
      tx,
    );
    return n;
  });
  try {
    await collectInvoicePayment({ customerId, invoiceId, attempt });
  } catch (e) {
    // Not a decline (those are recorded): Stripe could not be reached, or the attempt's job is charging it at
    // this very moment. Either way the job settles it.
    console.error("invoice retry:", e instanceof Error ? e.message : e);
  }
  const row = await settledAttempt({ customerId, invoiceId, attempt });
  // Gone: the invoice was voided or marked paid meanwhile, which drops charges that had not reached Stripe.
  if (!row) throw new AppError("CONFLICT", "The invoice changed before it could be charged: reload it");
  return {
    attempt,
    status: row.status.toLowerCase() as RetryResult["status"],
    failureMessage: row.failureMessage,
  };
}

/**
 * The attempt once it has an outcome, or after SETTLE_MS still pending. The outcome may be written by another
 * hand: the attempt's job can charge it at the same moment (Stripe then answers one of the two calls with the
 * same idempotency key), and a success is recorded only when Stripe's webhook arrives.
 */
async function settledAttempt(ref: { customerId: string; invoiceId: string; attempt: number }) {
  const until = Date.now() + SETTLE_MS;
  for (;;) {
    const row = await prisma.invoicePaymentAttempt.findUnique({
      where: { customerId_invoiceId_attempt: ref },
      select: { status: true, failureMessage: true },
    });
    if (!row || row.status !== "PENDING" || Date.now() >= until) return row;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
