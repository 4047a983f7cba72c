import "server-only";
import Stripe from "stripe";
import { AppError } from "@/lib/errors/app-error";
import type { EventOutcome } from "@/lib/payments/apply-once";
import { webhookSecret } from "@/lib/payments/stripe-client";
import { WEBHOOK_HANDLERS } from "./";

/**
 * Verifies a webhook delivery's signature on the raw body before anything else (400 when it does not
 * verify: nothing is read or changed), then applies an allow-listed event once; others are ignored.
 */
export async function handleStripeWebhook(
  rawBody: string,
  signature: string | null,
): Promise<{ type: string; outcome: EventOutcome }> {
  const secret = webhookSecret();
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature ?? "", secret);
  } catch (e) {
    throw new AppError(
      "BAD_REQUEST",
      `Webhook signature verification failed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const handler = WEBHOOK_HANDLERS[event.type];
  if (!handler) return { type: event.type, outcome: "ignored" };
  return { type: event.type, outcome: await handler(event) };
}
