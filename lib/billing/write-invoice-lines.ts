import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { ComposedInvoice } from "./invoice-types";

/** Replaces an invoice's lines and totals with a composition (inside the caller's transaction). */
export async function writeInvoiceLines(
  tx: Prisma.TransactionClient,
  customerId: string,
  invoiceId: string,
  inv: ComposedInvoice,
): Promise<void> {
  await tx.invoiceLine.deleteMany({ where: { customerId, invoiceId } });
  await tx.invoiceLine.createMany({
    data: inv.lines.map((l, position) => ({
      customerId,
      invoiceId,
      position,
      kind: l.kind,
      description: l.description,
      subscriptionId: l.subscriptionId,
      meterId: l.meterId,
      fromAt: l.fromAt,
      toAt: l.toAt,
      quantity: l.quantity,
      includedUnits: l.includedUnits,
      amountExact: l.amountExact,
      amountMinor: l.amountMinor,
      details: l.details as Prisma.InputJsonValue,
    })),
  });
  await tx.invoice.update({
    where: { customerId_id: { customerId, id: invoiceId } },
    data: {
      currency: inv.currency,
      totalMinor: inv.totalMinor,
      creditsMinor: inv.creditsMinor,
      amountDueMinor: inv.amountDueMinor,
    },
  });
}
