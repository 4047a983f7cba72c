import "server-only";
import type Stripe from "stripe";
import type { EventOutcome } from "@/lib/payments/apply-once";
import { onCheckoutSessionCompleted } from "./checkout-session-completed";
import { onCheckoutSessionExpired } from "./checkout-session-expired";
import { onPaymentIntentPaymentFailed } from "./payment-intent-payment-failed";
import { onPaymentIntentSucceeded } from "./payment-intent-succeeded";

/** The Stripe events Meterly acts on, one handler each; every other event is answered 200 and ignored. */
export const WEBHOOK_HANDLERS: Readonly<Record<string, (event: Stripe.Event) => Promise<EventOutcome>>> = {
  "checkout.session.completed": onCheckoutSessionCompleted,
  "checkout.session.expired": onCheckoutSessionExpired,
  "payment_intent.succeeded": onPaymentIntentSucceeded,
  "payment_intent.payment_failed": onPaymentIntentPaymentFailed,
};
