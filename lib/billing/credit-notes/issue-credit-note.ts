import "server-only";
import type { CreditNoteKind, CreditNoteSettlement, Prisma } from "@/lib/db/generated/client";
import { prismaSql } from "@/lib/db/sql";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { grantCredits } from "@/lib/ledger/grant-credits";
import { liftSuspensionIfSettled } from "../collection/account-suspension";
import { dropScheduledCharges } from "../collection/schedule-collection";
import type { StoredNoteLine } from "./note-line";
import { recordNotification } from "@/lib/notifications/record-notification";
import { recordInvoiceEvent } from "../invoice-event";
import { cardRefundable } from "./card-refundable";

/** The invoice a credit note lowers, as read (and locked) by the caller. */
export type CreditedInvoice = {
  customerId: string;
  id: string;
  number: string | null;
  currency: string;
  status: string;
  amountDueMinor: bigint;
  creditNotesMinor: bigint;
};

export type IssuedCreditNote = {
  kind: "credit_note";
  id: string;
  number: string;
  totalMinor: bigint;
  creditedToBalanceMinor: bigint;
  appliedToInvoiceMinor: bigint;
  refundedToCardMinor: bigint;
};

/**
 * Writes credit note <invoice number>-CN<seq> in the caller's transaction (customer and invoice locked) and
 * settles what the customer is owed (`owedMinor`), in this order: off the invoice's amount due while it is
 * unpaid (paying it when that reaches zero); then, when the settlement is REFUND, back to the card that
 * paid the invoice, as far as that payment goes (a credit_note.refund job makes the Stripe Refund after
 * commit, with an idempotency key naming the note); the rest to the customer's credit balance (an
 * ADJUSTMENT grant naming the note). `creditsReturnedMinor`: what credits had paid, already given back
 * by the ledger. The note's parts always add up to its total (a CHECK constraint holds it to that).
 */
export async function issueCreditNote(
  tx: Prisma.TransactionClient,
  c: {
    invoice: CreditedInvoice;
    seq: number;
    kind: CreditNoteKind;
    reason: string;
    lines: StoredNoteLine[];
    owedMinor: bigint;
    creditsReturnedMinor: bigint;
    settlement: CreditNoteSettlement;
    createdById?: string | null;
  },
): Promise<IssuedCreditNote> {
  const { invoice } = c;
  const number = `${invoice.number}-CN${c.seq}`;
  const unpaid = invoice.status === "OPEN" || invoice.status === "UNCOLLECTIBLE";
  const applied = unpaid ? min(c.owedMinor, invoice.amountDueMinor) : 0n;
  if (applied > 0n) {
    const due = invoice.amountDueMinor - applied;
    await tx.invoice.update({
      where: { customerId_id: { customerId: invoice.customerId, id: invoice.id } },
      data: {
        creditNotesMinor: invoice.creditNotesMinor + applied,
        amountDueMinor: due,
        ...(due === 0n ? { status: "PAID", paidAt: new Date(), nextPaymentAttemptAt: null } : {}),
      },
    });
    if (due === 0n) {
      await dropScheduledCharges(tx, invoice.customerId, invoice.id);
      await liftSuspensionIfSettled(tx, invoice.customerId);
      await recordInvoiceEvent(tx, "invoice.paid", invoice.customerId, invoice.id, {
        by: "credit_note",
        creditNote: number,
      });
    }
  }
  let rest = c.owedMinor - applied;
  let refund: { paymentIntentId: string; amountMinor: bigint } | null = null;
  if (rest > 0n && c.settlement === "REFUND") {
    const card = await cardRefundable(tx, invoice.customerId, invoice.id);
    if (card && card.refundableMinor > 0n) {
      refund = { paymentIntentId: card.paymentIntentId, amountMinor: min(rest, card.refundableMinor) };
      rest -= refund.amountMinor;
    }
  }
  let grantId: string | null = null;
  if (rest > 0n) {
    const granted = await grantCredits(prismaSql(tx), {
      customerId: invoice.customerId,
      kind: "ADJUSTMENT",
      amountMinor: rest,
      currency: invoice.currency,
      description: `Credit note ${number}`,
      sourceKey: `credit-note:${number}`,
    });
    grantId = granted?.grantId ?? null;
  }
  const note = await tx.creditNote.create({
    data: {
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      seq: c.seq,
      number,
      currency: invoice.currency,
      kind: c.kind,
      settlement: c.settlement,
      totalMinor: c.owedMinor + c.creditsReturnedMinor,
      creditsReturnedMinor: c.creditsReturnedMinor,
      appliedToInvoiceMinor: applied,
      creditedToBalanceMinor: rest,
      refundedToCardMinor: refund?.amountMinor ?? 0n,
      refundStatus: refund ? "PENDING" : null,
      refundPaymentIntentId: refund?.paymentIntentId ?? null,
      grantId,
      createdById: c.createdById ?? null,
      lines: c.lines as unknown as Prisma.InputJsonValue,
      reason: c.reason,
    },
  });
  await recordNotification(tx, invoice.customerId, "credit_note.created", {
    creditNoteId: note.id,
    number,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    kind: c.kind.toLowerCase(),
    reason: c.reason,
    currency: invoice.currency,
    totalMinor: note.totalMinor.toString(),
    creditsReturnedMinor: c.creditsReturnedMinor.toString(),
    appliedToInvoiceMinor: applied.toString(),
    refundedToCardMinor: (refund?.amountMinor ?? 0n).toString(),
    creditedToBalanceMinor: rest.toString(),
  });
  if (refund)
    await enqueueJob(prismaSql(tx), {
      kind: "credit_note.refund",
      key: `credit-note:${note.id}:refund`,
      payload: { customerId: invoice.customerId, creditNoteId: note.id },
    });
  return {
    kind: "credit_note",
    id: note.id,
    number,
    totalMinor: note.totalMinor,
    creditedToBalanceMinor: rest,
    appliedToInvoiceMinor: applied,
    refundedToCardMinor: refund?.amountMinor ?? 0n,
  };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
