import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { endpointDto, type EndpointDto } from "./endpoint-dto";
import { getWebhookEndpoint } from "./get-webhook-endpoint";

/**
 * Turns an endpoint on or off. Its pending deliveries wait while it is off and go out, in order, when it is on
 * again; turning it on clears why it was turned off and the failing streak.
 */
export async function setWebhookEndpointEnabled(actor: Actor, id: string, enabled: boolean): Promise<EndpointDto> {
  assertAdmin(actor);
  await getWebhookEndpoint(actor, id);
  const endpoint = await prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id },
      data: enabled ? { enabled: true, disabledReason: null, failingSince: null } : { enabled: false, disabledReason: "Turned off by an admin" },
    });
    await recordAudit(actor, enabled ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled", id, {}, tx);
    return updated;
  });
  return endpointDto(endpoint);
}
