import "server-only";
import { prisma } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { grantCredits } from "@/lib/ledger/grant-credits";
import { stripeClient } from "@/lib/payments/stripe-client";

/**
 * The credit_note.refund job: refunds a credit note's card part to the PaymentIntent that paid its invoice,
 * with an idempotency key naming the note (a retried job never refunds twice). Stripe refusing the refund
 * for good (an invalid request: the charge was refunded elsewhere, disputed, too old) moves that part to the
 * customer's credit balance instead, so the customer is owed nothing twice and nothing is lost. Other errors
 * (Stripe unreachable) throw, and the job is retried.
 */
export async function refundCreditNote(payload: Record<string, unknown>): Promise<void> {
  const customerId = String(payload.customerId ?? "");
  const id = String(payload.creditNoteId ?? "");
  const note = await prisma.creditNote.findUnique({ where: { customerId_id: { customerId, id } } });
  if (!note || note.refundStatus !== "PENDING" || !note.refundPaymentIntentId) return;
  try {
    const refund = await stripeClient().refunds.create(
      {
        payment_intent: note.refundPaymentIntentId,
        amount: Number(note.refundedToCardMinor),
        reason: "requested_by_customer",
        metadata: { meterly_credit_note: note.number, meterly_customer_id: customerId },
      },
      { idempotencyKey: `credit-note:${note.id}:refund` },
    );
    await prisma.creditNote.updateMany({
      where: { customerId, id, refundStatus: "PENDING" },
      data: { refundStatus: "SUCCEEDED", refundId: refund.id },
    });
  } catch (e) {
    if (!isInvalidRequest(e)) throw e;
    await creditInstead(customerId, id, e instanceof Error ? e.message : String(e));
  }
}

/** Stripe's refusal of the request itself, by `type` (see lib/payments/card-error.ts for why not instanceof). */
function isInvalidRequest(e: unknown): boolean {
  return (
    typeof e === "object" && e !== null && (e as { type?: unknown }).type === "StripeInvalidRequestError"
  );
}

async function creditInstead(customerId: string, id: string, message: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const [note] = await tx.$queryRaw<{ refund_status: string | null }[]>`
      SELECT refund_status::text FROM credit_notes WHERE customer_id = ${customerId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    if (note?.refund_status !== "PENDING") return;
    const current = await tx.creditNote.findUniqueOrThrow({ where: { customerId_id: { customerId, id } } });
    const granted = await grantCredits(prismaSql(tx), {
      customerId,
      kind: "ADJUSTMENT",
      amountMinor: current.refundedToCardMinor,
      currency: current.currency,
      description: `Credit note ${current.number} (the card refund was refused)`,
      sourceKey: `credit-note:${current.number}:refund-refused`,
    });
    await tx.creditNote.update({
      where: { customerId_id: { customerId, id } },
      data: {
        refundStatus: "FAILED",
        refundFailure: message,
        creditedToBalanceMinor: current.creditedToBalanceMinor + current.refundedToCardMinor,
        refundedToCardMinor: 0n,
        grantId: current.grantId ?? granted?.grantId ?? null,
      },
    });
  });
}
