import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { parseAmount } from "@/lib/ledger/admin-credit-input";
import { formatMinor } from "@/lib/money/format";
import { fromMinorUnits } from "@/lib/money/round";
import { lockCustomer } from "@/lib/subscriptions/lock-customer";
import { lockInvoice } from "../collection/lock-invoice";
import { issueCreditNote, type IssuedCreditNote } from "./issue-credit-note";
import { manualCreditNoteInput } from "./manual-credit-note-input";

const CREDITABLE = new Set(["OPEN", "PAID", "UNCOLLECTIBLE"]);

/**
 * An admin issues a credit note on a finalized invoice (a goodwill credit, a disputed charge): at most what
 * the invoice charged in money (its total less credits applied) less what earlier credit notes gave back of
 * it. Off the amount due while unpaid; on a paid invoice, to the card (refund) or the credit balance, as the
 * admin chooses. It lowers what is owed, not the period's charges, so invoice corrections leave it alone.
 * 409 for a draft or void invoice (naming its status), 422 for an amount out of range. Audited.
 */
export async function issueManualCreditNote(
  actor: Actor,
  customerId: string,
  invoiceId: string,
  input: unknown,
): Promise<IssuedCreditNote> {
  assertAdmin(actor);
  const p = manualCreditNoteInput.parse(input);
  if (!isUuid(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice");
  return prisma.$transaction(async (tx) => {
    await lockCustomer(tx, customerId);
    if (!(await lockInvoice(tx, customerId, invoiceId))) throw new AppError("NOT_FOUND", "No such invoice");
    const invoice = await tx.invoice.findUniqueOrThrow({
      where: { customerId_id: { customerId, id: invoiceId } },
      include: { creditNotes: { select: { totalMinor: true, creditsReturnedMinor: true } } },
    });
    if (!CREDITABLE.has(invoice.status) || !invoice.number)
      throw new AppError(
        "CONFLICT",
        `The invoice is ${invoice.status.toLowerCase()}: only an open, paid or uncollectible invoice takes a credit note`,
      );
    const currency = invoice.currency as Parameters<typeof parseAmount>[1];
    const amountMinor = parseAmount(p.amount, currency, { signed: false });
    const given = invoice.creditNotes.reduce((s, n) => s + n.totalMinor - n.creditsReturnedMinor, 0n);
    const creditable = invoice.totalMinor - invoice.creditsMinor - given;
    if (amountMinor > creditable) {
      const message = `at most ${formatMinor(creditable > 0n ? creditable : 0n, currency)} is left to credit on this invoice`;
      throw new AppError("UNPROCESSABLE", `amount: ${message}`, {
        problems: [{ field: "amount", rule: "max_creditable", message }],
      });
    }
    const note = await issueCreditNote(tx, {
      invoice,
      seq: invoice.creditNotes.length + 1,
      kind: "MANUAL",
      reason: p.reason,
      lines: [
        {
          kind: "ADJUSTMENT",
          description: p.reason,
          subscriptionId: null,
          meterId: null,
          quantity: null,
          quantityBefore: null,
          amountExact: fromMinorUnits(-amountMinor, currency).toFixed(),
          amountMinor: (-amountMinor).toString(),
        },
      ],
      owedMinor: amountMinor,
      creditsReturnedMinor: 0n,
      settlement: p.settlement === "refund" ? "REFUND" : "BALANCE",
      createdById: actor.userId,
    });
    await recordAudit(
      actor,
      "credit_note.issued",
      customerId,
      {
        number: note.number,
        amountMinor: amountMinor.toString(),
        reason: p.reason,
        settlement: p.settlement,
      },
      tx,
    );
    return note;
  });
}
