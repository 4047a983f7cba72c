import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { recordNotification } from "@/lib/notifications/record-notification";

export type InvoiceEventKind =
  "invoice.finalized" | "invoice.paid" | "invoice.voided" | "invoice.uncollectible";

/**
 * Queues an invoice's status change (webhook `invoice.finalized`, `invoice.paid`, `invoice.voided`,
 * `invoice.uncollectible`) in the
 * transaction that makes it, so it is produced exactly once for its cause. The payload is the invoice as it
 * is after the change.
 */
export async function recordInvoiceEvent(
  tx: Prisma.TransactionClient,
  kind: InvoiceEventKind,
  customerId: string,
  invoiceId: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const i = await tx.invoice.findUniqueOrThrow({ where: { customerId_id: { customerId, id: invoiceId } } });
  await recordNotification(tx, customerId, kind, {
    invoiceId,
    number: i.number,
    kind: i.kind.toLowerCase(),
    status: i.status.toLowerCase(),
    currency: i.currency,
    periodStart: i.periodStart.toISOString(),
    periodEnd: i.periodEnd.toISOString(),
    totalMinor: i.totalMinor.toString(),
    amountDueMinor: i.amountDueMinor.toString(),
    amountPaidMinor: i.amountPaidMinor.toString(),
    ...extra,
  });
}
