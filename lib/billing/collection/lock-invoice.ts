import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { InvoiceStatus } from "../invoice-transitions";

export type LockedInvoice = {
  status: InvoiceStatus;
  number: string | null;
  currency: string;
  amountDueMinor: bigint;
  paidPaymentIntentId: string | null;
  finalizedAt: Date | null;
};

/** Locks an invoice row for a payment change (FOR UPDATE); null when there is no such invoice. */
export async function lockInvoice(
  tx: Prisma.TransactionClient,
  customerId: string,
  invoiceId: string,
): Promise<LockedInvoice | null> {
  const rows = await tx.$queryRaw<
    {
      status: InvoiceStatus;
      number: string | null;
      currency: string;
      amount_due_minor: bigint;
      paid_payment_intent_id: string | null;
      finalized_at: Date | null;
    }[]
  >`
    SELECT status::text AS status, number, currency, amount_due_minor, paid_payment_intent_id, finalized_at
    FROM invoices WHERE customer_id = ${customerId}::uuid AND id = ${invoiceId}::uuid FOR UPDATE`;
  const r = rows[0];
  return r
    ? {
        status: r.status,
        number: r.number,
        currency: r.currency,
        amountDueMinor: r.amount_due_minor,
        paidPaymentIntentId: r.paid_payment_intent_id,
        finalizedAt: r.finalized_at,
      }
    : null;
}
