import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin, assertCanActForCustomer } from "@/lib/auth/assert-role";
import { invoiceSummaryDto, type InvoiceSummaryDto } from "./invoice-dto";
import type { InvoiceStatus } from "./invoice-transitions";

export type InvoiceFilter = {
  customerId?: string;
  status?: InvoiceStatus;
  periodFrom?: Date;
  periodTo?: Date;
  limit?: number;
};

export type InvoiceListItem = InvoiceSummaryDto & {
  customer: { id: string; externalId: string; name: string };
};

/**
 * Invoices newest period first. Without a customer only admins may list (across customers); with one, the
 * actor must be allowed to act for it (members: their own; limited keys: theirs).
 */
export async function listInvoices(actor: Actor, filter: InvoiceFilter = {}): Promise<InvoiceListItem[]> {
  if (filter.customerId) assertCanActForCustomer(actor, filter.customerId);
  else assertAdmin(actor);
  const where: Prisma.InvoiceWhereInput = {
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.periodFrom || filter.periodTo
      ? {
          periodStart: {
            ...(filter.periodFrom ? { gte: filter.periodFrom } : {}),
            ...(filter.periodTo ? { lt: filter.periodTo } : {}),
          },
        }
      : {}),
  };
  const rows = await prisma.invoice.findMany({
    where,
    orderBy: [{ periodStart: "desc" }, { createdAt: "desc" }],
    take: Math.min(filter.limit ?? 100, 500),
    include: { customer: { select: { id: true, externalId: true, name: true } } },
  });
  return rows.map((r) => ({ ...invoiceSummaryDto(r), customer: r.customer }));
}
