import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prismaSql } from "@/lib/db/sql";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

/**
 * Schedules an off-session charge of an open invoice at `runAt`: the next attempt's row (PENDING) and its
 * invoice.collect job, in the caller's transaction. The job's key names the attempt, so it is queued once,
 * and the attempt number makes the Stripe idempotency key, so a retried job never charges twice.
 */
export async function scheduleCollection(
  tx: Prisma.TransactionClient,
  c: { customerId: string; invoiceId: string; amountMinor: bigint; runAt: Date },
): Promise<number> {
  const last = await tx.invoicePaymentAttempt.findFirst({
    where: { customerId: c.customerId, invoiceId: c.invoiceId },
    orderBy: { attempt: "desc" },
    select: { attempt: true },
  });
  const attempt = (last?.attempt ?? 0) + 1;
  await tx.invoicePaymentAttempt.create({
    data: {
      customerId: c.customerId,
      invoiceId: c.invoiceId,
      attempt,
      kind: "OFF_SESSION",
      amountMinor: c.amountMinor,
      createdAt: c.runAt,
    },
  });
  await enqueueJob(prismaSql(tx), {
    kind: "invoice.collect",
    key: collectJobKey(c.invoiceId, attempt),
    payload: { customerId: c.customerId, invoiceId: c.invoiceId, attempt },
    runAt: c.runAt,
  });
  return attempt;
}

/** The invoice.collect job of an invoice's attempt: one per attempt (jobs.key is unique). */
export const collectJobKey = (invoiceId: string, attempt: number) =>
  `invoice-collect:${invoiceId}:${attempt}`;

/**
 * An invoice no longer to be charged (paid, voided, marked uncollectible): its scheduled charges that have
 * not reached Stripe are dropped, and their jobs then find nothing to do.
 */
export async function dropScheduledCharges(
  tx: Prisma.TransactionClient,
  customerId: string,
  invoiceId: string,
): Promise<void> {
  await tx.invoicePaymentAttempt.deleteMany({
    where: { customerId, invoiceId, status: "PENDING", paymentIntentId: null, checkoutSessionId: null },
  });
}
