import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { assertAdmin } from "@/lib/auth/assert-role";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { generateApiKey } from "./key-format";

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  customerId: z.uuid("customerId must be a customer id").nullish(),
  scope: z.enum(["FULL", "INGEST", "READ"], "scope must be FULL, INGEST or READ").default("FULL"),
});

/** Creates an API key with its scope (FULL unless chosen). The secret is returned once and never stored: only its hash and prefix are. */
export async function createApiKey(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { name, customerId, scope } = createApiKeyInput.parse(input);
  if (
    customerId &&
    !(await prisma.customer.findUnique({ where: { id: customerId }, select: { id: true } }))
  ) {
    throw new AppError("UNPROCESSABLE", "Unknown customer", {
      problems: [{ field: "customerId", rule: "known_customer", message: "No such customer" }],
    });
  }
  const { secret, prefix, hash } = generateApiKey();
  const key = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name, prefix, hash, scope, customerId: customerId ?? null, createdById: actor.userId },
    });
    await recordAudit(actor, "api_key.created", created.id, { name, prefix, scope, customerId: customerId ?? null }, tx);
    return created;
  });
  return { id: key.id, name: key.name, prefix: key.prefix, customerId: key.customerId, scope: key.scope, secret };
}
