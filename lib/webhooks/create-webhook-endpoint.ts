import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { checkEndpointAddress } from "./check-endpoint-address";
import { endpointDto, type EndpointDto } from "./endpoint-dto";
import { endpointInput } from "./endpoint-input";
import { generateWebhookSecret } from "./generate-secret";
import { sealSecret } from "./secret-box";

/**
 * Adds an endpoint (admins only). The signing secret is returned here once; the database keeps it encrypted
 * and no page or route shows it again. A URL that resolves to a private address is a 422 on `url`.
 */
export async function createWebhookEndpoint(actor: Actor, input: unknown, opts: { allowPrivate?: boolean } = {}): Promise<EndpointDto & { secret: string }> {
  assertAdmin(actor);
  const data = endpointInput.parse(input);
  const address = await checkEndpointAddress(data.url, opts.allowPrivate);
  if (!address.ok) {
    throw new AppError("UNPROCESSABLE", address.message, { problems: [{ field: "url", rule: address.rule, message: address.message }] });
  }
  const secret = generateWebhookSecret();
  const endpoint = await prisma.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({ data: { ...data, secretEncrypted: sealSecret(secret) } });
    await recordAudit(actor, "webhook_endpoint.created", created.id, { url: data.url, eventTypes: data.eventTypes }, tx);
    return created;
  });
  return { ...endpointDto(endpoint), secret };
}
