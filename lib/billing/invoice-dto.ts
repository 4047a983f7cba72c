import type { CurrencyCode } from "@/lib/money/currencies";
import { parseCurrency } from "@/lib/money/currencies";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import type { BillTo } from "./bill-to";
import type { ComposedInvoice, ComposedLine, InvoiceLineKind } from "./invoice-types";

export type InvoiceLineDto = {
  kind: InvoiceLineKind;
  description: string;
  from: string;
  to: string;
  meterId: string | null;
  quantity: string | null;
  includedUnits: string | null;
  /** Unrounded, major units. */
  amountExact: string;
  amount: MoneyDto;
  details: unknown;
};

export type InvoiceStatusDto = "upcoming" | "draft" | "open" | "paid" | "void" | "uncollectible";

export type InvoiceDto = {
  id: string | null;
  /** "draft" until finalized (and for the upcoming invoice). */
  number: string;
  status: InvoiceStatusDto;
  currency: CurrencyCode;
  period: { start: string; end: string };
  lines: InvoiceLineDto[];
  total: MoneyDto;
  creditsApplied: MoneyDto;
  amountDue: MoneyDto;
  amountPaid: MoneyDto;
  billTo: BillTo | null;
  finalizedAt: string | null;
  dueAt: string | null;
  paidAt: string | null;
  /** Drafts: when the grace period ends and it is finalized. */
  finalizeAfter: string | null;
  /** "supplement": usage added to a finalized period later (its number is the parent's with -S<n>). */
  kind: "standard" | "supplement";
  /** Credit notes that lowered the amount due while it was unpaid. */
  creditNotesApplied: MoneyDto;
  /** The latest failed payment and the next automatic try (dunning), while it is unpaid. */
  paymentFailure: { at: string; message: string; nextAttemptAt: string | null } | null;
};

export type InvoiceSummaryDto = Omit<InvoiceDto, "lines" | "billTo">;

export function lineDto(l: ComposedLine, currency: CurrencyCode): InvoiceLineDto {
  return {
    kind: l.kind,
    description: l.description,
    from: l.fromAt.toISOString(),
    to: l.toAt.toISOString(),
    meterId: l.meterId,
    quantity: l.quantity,
    includedUnits: l.includedUnits,
    amountExact: l.amountExact,
    amount: moneyDto(l.amountMinor, currency),
    details: l.details,
  };
}

/** The upcoming invoice: the open period composed so far. */
export function upcomingDto(inv: ComposedInvoice): InvoiceDto {
  const c = inv.currency;
  return {
    id: null,
    number: "draft",
    status: "upcoming",
    currency: c,
    period: { start: inv.periodStart.toISOString(), end: inv.periodEnd.toISOString() },
    lines: inv.lines.map((l) => lineDto(l, c)),
    total: moneyDto(inv.totalMinor, c),
    creditsApplied: moneyDto(inv.creditsMinor, c),
    amountDue: moneyDto(inv.amountDueMinor, c),
    amountPaid: moneyDto(0n, c),
    billTo: null,
    finalizedAt: null,
    dueAt: null,
    paidAt: null,
    finalizeAfter: null,
    kind: "standard",
    creditNotesApplied: moneyDto(0n, c),
    paymentFailure: null,
  };
}

type InvoiceRow = {
  id: string;
  number: string | null;
  status: string;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  totalMinor: bigint;
  creditsMinor: bigint;
  amountDueMinor: bigint;
  amountPaidMinor: bigint;
  finalizedAt: Date | null;
  dueAt: Date | null;
  paidAt: Date | null;
  finalizeAfter: Date;
  kind: string;
  creditNotesMinor: bigint;
  paymentFailedAt: Date | null;
  lastPaymentError: string | null;
  nextPaymentAttemptAt: Date | null;
};

export function invoiceSummaryDto(r: InvoiceRow): InvoiceSummaryDto {
  const c = parseCurrency(r.currency);
  return {
    id: r.id,
    number: r.number ?? "draft",
    status: r.status.toLowerCase() as InvoiceStatusDto,
    currency: c,
    period: { start: r.periodStart.toISOString(), end: r.periodEnd.toISOString() },
    total: moneyDto(r.totalMinor, c),
    creditsApplied: moneyDto(r.creditsMinor, c),
    amountDue: moneyDto(r.amountDueMinor, c),
    amountPaid: moneyDto(r.amountPaidMinor, c),
    finalizedAt: r.finalizedAt?.toISOString() ?? null,
    dueAt: r.dueAt?.toISOString() ?? null,
    paidAt: r.paidAt?.toISOString() ?? null,
    finalizeAfter: r.status === "DRAFT" ? r.finalizeAfter.toISOString() : null,
    kind: r.kind === "SUPPLEMENT" ? "supplement" : "standard",
    creditNotesApplied: moneyDto(r.creditNotesMinor, c),
    paymentFailure:
      r.paymentFailedAt && (r.status === "OPEN" || r.status === "UNCOLLECTIBLE")
        ? {
            at: r.paymentFailedAt.toISOString(),
            message: r.lastPaymentError ?? "The payment failed",
            nextAttemptAt: r.nextPaymentAttemptAt?.toISOString() ?? null,
          }
        : null,
  };
}
