import "server-only";
import { cardLabel } from "@/lib/payments/purchase-metadata";
import { stripeClient } from "@/lib/payments/stripe-client";

/** The card a PaymentIntent was paid with, to keep for auto-recharge (read from Stripe before any transaction). */
export async function savedCard(
  paymentMethod: string | { id: string } | null | undefined,
): Promise<{ id: string; label: string | null } | null> {
  const id = typeof paymentMethod === "string" ? paymentMethod : (paymentMethod?.id ?? null);
  if (!id) return null;
  try {
    return { id, label: cardLabel(await stripeClient().paymentMethods.retrieve(id)) };
  } catch (e) {
    console.error("could not read the saved card:", e instanceof Error ? e.message : e);
    return { id, label: null };
  }
}

/** The payment method of a PaymentIntent named by id. */
export async function paymentMethodOf(paymentIntentId: string): Promise<string | null> {
  const pi = await stripeClient().paymentIntents.retrieve(paymentIntentId);
  return typeof pi.payment_method === "string" ? pi.payment_method : (pi.payment_method?.id ?? null);
}
