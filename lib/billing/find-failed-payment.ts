import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import type { MoneyDto } from "@/lib/money/money-dto";
import { invoiceSummaryDto, type InvoiceSummaryDto } from "./invoice-dto";

export type FailedPayment = {
  invoiceId: string;
  number: string;
  status: "open" | "uncollectible";
  amountDue: MoneyDto;
  failure: NonNullable<InvoiceSummaryDto["paymentFailure"]>;
};

/**
 * The customer's most urgent unpaid invoice whose last payment failed, for the portal's banner: an
 * uncollectible one (no more automatic tries) before an open one, then the one due first. Null when none.
 */
export async function findFailedPayment(actor: Actor, customerId: string): Promise<FailedPayment | null> {
  assertCanActForCustomer(actor, customerId);
  const rows = await prisma.invoice.findMany({
    where: {
      customerId,
      status: { in: ["OPEN", "UNCOLLECTIBLE"] },
      paymentFailedAt: { not: null },
      amountDueMinor: { gt: 0 },
    },
    orderBy: [{ dueAt: "asc" }, { finalizedAt: "asc" }],
    take: 20,
  });
  const row = rows.find((r) => r.status === "UNCOLLECTIBLE") ?? rows[0];
  if (!row) return null;
  const dto = invoiceSummaryDto(row);
  if (!dto.paymentFailure || (dto.status !== "open" && dto.status !== "uncollectible")) return null;
  return {
    invoiceId: row.id,
    number: dto.number,
    status: dto.status,
    amountDue: dto.amountDue,
    failure: dto.paymentFailure,
  };
}
