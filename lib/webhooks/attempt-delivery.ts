import "server-only";
import { prisma } from "@/lib/db/client";
import { buildWebhookEvent } from "./build-event";
import type { ClaimedDelivery } from "./claim-deliveries";
import { checkEndpointAddress } from "./check-endpoint-address";
import { postWebhook, type PostResult } from "./post-webhook";
import { recordDeliveryOutcome, type DeliveryOutcome } from "./record-delivery-outcome";
import { signWebhook } from "./sign-webhook";
import { signingSecrets } from "./signing-secrets";

export type AttemptOptions = { now: Date; random?: () => number; timeoutMs?: number; allowPrivate?: boolean };

/**
 * Makes one HTTP attempt of a claimed delivery, outside any transaction: builds the event, signs it with
 * Standard Webhooks headers (webhook-id is the event's id, the same on every attempt; webhook-timestamp is
 * now), posts it, and records the outcome.
 */
export async function attemptDelivery(claimed: ClaimedDelivery, opts: AttemptOptions): Promise<DeliveryOutcome> {
  const d = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: claimed.id }, include: { endpoint: true, notification: true } });
  const customer = await prisma.customer.findUniqueOrThrow({ where: { id: d.customerId }, select: { externalId: true } });
  const event = buildWebhookEvent({ ...d.notification, sequence: d.sequence, externalId: customer.externalId });
  const body = JSON.stringify(event);
  const timestamp = Math.floor(opts.now.getTime() / 1000);
  let result: PostResult;
  const address = await checkEndpointAddress(d.endpoint.url, opts.allowPrivate);
  if (!address.ok) {
    result = { statusCode: null, latencyMs: 0, body: "", error: `Not sent: ${address.message}`, retryAfter: null };
  } else {
    const headers = {
      "webhook-id": event.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook(signingSecrets(d.endpoint, opts.now), { id: event.id, timestamp, body }),
    };
    result = await postWebhook(d.endpoint.url, headers, body, opts.timeoutMs);
  }
  return recordDeliveryOutcome({ id: d.id, endpointId: d.endpointId, attempts: claimed.attempts }, result, opts.now, opts.random?.());
}
