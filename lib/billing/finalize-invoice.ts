import "server-only";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { finalizeDrafts } from "./finalize-drafts";
import { assertCanApply, type InvoiceStatus } from "./invoice-transitions";

export type FinalizeResult = {
  finalized: boolean;
  number: string | null;
  status: string;
  amountDueMinor: bigint;
};

/**
 * Finalizes one DRAFT invoice at `at` (finalize-drafts.ts, as the billing close does for many). An invoice
 * no longer a draft is left alone (`finalized: false`) when `ifDraft`, else refused with 409 naming its state.
 */
export async function finalizeInvoice(
  customerId: string,
  invoiceId: string,
  at: Date,
  opts: { ifDraft?: boolean; numberPrefix?: string } = {},
): Promise<FinalizeResult> {
  const [done] = await withPgTransaction((sql) =>
    finalizeDrafts(sql, [{ customerId, invoiceId }], at, {
      numberPrefix: opts.numberPrefix ?? env().INVOICE_NUMBER_PREFIX,
    }),
  );
  if (done)
    return { finalized: true, number: done.number, status: done.status, amountDueMinor: done.amountDueMinor };
  const invoice = await prisma.invoice.findUnique({
    where: { customerId_id: { customerId, id: invoiceId } },
  });
  if (!invoice) throw new AppError("NOT_FOUND", "No such invoice");
  if (!opts.ifDraft) assertCanApply("finalize", invoice.status as InvoiceStatus);
  return {
    finalized: false,
    number: invoice.number,
    status: invoice.status,
    amountDueMinor: invoice.amountDueMinor,
  };
}
