import type { CreditNoteDto, InvoiceDetail } from "../get-invoice";
import { formatDay } from "@/lib/dates/format-date";
import { formatQuantity } from "@/lib/money/format-major";
import type { PdfRow } from "./invoice-pdf-rows";

const quantity = (q: string | null) => (q === null ? "-" : formatQuantity(q));

/** The right-hand details of a credit note: its number, the invoice it credits, when, and why. */
export function creditNoteMetaRows(invoice: InvoiceDetail, note: CreditNoteDto): [string, string][] {
  return [
    ["Number", note.number],
    ["Invoice", invoice.number],
    ["Issued", formatDay(new Date(note.createdAt))],
    ["Period", `${formatDay(new Date(invoice.period.start))} - ${formatDay(new Date(invoice.period.end))}`],
  ];
}

/** Each changed line with its quantity before and after (an admin's note: its reason). Amounts are negative. */
export function creditNoteRows(note: CreditNoteDto): PdfRow[] {
  return note.lines.map((l) => ({
    description: l.description,
    amount: l.amount.formatted.startsWith("-") ? l.amount.formatted : `-${l.amount.formatted}`,
    tiers:
      l.quantityBefore !== null || l.quantity !== null
        ? [{ text: `Quantity ${quantity(l.quantityBefore)} -> ${quantity(l.quantity)}`, amount: "" }]
        : [],
  }));
}

/** Where the credit went, part by part, and last the total credited. */
export function creditNoteTotalRows(note: CreditNoteDto): [string, string][] {
  const refund = note.refundStatus === "pending" ? "Refund to card (pending)" : "Refunded to card";
  const parts: [string, { amountMinor: number; formatted: string }][] = [
    ["Credits returned", note.creditsReturned],
    ["Off the invoice's amount due", note.appliedToInvoice],
    [refund, note.refundedToCard],
    ["To the credit balance", note.creditedToBalance],
  ];
  return [
    ...parts
      .filter(([, m]) => m.amountMinor !== 0)
      .map(([label, m]): [string, string] => [label, m.formatted]),
    ["Total credited", note.total.formatted],
  ];
}
