import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prismaSql } from "@/lib/db/sql";
import { clearIngestContextCache } from "@/lib/metering/ingest/load-ingest-context";
import { recordNotification } from "@/lib/notifications/record-notification";

/**
 * With DUNNING_SUSPEND on, an invoice that goes uncollectible suspends the customer's ingestion: their
 * events are refused (402 account_suspended) until no uncollectible invoice is left. The ingest caches
 * forget their customers so the suspension holds from the next request (suspended customers are never cached).
 */
export async function suspendForInvoice(
  tx: Prisma.TransactionClient,
  customerId: string,
  invoiceNumber: string | null,
  at: Date,
): Promise<void> {
  const reason = `invoice ${invoiceNumber ?? ""} is unpaid after every retry; usage is accepted again once it is paid`;
  const changed = await tx.customer.updateMany({
    where: { id: customerId, suspendedAt: null },
    data: { suspendedAt: at, suspensionReason: reason },
  });
  if (changed.count > 0)
    await recordNotification(tx, customerId, "customer.account_suspended", { invoiceNumber, reason });
  await clearIngestContextCache(prismaSql(tx));
}

/** Lifts a suspension once the customer has no uncollectible invoice left (paid, voided or credited). */
export async function liftSuspensionIfSettled(
  tx: Prisma.TransactionClient,
  customerId: string,
): Promise<void> {
  const lifted = await tx.$executeRaw`
    UPDATE customers SET suspended_at = NULL, suspension_reason = NULL
    WHERE id = ${customerId}::uuid AND suspended_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM invoices WHERE customer_id = ${customerId}::uuid AND status = 'UNCOLLECTIBLE')`;
  if (lifted > 0) await recordNotification(tx, customerId, "customer.account_reinstated", {});
}
