import "server-only";
import { prisma } from "@/lib/db/client";
import { composeInvoice } from "./compose-invoice";
import { loadPeriodInputs } from "./load-period-inputs";
import { writeInvoiceLines } from "./write-invoice-lines";

export type DraftResult = { created: boolean; invoiceId: string; totalMinor: bigint };

/**
 * Closes a customer's period [start, end): its invoice is created as a DRAFT from the period's running
 * charges, to be finalized from `finalizeAfter` on. One invoice per customer and period: when another
 * runner made it first, nothing is written and `created` is false. `billedThrough` moves the given
 * subscriptions' cursors past the period in the same transaction.
 */
export async function createDraftInvoice(opts: {
  customerId: string;
  currency: string;
  period: { start: Date; end: Date };
  finalizeAfter: Date;
  subscriptionIds: string[];
}): Promise<DraftResult> {
  const { customerId, period } = opts;
  return prisma.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO invoices (customer_id, currency, period_start, period_end, finalize_after, updated_at)
      VALUES (${customerId}::uuid, ${opts.currency}, ${period.start}, ${period.end}, ${opts.finalizeAfter}, now())
      ON CONFLICT (customer_id, period_start, period_end) WHERE kind = 'STANDARD' DO NOTHING
      RETURNING id::text`;
    await tx.subscription.updateMany({
      where: {
        customerId,
        id: { in: opts.subscriptionIds },
        OR: [{ billedThrough: null }, { billedThrough: { lt: period.end } }],
      },
      data: { billedThrough: period.end },
    });
    if (!inserted[0]) {
      const existing = await tx.invoice.findFirstOrThrow({
        where: { customerId, kind: "STANDARD", periodStart: period.start, periodEnd: period.end },
      });
      return { created: false, invoiceId: existing.id, totalMinor: existing.totalMinor };
    }
    const composed = composeInvoice(await loadPeriodInputs(tx, customerId, opts.currency, period));
    await writeInvoiceLines(tx, customerId, inserted[0].id, composed);
    return { created: true, invoiceId: inserted[0].id, totalMinor: composed.totalMinor };
  });
}
