import "server-only";
import { prisma } from "@/lib/db/client";
import type { PostResult } from "./post-webhook";
import { nextAttemptAt, parseRetryAfter } from "./retry-schedule";

/** An endpoint that has failed every attempt for this long is turned off and the admins are emailed. */
export const FAILING_DISABLE_MS = 5 * 24 * 3_600_000;

export type DeliveryOutcome =
  | { kind: "succeeded" }
  | { kind: "retry"; at: Date }
  | { kind: "failed" }
  | { kind: "endpoint_disabled"; reason: string; failingForDays: boolean };

/**
 * Writes one attempt to the log and what follows from it, in one transaction: a 2xx delivered it (and ends
 * the endpoint's failing streak); a 410 turns the endpoint off; anything else is retried on the schedule,
 * no sooner than a 429's or 503's Retry-After, until the last attempt. The endpoint's failing streak starts
 * at its first failure; one failing for 5 days straight is turned off.
 */
export async function recordDeliveryOutcome(
  delivery: { customerId: string; id: bigint; endpointId: string; attempts: number },
  result: PostResult,
  now: Date,
  random?: number,
): Promise<DeliveryOutcome> {
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  return prisma.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        customerId: delivery.customerId,
        deliveryId: delivery.id,
        attempt: delivery.attempts,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseBody: result.body,
        error: result.error,
        createdAt: now,
      },
    });
    const key = { customerId_id: { customerId: delivery.customerId, id: delivery.id } };
    const common = { lockedUntil: null, lastStatusCode: result.statusCode, lastError: result.error };
    if (ok) {
      await tx.webhookDelivery.update({ where: key, data: { ...common, status: "SUCCEEDED", deliveredAt: now } });
      await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, failingSince: { not: null } }, data: { failingSince: null } });
      return { kind: "succeeded" };
    }
    if (result.statusCode === 410) {
      const reason = "The endpoint answered 410 Gone";
      await tx.webhookDelivery.update({ where: key, data: { ...common, status: "FAILED" } });
      await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { enabled: false, disabledReason: reason } });
      await tx.auditLog.create({ data: { actorKind: "system", actorId: null, action: "webhook_endpoint.disabled", target: delivery.endpointId, details: { reason } } });
      return { kind: "endpoint_disabled", reason, failingForDays: false };
    }
    const honoursRetryAfter = result.statusCode === 429 || result.statusCode === 503;
    const at = nextAttemptAt(now, delivery.attempts, { retryAfterMs: honoursRetryAfter ? parseRetryAfter(result.retryAfter, now) : null, random });
    await tx.webhookDelivery.update({ where: key, data: { ...common, ...(at ? { nextAttemptAt: at } : { status: "FAILED" }) } });
    await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, failingSince: null }, data: { failingSince: now } });
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: delivery.endpointId }, select: { failingSince: true, enabled: true } });
    const since = endpoint.failingSince ?? now;
    if (endpoint.enabled && now.getTime() - since.getTime() >= FAILING_DISABLE_MS) {
      const reason = `Every attempt failed for 5 days (since ${since.toISOString()})`;
      await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { enabled: false, disabledReason: reason } });
      await tx.auditLog.create({ data: { actorKind: "system", actorId: null, action: "webhook_endpoint.disabled", target: delivery.endpointId, details: { reason } } });
      return { kind: "endpoint_disabled", reason, failingForDays: true };
    }
    return at ? { kind: "retry", at } : { kind: "failed" };
  });
}
