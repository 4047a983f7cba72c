import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { lockCustomer } from "@/lib/subscriptions/lock-customer";
import { assignInvoiceNumber } from "./assign-invoice-number";
import { billToSnapshot } from "./bill-to";
import { scheduleCollection } from "./collection/schedule-collection";
import { composeInvoice } from "./compose-invoice";
import { assertCanApply } from "./invoice-transitions";
import { loadPeriodInputs } from "./load-period-inputs";
import { writeInvoiceLines } from "./write-invoice-lines";

const DAY_MS = 86_400_000;

export type FinalizeResult = {
  finalized: boolean;
  number: string | null;
  status: string;
  amountDueMinor: bigint;
};

/**
 * Finalizes a DRAFT invoice at `at`: under the customer's lock (ingest transactions hold a key-share lock
 * on it, so every event stored before this point is in the charges read here, and later ones wait), the
 * lines are composed once more from the period's charges, the invoice gets the next gapless number, the
 * billing details as they are now and a due date (net terms); it becomes OPEN, with its amount due charged
 * to the saved card at `at` (collection/), or PAID when nothing is due.
 * An invoice no longer a draft is left alone (`finalized: false`) when `ifDraft`, else refused with 409.
 */
export async function finalizeInvoice(
  customerId: string,
  invoiceId: string,
  at: Date,
  opts: { ifDraft?: boolean; numberPrefix?: string } = {},
): Promise<FinalizeResult> {
  const prefix = opts.numberPrefix ?? env().INVOICE_NUMBER_PREFIX;
  return prisma.$transaction(async (tx) => {
    const customer = await lockCustomer(tx, customerId);
    const rows = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text FROM invoices WHERE customer_id = ${customerId}::uuid AND id = ${invoiceId}::uuid FOR UPDATE`;
    const invoice = await tx.invoice.findUniqueOrThrow({
      where: { customerId_id: { customerId, id: invoiceId } },
    });
    const status = rows[0].status as "DRAFT";
    if (status !== "DRAFT" && opts.ifDraft)
      return { finalized: false, number: invoice.number, status, amountDueMinor: invoice.amountDueMinor };
    assertCanApply("finalize", status);
    const composed = composeInvoice(
      await loadPeriodInputs(tx, customerId, customer.currency, {
        start: invoice.periodStart,
        end: invoice.periodEnd,
      }),
    );
    await writeInvoiceLines(tx, customerId, invoiceId, composed);
    const profile = await tx.customerBillingProfile.findUnique({ where: { customerId } });
    const number = await assignInvoiceNumber(tx, prefix, at.getUTCFullYear());
    const paid = composed.amountDueMinor === 0n;
    const next = paid ? "PAID" : "OPEN";
    await tx.invoice.update({
      where: { customerId_id: { customerId, id: invoiceId } },
      data: {
        status: next,
        number,
        finalizedAt: at,
        dueAt: new Date(at.getTime() + (profile?.netTermsDays ?? 0) * DAY_MS),
        billTo: billToSnapshot(customer.name, profile),
        chargesSeenAt: new Date(),
        ...(paid ? { paidAt: at } : {}),
      },
    });
    if (!paid)
      await scheduleCollection(tx, {
        customerId,
        invoiceId,
        amountMinor: composed.amountDueMinor,
        runAt: at,
      });
    return { finalized: true, number, status: next, amountDueMinor: composed.amountDueMinor };
  });
}
