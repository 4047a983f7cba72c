import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { endpointDto, type EndpointDto } from "./endpoint-dto";
import { generateWebhookSecret } from "./generate-secret";
import { getWebhookEndpoint } from "./get-webhook-endpoint";
import { sealSecret } from "./secret-box";

/** How long the old secret keeps signing beside the new one, so receivers can switch without losing events. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** Makes a new signing secret (returned once); the current one keeps signing beside it for 24 hours. */
export async function rotateWebhookSecret(actor: Actor, id: string, now = new Date()): Promise<EndpointDto & { secret: string }> {
  assertAdmin(actor);
  await getWebhookEndpoint(actor, id);
  const secret = generateWebhookSecret();
  const endpoint = await prisma.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ secret_encrypted: string }[]>`SELECT secret_encrypted FROM webhook_endpoints WHERE id = ${id}::uuid FOR UPDATE`;
    const updated = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secretEncrypted: sealSecret(secret),
        previousSecretEncrypted: current.secret_encrypted,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      },
    });
    await recordAudit(actor, "webhook_endpoint.secret_rotated", id, {}, tx);
    return updated;
  });
  return { ...endpointDto(endpoint, now), secret };
}
