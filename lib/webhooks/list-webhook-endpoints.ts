import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { endpointDto, type EndpointDto } from "./endpoint-dto";

export async function listWebhookEndpoints(actor: Actor): Promise<EndpointDto[]> {
  assertAdmin(actor);
  const rows = await prisma.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((e) => endpointDto(e));
}
