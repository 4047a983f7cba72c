import type Stripe from "stripe";

/**
 * A card's refusal (Stripe's StripeCardError), recognised by its `type` rather than `instanceof`: the
 * production build may load the SDK more than once, and an error from one copy is no instance of another's
 * class (the charge jobs then took a decline for an outage and retried it).
 */
export function isCardError(e: unknown): e is Stripe.errors.StripeCardError {
  return typeof e === "object" && e !== null && (e as { type?: unknown }).type === "StripeCardError";
}
