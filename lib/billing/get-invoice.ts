import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency } from "@/lib/money/currencies";
import type { BillTo } from "./bill-to";
import { invoiceSummaryDto, lineDto, type InvoiceDto } from "./invoice-dto";
import { storedLines } from "./stored-lines";

export type InvoiceDetail = InvoiceDto & { customer: { id: string; externalId: string; name: string } };

/**
 * One invoice of a customer, by number (MTR-2026-000042) or id (drafts have no number), with its lines.
 * Another customer's invoice is a 404, as a missing one is.
 */
export async function getInvoice(
  actor: Actor,
  customerId: string,
  numberOrId: string,
): Promise<InvoiceDetail> {
  assertCanActForCustomer(actor, customerId);
  const row = await prisma.invoice.findFirst({
    where: { customerId, ...(isUuid(numberOrId) ? { id: numberOrId } : { number: numberOrId }) },
    include: {
      lines: { orderBy: { position: "asc" } },
      customer: { select: { id: true, externalId: true, name: true } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", `No invoice "${numberOrId}"`);
  const currency = parseCurrency(row.currency);
  return {
    ...invoiceSummaryDto(row),
    lines: storedLines(row.lines).map((l) => lineDto(l, currency)),
    billTo: row.status === "DRAFT" ? null : (row.billTo as BillTo),
    customer: row.customer,
  };
}
