import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { isUuid } from "@/lib/db/is-uuid";
import { unstorableText } from "@/lib/errors/unstorable-text";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency } from "@/lib/money/currencies";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import type { StoredNoteLine } from "./credit-notes/note-line";
import type { BillTo } from "./bill-to";
import { invoiceSummaryDto, lineDto, type InvoiceDto } from "./invoice-dto";
import { storedLines } from "./stored-lines";

export type PaymentAttemptDto = {
  attempt: number;
  kind: "off_session" | "checkout";
  status: "pending" | "succeeded" | "failed";
  amount: MoneyDto;
  card: string | null;
  failureMessage: string | null;
  /** For a scheduled retry: when it runs. */
  createdAt: string;
  completedAt: string | null;
};

export type CreditNoteDto = {
  number: string;
  total: MoneyDto;
  creditsReturned: MoneyDto;
  appliedToInvoice: MoneyDto;
  creditedToBalance: MoneyDto;
  refundedToCard: MoneyDto;
  /** The card refund's state: pending until Stripe made it; failed means it went to the balance instead. */
  refundStatus: "pending" | "succeeded" | "failed" | null;
  /** "manual": issued by an admin; "correction": the period's charges went down. */
  kind: "manual" | "correction";
  reason: string;
  createdAt: string;
  lines: {
    description: string;
    quantityBefore: string | null;
    quantity: string | null;
    amount: MoneyDto;
    events: unknown;
  }[];
};

export type InvoiceDetail = InvoiceDto & {
  customer: { id: string; externalId: string; name: string };
  payments: PaymentAttemptDto[];
  creditNotes: CreditNoteDto[];
  /** Supplemental invoices of this one; for a supplement, its parent's number. */
  supplements: { number: string; status: string; total: MoneyDto; amountDue: MoneyDto }[];
  parentNumber: string | null;
};

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
  // No number holds NUL or a lone surrogate, and a query with one fails: no such invoice.
  if (unstorableText(numberOrId, "number")) throw new AppError("NOT_FOUND", "No such invoice");
  const row = await prisma.invoice.findFirst({
    where: { customerId, ...(isUuid(numberOrId) ? { id: numberOrId } : { number: numberOrId }) },
    include: {
      lines: { orderBy: { position: "asc" } },
      customer: { select: { id: true, externalId: true, name: true } },
      payments: { orderBy: { attempt: "asc" } },
      creditNotes: { orderBy: { seq: "asc" } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", `No invoice "${numberOrId}"`);
  const currency = parseCurrency(row.currency);
  return {
    ...invoiceSummaryDto(row),
    lines: storedLines(row.lines).map((l) => lineDto(l, currency)),
    billTo: row.status === "DRAFT" ? null : (row.billTo as BillTo),
    customer: row.customer,
    payments: row.payments.map((p) => ({
      attempt: p.attempt,
      kind: p.kind === "CHECKOUT" ? "checkout" : "off_session",
      status: p.status.toLowerCase() as PaymentAttemptDto["status"],
      amount: moneyDto(p.amountMinor, currency),
      card: p.cardLabel,
      failureMessage: p.failureMessage,
      createdAt: p.createdAt.toISOString(),
      completedAt: p.completedAt?.toISOString() ?? null,
    })),
    creditNotes: row.creditNotes.map((n) => ({
      number: n.number,
      total: moneyDto(n.totalMinor, currency),
      creditsReturned: moneyDto(n.creditsReturnedMinor, currency),
      appliedToInvoice: moneyDto(n.appliedToInvoiceMinor, currency),
      creditedToBalance: moneyDto(n.creditedToBalanceMinor, currency),
      refundedToCard: moneyDto(n.refundedToCardMinor, currency),
      refundStatus: (n.refundStatus?.toLowerCase() ?? null) as CreditNoteDto["refundStatus"],
      kind: n.kind === "MANUAL" ? ("manual" as const) : ("correction" as const),
      reason: n.reason,
      createdAt: n.createdAt.toISOString(),
      lines: (n.lines as StoredNoteLine[]).map((l) => ({
        description: l.description,
        quantityBefore: l.quantityBefore,
        quantity: l.quantity,
        amount: moneyDto(BigInt(l.amountMinor), currency),
        events: l.events ?? null,
      })),
    })),
    supplements: (
      await prisma.invoice.findMany({
        where: { customerId, parentInvoiceId: row.id },
        orderBy: { createdAt: "asc" },
      })
    ).map((s) => ({
      number: s.number ?? "draft",
      status: s.status.toLowerCase(),
      total: moneyDto(s.totalMinor, currency),
      amountDue: moneyDto(s.amountDueMinor, currency),
    })),
    parentNumber: row.parentInvoiceId
      ? ((
          await prisma.invoice.findUnique({
            where: { customerId_id: { customerId, id: row.parentInvoiceId } },
            select: { number: true },
          })
        )?.number ?? null)
      : null,
  };
}
