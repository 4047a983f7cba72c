import "server-only";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * What of an invoice's card payment can still go back to the card: its latest succeeded payment's amount,
 * less what credit notes already refund (or are refunding) from that PaymentIntent. Null: no card paid it.
 */
export async function cardRefundable(
  tx: Prisma.TransactionClient,
  customerId: string,
  invoiceId: string,
): Promise<{ paymentIntentId: string; refundableMinor: bigint } | null> {
  const paid = await tx.invoicePaymentAttempt.findFirst({
    where: { customerId, invoiceId, status: "SUCCEEDED", paymentIntentId: { not: null } },
    orderBy: { attempt: "desc" },
  });
  if (!paid?.paymentIntentId) return null;
  const refunded = await tx.creditNote.aggregate({
    where: { customerId, refundPaymentIntentId: paid.paymentIntentId },
    _sum: { refundedToCardMinor: true },
  });
  const left = paid.amountMinor - (refunded._sum.refundedToCardMinor ?? 0n);
  return { paymentIntentId: paid.paymentIntentId, refundableMinor: left > 0n ? left : 0n };
}
