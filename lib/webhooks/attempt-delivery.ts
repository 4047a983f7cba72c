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
  const d = await prisma.webhookDelivery.findUniqueOrThrow({ where: { customerId_id: { customerId: claimed.customerId, id: claimed.id } }, include: { endpoint: true, notification: true } });
  const customer = await prisma.customer.findUniqueOrThrow({ where: { id: d.customerId }, select: { externalId: true } });
  const event = buildWebhookEvent({ ...d.notification, sequence: d.sequence, externalId: customer.externalId });
  const body = JSON.stringify(event);
  const result = await send(d.endpoint, event.id, body, opts);
  return recordDeliveryOutcome({ customerId: d.customerId, id: d.id, endpointId: d.endpointId, attempts: claimed.attempts }, result, opts.now, opts.random?.());
}

/** Signs and posts one attempt; a refused address or a secret that no longer decrypts is a failed attempt. */
async function send(
  endpoint: { url: string; secretEncrypted: string; previousSecretEncrypted: string | null; previousSecretExpiresAt: Date | null },
  id: string,
  body: string,
  opts: AttemptOptions,
): Promise<PostResult> {
  const notSent = (error: string): PostResult => ({ statusCode: null, latencyMs: 0, body: "", error: `Not sent: ${error}`, retryAfter: null });
  const address = await checkEndpointAddress(endpoint.url, opts.allowPrivate);
  if (!address.ok) return notSent(address.message);
  const timestamp = Math.floor(opts.now.getTime() / 1000);
  let signature: string;
  try {
    signature = signWebhook(signingSecrets(endpoint, opts.now), { id, timestamp, body });
  } catch (e) {
    // NEXTAUTH_SECRET changed since the secret was stored: retried on the schedule like any failure.
    return notSent(`could not sign (${e instanceof Error ? e.message : String(e)})`);
  }
  const headers = { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature };
  return postWebhook(endpoint.url, headers, body, opts.timeoutMs);
}
