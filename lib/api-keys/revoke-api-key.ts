import "server-only";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { assertAdmin } from "@/lib/auth/assert-role";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { forgetApiKeys } from "./active-key-cache";
import { KEY_REVOKED_CHANNEL } from "./key-revocations";

/**
 * Revokes a key; it stops working at once: this process drops its cached keys after the commit, and
 * every instance listening on KEY_REVOKED_CHANNEL hears the notification the commit delivers.
 */
export async function revokeApiKey(actor: Actor, keyId: string): Promise<void> {
  assertAdmin(actor);
  if (!isUuid(keyId)) throw new AppError("NOT_FOUND", "No active API key with that id");
  await prisma.$transaction(async (tx) => {
    const res = await tx.apiKey.updateManyAndReturn({
      where: { id: keyId, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { name: true, prefix: true, customerId: true },
    });
    if (res.length === 0) throw new AppError("NOT_FOUND", "No active API key with that id");
    const { name, prefix, customerId } = res[0];
    await recordAudit(actor, "api_key.revoked", keyId, { name, prefix, customerId }, tx);
    await tx.$executeRaw`SELECT pg_notify(${KEY_REVOKED_CHANNEL}, ${keyId})`;
  });
  forgetApiKeys();
}
