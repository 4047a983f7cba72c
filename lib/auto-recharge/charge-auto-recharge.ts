import "server-only";
import { isCardError } from "@/lib/payments/card-error";
import { prisma } from "@/lib/db/client";
import { purchaseMetadata } from "@/lib/payments/purchase-metadata";
import { recordPaymentFailure } from "@/lib/payments/record-payment-failure";
import { stripeClient } from "@/lib/payments/stripe-client";

/**
 * The auto_recharge.charge job: creates and confirms the crossing's off-session PaymentIntent with the saved
 * card, idempotency key recharge:<customer>:<crossing>, so a retried job never charges twice. Credits land
 * on payment_intent.succeeded (the webhook); a decline is recorded here at once (and again, harmlessly, by
 * payment_intent.payment_failed). Other errors throw, and the job is retried with the same key.
 */
export async function chargeAutoRecharge(payload: Record<string, unknown>): Promise<void> {
  const customerId = String(payload.customerId ?? "");
  const purchaseId = String(payload.purchaseId ?? "");
  const purchase = await prisma.creditPurchase.findUnique({
    where: { customerId_id: { customerId, id: purchaseId } },
    include: {
      wallet: { include: { customer: { select: { stripeCustomerId: true } }, autoRecharge: true } },
    },
  });
  if (!purchase || purchase.status !== "PENDING" || purchase.kind !== "AUTO_RECHARGE") return;
  const ref = { customerId, purchaseId, kind: "auto_recharge" as const, saveCard: false };
  const stripeCustomer = purchase.wallet.customer.stripeCustomerId;
  const paymentMethod = purchase.wallet.autoRecharge?.paymentMethodId;
  if (!stripeCustomer || !paymentMethod) {
    await prisma.$transaction((tx) =>
      recordPaymentFailure(tx, ref, { paymentIntentId: null, message: "No saved card to charge" }),
    );
    return;
  }
  try {
    const pi = await stripeClient().paymentIntents.create(
      {
        amount: Number(purchase.priceMinor),
        currency: purchase.currency.toLowerCase(),
        customer: stripeCustomer,
        payment_method: paymentMethod,
        off_session: true,
        confirm: true,
        description: `Meterly auto-recharge: ${purchase.packName}`,
        metadata: purchaseMetadata({ ...ref, packId: purchase.packId }),
      },
      { idempotencyKey: `recharge:${customerId}:${purchase.crossingSeq}` },
    );
    await prisma.creditPurchase.updateMany({
      where: { customerId, id: purchaseId, paymentIntentId: null },
      data: { paymentIntentId: pi.id },
    });
  } catch (e) {
    if (!isCardError(e)) throw e;
    const piId = e.payment_intent?.id ?? null;
    await prisma.$transaction((tx) =>
      recordPaymentFailure(tx, ref, { paymentIntentId: piId, message: e.message }),
    );
  }
}
