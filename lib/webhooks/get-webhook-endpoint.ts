import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";
import { endpointDto, type EndpointDto } from "./endpoint-dto";

export async function getWebhookEndpoint(actor: Actor, id: string): Promise<EndpointDto> {
  assertAdmin(actor);
  const endpoint = isUuid(id) ? await prisma.webhookEndpoint.findUnique({ where: { id } }) : null;
  if (!endpoint) throw new AppError("NOT_FOUND", "No such webhook endpoint");
  return endpointDto(endpoint);
}
